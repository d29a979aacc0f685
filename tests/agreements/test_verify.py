"""The public verification page: summary, PDF hash check, unknown codes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus
from tests.agreements.factories import agreement_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def agreement(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    agreement = agreement_for(status=AgreementStatus.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    return agreement


def url(code: str) -> str:
    return reverse("verify:agreement", args=[code])


def test_anyone_sees_the_summary(agreement):
    response = Client().get(url(agreement.verify_code))
    assert response.status_code == 200
    html = response.content.decode()
    version = agreement.versions.get()
    assert agreement.lead_institution.name in html and "서울경제진흥원" in html
    assert version.pdf_sha256 in html
    assert "400,000,000" in html
    assert url(agreement.verify_code) == f"/verify/{agreement.verify_code}/"
    assert Client().get(url(agreement.verify_code.lower())).status_code == 200


def test_uploaded_pdf_matches_a_recorded_version(agreement):
    data = agreement.versions.get().pdf.read()
    response = Client().post(url(agreement.verify_code),
                             {"pdf": SimpleUploadedFile("a.pdf", data, "application/pdf")})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and 'id="verify-result"' in html
    assert "일치" in html or "Match" in html
    assert "No match" not in html and "불일치" not in html


def test_altered_pdf_does_not_match(agreement):
    data = agreement.versions.get().pdf.read() + b"\n% altered\n"
    response = Client().post(url(agreement.verify_code),
                             {"pdf": SimpleUploadedFile("a.pdf", data, "application/pdf")})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "불일치" in html or "No match" in html


@pytest.mark.parametrize("payload", [{}, {"pdf": SimpleUploadedFile("a.txt", b"hello")}])
def test_missing_or_non_pdf_upload_is_a_422_with_the_error_next_to_the_field(agreement, payload):
    response = Client().post(url(agreement.verify_code), payload)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="pdf-error"' in html and 'aria-invalid="true"' in html


@pytest.mark.parametrize("code", ["NOPE", "X" * 300, "<script>", "%00", "ABC DEF"])
def test_unknown_code_is_a_404_page(agreement, code):
    response = Client().get(f"/verify/{code}/")
    assert response.status_code == 404
    assert "협약" in response.content.decode() or "agreement" in response.content.decode()
