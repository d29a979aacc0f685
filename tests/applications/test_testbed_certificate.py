"""The performance certificate: public check at /verify/<code>/, the anonymous API, a tampered
code, and the PDF read back with pdftotext (Korean and English)."""

import shutil
import subprocess

import pytest
from django.test import Client

from applications.models.testbed import TestbedStep as T
from tests.applications.testbed_factories import advance, make_testbed_world, propose
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert(catalogue):
    w = make_testbed_world(prefix="ct")
    proposal = advance(w, propose(w), to=T.CERTIFIED)
    return proposal.certificate


def tampered(code: str) -> str:
    last = "B" if code[-1] != "B" else "C"
    return code[:-1] + last


def test_public_page_shows_the_certificate(cert):
    response = Client().get(f"/verify/{cert.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert cert.company_ko in body
    assert "드론 기반 교량 안전 점검" in body and "서울교통공사" in body
    assert "점검 시간 40% 단축" in body and "Inspection time cut by 40 %" in body
    assert Client().get(f"/en/verify/{cert.code.lower()}/").status_code == 200


def test_tampered_or_unknown_code_is_the_unknown_page(cert):
    for code in (tampered(cert.code), cert.code[:-1], cert.code + "A", "X" + cert.code[1:]):
        response = Client().get(f"/verify/{code}/")
        assert response.status_code == 404, code
        assert "verify-unknown" in response.content.decode()


def test_api_is_anonymous_and_refuses_a_tampered_code(cert):
    found = client_for(None).get(f"/api/v1/certificates/{cert.code}/")
    assert found.status_code == 200
    data = found.json()
    assert data["valid"] is True and data["code"] == cert.code
    assert data["issuer"] == {"ko": "서울특별시장", "en": "Mayor of Seoul"}
    assert data["result"]["en"] == "Inspection time cut by 40 %"
    assert client_for(None).get(f"/api/v1/certificates/{tampered(cert.code)}/").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_pdf_has_korean_and_english_text(cert, tmp_path):
    from applications.interfaces.testbed_certificate_pdf import certificate_pdf

    pdf = certificate_pdf(cert)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("실증확인서", "서울특별시장", "주식회사 실증테크", "점검 시간 40% 단축",
                     "Demonstration (Performance) Certificate", "Mayor of Seoul", "Siljeung Tech Inc.", cert.code):  # fmt: skip
        assert expected in text, expected


def test_pdf_download_is_for_the_proposer_and_staff_only(cert):
    proposal = cert.proposal
    url = f"/testbed/proposals/{proposal.pk}/certificate.pdf"
    owner = Client()
    owner.force_login(proposal.application.applicant)
    response = owner.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert Client().get(url).status_code == 302  # to the sign-in
