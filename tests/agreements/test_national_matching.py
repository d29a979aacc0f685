"""R16 commitment letters (seed 000 Ⅳ-⑯): the city share, SBA's decision, the letter PDF and its
public verification (a tampered code is unknown)."""

import shutil
import subprocess
from fractions import Fraction

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from agreements.domain.national_matching import (
    MatchingRefused,
    city_share_krw,
    decide_request,
    matching_rules,
)
from agreements.models import CommitmentStatus
from config.locking import AlreadyDecided
from programs.models import Program
from tests.agreements.national_matching_helpers import a_request, approved_request, nm_staff

pytestmark = pytest.mark.django_db
TEN = Fraction("0.10")


@pytest.mark.parametrize(
    ("national", "city"),
    [
        (0, 0), (9_999, 0), (10_000, 1_000), (19_999, 1_000), (1_000_000, 100_000),
        (1_234_567_891, 123_456_000), (17_040_000_000, 1_704_000_000),
    ],
)  # fmt: skip
def test_city_share_is_ten_percent_rounded_down_to_the_thousand_won(national, city):
    assert city_share_krw(national_grant_krw=national, ratio=TEN, rounding_unit_krw=1000) == city


@given(st.integers(min_value=0, max_value=10**13))
def test_city_share_never_exceeds_ten_percent_and_misses_it_by_less_than_1000_won(national):
    city = city_share_krw(national_grant_krw=national, ratio=TEN, rounding_unit_krw=1000)
    assert city % 1000 == 0
    assert 0 <= national * TEN - city < 1000


def test_the_ratio_and_rounding_are_the_programmes_flow_data(catalogue):
    rules = matching_rules(program=Program.objects.get(code="R16"))
    assert (rules.ratio, rules.rounding_unit_krw, rules.letter_prefix) == (TEN, 1000, "N")


def test_a_request_gets_one_national_grant_per_year_of_its_period(catalogue):
    with pytest.raises(MatchingRefused) as refused:
        a_request(grants=(1_000_000_000,), years=3)  # 3-year period, one amount
    assert refused.value.code == "years"
    request = a_request()
    assert request.city_shares_krw == [100_000_000, 120_000_000, 90_000_000]
    assert request.city_share_krw == 310_000_000


def test_refusal_needs_reasons_and_a_decision_is_taken_once(catalogue):
    request = a_request()
    staff = nm_staff()
    with pytest.raises(MatchingRefused):
        decide_request(request_id=request.pk, approve=False, reasons=" ", actor=staff)
    decide_request(request_id=request.pk, approve=False, reasons="사업성 미흡", actor=staff)
    request.refresh_from_db()
    assert (request.status, request.letter_code) == (CommitmentStatus.REFUSED, "")
    with pytest.raises(AlreadyDecided):
        decide_request(request_id=request.pk, approve=True, reasons="재검토", actor=staff)
    notices = request.applicant.notices.values_list("event_key", flat=True)
    assert any(k.startswith(f"commitment:{request.pk}:refused") for k in notices)


def test_approval_issues_a_letter_with_a_prefixed_code_and_audits(catalogue):
    request = approved_request()
    assert request.status == CommitmentStatus.APPROVED
    assert request.letter_code.startswith("N") and len(request.letter_code) == 16
    assert request.letter_pdf[:5] == b"%PDF-" and len(request.letter_sha256) == 64
    from accounts.models import AuditEntry

    assert AuditEntry.objects.filter(action="commitment.status").count() == 1


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip


def test_the_letter_pdf_states_the_city_share_and_its_code(catalogue):
    request = approved_request()
    text = _text(bytes(request.letter_pdf))
    for expected in ("확약서", "과학기술정보통신부", "인공지능(AI)대학원 지원사업", "310,000,000",
                     "120,000,000", "10%", "1,000원 미만 절사", request.letter_code):  # fmt: skip
        assert expected in text


def test_anyone_verifies_a_letter_and_a_tampered_code_is_unknown(catalogue):
    request = approved_request()
    client = Client()
    page = client.get(f"/verify/{request.letter_code}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "310,000,000" in body and request.institution.name in body
    tampered = request.letter_code[:-1] + ("A" if request.letter_code[-1] != "A" else "B")
    assert client.get(f"/verify/{tampered}/").status_code == 404
    api = client.get(f"/api/v1/commitment-letters/verify/{request.letter_code}/")
    assert api.status_code == 200 and api.json()["city_share_krw"] == 310_000_000
    assert client.get(f"/api/v1/commitment-letters/verify/{tampered}/").status_code == 404


def test_the_pdf_hash_check_matches_the_issued_letter_only(catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = approved_request()
    client = Client()
    good = SimpleUploadedFile("l.pdf", bytes(request.letter_pdf), "application/pdf")
    assert (
        "SHA-256 matches"
        in client.post(f"/en/verify/{request.letter_code}/", {"pdf": good}).content.decode()
    )
    bad = SimpleUploadedFile("l.pdf", bytes(request.letter_pdf) + b"%tamper", "application/pdf")
    answer = client.post(f"/en/verify/{request.letter_code}/", {"pdf": bad}).content.decode()
    assert "does not match" in answer
