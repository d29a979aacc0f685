import pytest

from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus
from agreements.models.payments import Instalment
from tests.agreements.factories import agreement_for


@pytest.mark.django_db
def test_activation_creates_one_instalment_per_year(catalogue):
    agreement = agreement_for(years=2, status=AgreementStatus.AWAITING_SIGNATURES)
    set_agreement_status(agreement=agreement, status=AgreementStatus.ACTIVE, actor=None)
    assert list(
        Instalment.objects.filter(agreement=agreement).values_list("year_no", "amount_krw")
    ) == [(1, 400_000_000), (2, 400_000_000)]
