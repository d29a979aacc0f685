"""The applicant states facts with evidence (R02 institutional investment) on a page of the draft;
only the owner may; the evidence is checked by content; a new statement needs a new check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from applications.models import ApplicationClaim
from tests.applications.factories import complete_application
from tests.applications.files import pdf_bytes
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("other", 403), ("staff", 200), ("anonymous", 302)]
)
def test_claims_page_by_role(who, status):
    """Reading follows the one ownership rule (staff and the named PI read); only the owner states."""
    app = complete_application()
    user = {"owner": app.applicant, "other": UserFactory(role=Role.APPLICANT),
            "staff": UserFactory(role=Role.STAFF), "anonymous": None}[who]  # fmt: skip
    response = _client(user).get(reverse("rules_2024:claims", args=[app.pk]))
    assert response.status_code == status
    if who == "staff":
        assert 'id="claim-form"' not in response.content.decode()
        posted = _client(user).post(reverse("rules_2024:claims", args=[app.pk]), {"kind": "x"})
        assert posted.status_code == 403


def test_owner_states_investment_with_pdf_evidence():
    app = complete_application()
    url = reverse("rules_2024:claims", args=[app.pk])
    client = _client(app.applicant)
    fake = client.post(url, {"kind": "institutional_investment", "amount_krw": "3000000000",
                             "evidence": SimpleUploadedFile("x.pdf", b"not a pdf")})  # fmt: skip
    assert fake.status_code == 422 and b"id_evidence_error" in fake.content
    assert not ApplicationClaim.objects.exists()
    ok = client.post(url, {"kind": "institutional_investment", "amount_krw": "3000000000",
                           "counterpart": "KDB산업은행", "evidence": SimpleUploadedFile("ir.pdf", pdf_bytes("ir"))})  # fmt: skip
    assert ok.status_code == 302
    claim = ApplicationClaim.objects.get()
    assert claim.amount_krw == 3_000_000_000 and claim.evidence is not None and not claim.verified
    claim.verified = True
    claim.save()
    client.post(url, {"kind": "institutional_investment", "amount_krw": "3100000000"})
    claim.refresh_from_db()
    assert claim.amount_krw == 3_100_000_000 and not claim.verified  # changed: checked again


def test_index_lists_drafts_of_programmes_that_read_claims():
    from applications.models import Application
    from programs.models import Program

    app = complete_application()
    client = _client(app.applicant)
    index = reverse("rules_2024:claims-index")
    assert (
        reverse("rules_2024:claims", args=[app.pk]).encode() not in client.get(index).content
    )  # INV
    Application.objects.filter(pk=app.pk).update(program=Program.objects.get(code="R02"))
    assert reverse("rules_2024:claims", args=[app.pk]).encode() in client.get(index).content
    assert _client(UserFactory(role=Role.STAFF)).get(index).status_code == 403
