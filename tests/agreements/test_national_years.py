"""R16 after the letter: the national selection makes a multi-year agreement, and each year's city
instalment follows the national annual result and that year's national grant (seed 000 Ⅳ-⑯:
"국비는 중앙정부 연차평가결과에 따라 변동"), through the gate named in the catalogue."""

import pytest

from agreements.domain.gates import evaluate_gates, gate_codes
from agreements.domain.national_matching import MatchingRefused
from agreements.domain.national_years import record_national_selection, record_national_year
from agreements.domain.payments import ensure_instalments, refresh_instalments
from agreements.enums import AgreementStatus
from agreements.models import Agreement, CommitmentStatus, Instalment
from config.locking import AlreadyDecided
from tests.agreements.money_helpers import TODAY, guarantees_green  # noqa: F401
from tests.agreements.national_matching_helpers import approved_request, nm_staff

pytestmark = pytest.mark.django_db
GRANTS = [1_000_000_000, 1_200_000_000, 900_000_000]


def _selected():
    request = approved_request(grants=GRANTS)
    staff = nm_staff("nm-staff-2")
    request = record_national_selection(
        request_id=request.pk,
        selected=True,
        actor=staff,
        national_grants_krw=[800_000_000, *GRANTS[1:]],
    )
    Agreement.objects.filter(pk=request.agreement_id).update(status=AgreementStatus.ACTIVE)
    request.agreement.refresh_from_db()
    ensure_instalments(agreement=request.agreement)
    return request, staff


def _gate(agreement, year_no):
    instalment = Instalment.objects.get(agreement=agreement, year_no=year_no)
    return next(
        r
        for r in evaluate_gates(instalment=instalment, today=TODAY)
        if r.code == "national_year_result"
    )


def test_selection_makes_a_multi_year_agreement_from_the_national_period(catalogue):
    request, _staff = _selected()
    agreement = request.agreement
    assert request.status == CommitmentStatus.SELECTED
    assert "national_year_result" in gate_codes(agreement.program)
    years = list(agreement.years.order_by("year_no").values_list("year_no", "city_grant_krw"))
    # year 1 follows the selected national grant (800 M → 80 M), not the requested one
    assert years == [(1, 80_000_000), (2, 120_000_000), (3, 90_000_000)]
    assert (agreement.starts_on, agreement.ends_on) == (request.starts_on, request.ends_on)


def test_not_selected_ends_the_request_without_an_agreement(catalogue):
    request = approved_request()
    done = record_national_selection(request_id=request.pk, selected=False, actor=nm_staff())
    assert done.status == CommitmentStatus.NOT_SELECTED and done.agreement_id is None
    with pytest.raises(AlreadyDecided):
        record_national_selection(request_id=request.pk, selected=True, actor=nm_staff("x"))


@pytest.mark.usefixtures("guarantees_green")
def test_each_year_follows_the_national_result_and_grant(catalogue):
    request, staff = _selected()
    agreement = request.agreement
    assert _gate(agreement, 1).ok
    blocked = _gate(agreement, 2)
    assert not blocked.ok and "not recorded" in blocked.message_en
    with pytest.raises(MatchingRefused):  # year 3 before year 2
        record_national_year(request_id=request.pk, year_no=3, result="continue",
                             national_grant_krw=900_000_000, actor=staff)  # fmt: skip
    record_national_year(request_id=request.pk, year_no=2, result="reduced",
                         national_grant_krw=1_000_000_999, actor=staff)  # fmt: skip
    refresh_instalments(agreement=agreement, today=TODAY)
    year2 = Instalment.objects.get(agreement=agreement, year_no=2)
    assert year2.amount_krw == 100_000_000  # ⌊1,000,000,999 × 10 % / 1,000⌋ × 1,000
    assert _gate(agreement, 2).ok and year2.status == "payable"
    with pytest.raises(AlreadyDecided):
        record_national_year(request_id=request.pk, year_no=2, result="continue",
                             national_grant_krw=1, actor=staff)  # fmt: skip


@pytest.mark.usefixtures("guarantees_green")
def test_a_national_stop_stops_the_city_instalment(catalogue):
    request, staff = _selected()
    agreement = request.agreement
    record_national_year(request_id=request.pk, year_no=2, result="continue",
                         national_grant_krw=1_200_000_000, actor=staff)  # fmt: skip
    record_national_year(request_id=request.pk, year_no=3, result="stopped",
                         national_grant_krw=0, actor=staff)  # fmt: skip
    refresh_instalments(agreement=agreement, today=TODAY)
    stopped = _gate(agreement, 3)
    assert not stopped.ok and "stopped" in stopped.message_en
    assert Instalment.objects.get(agreement=agreement, year_no=3).status == "planned"
    assert agreement.years.get(year_no=3).city_grant_krw == 0
    agreement.refresh_from_db()
    assert agreement.city_grant_krw == 80_000_000 + 120_000_000
