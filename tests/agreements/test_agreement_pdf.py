"""The agreement PDF (WeasyPrint, read back with pdftotext) and its versions with readable diffs."""

import hashlib
import shutil
import subprocess

import pytest

from agreements.domain.versions import diff_versions, record_version
from agreements.models import AgreementBudgetLine, AgreementYear, TermsTemplate
from tests.agreements.factories import agreement_for

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The PDF's text with runs of whitespace collapsed (lines wrap where the layout wraps)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


@pytest.fixture
def agreement(catalogue):
    return agreement_for(years=2, city_grant_per_year_krw=300_000_000)


def test_version_one_pdf_has_parties_period_years_and_terms(agreement):
    version = record_version(agreement=agreement, actor=None, reason="최초 협약")
    data = version.pdf.read()
    assert hashlib.sha256(data).hexdigest() == version.pdf_sha256
    text = pdf_text(data)
    assert "서울형 R&D 협약서" in text
    assert agreement.lead_institution.name in text
    assert "서울경제진흥원" in text
    assert f"{agreement.starts_on.isoformat()} ~ {agreement.ends_on.isoformat()}" in text
    assert "1차년도" in text and "2차년도" in text
    assert "600,000,000" in text  # city grant of both years
    assert "인건비" in text and "연구재료비" in text
    assert "지급이행보증보험증권" in text  # the default terms, filled in
    assert agreement.guarantee_due_on.isoformat() in text
    assert "조정 내역" not in text  # not adjusted
    agreement.refresh_from_db()
    assert agreement.version_no == 1 and version.version_no == 1


def test_terms_come_from_the_staff_edited_template(agreement):
    TermsTemplate.objects.create(
        title="2027 협약조건", body="제1조 {lead}은 성실히 수행한다. {unknown}"
    )
    version = record_version(agreement=agreement, actor=None, reason="")
    text = pdf_text(version.pdf.read())
    assert "2027 협약조건" in text
    assert f"제1조 {agreement.lead_institution.name}은 성실히 수행한다. {{unknown}}" in text


def test_adjusted_grant_shows_the_difference_from_the_applied_plan(agreement):
    type(agreement).objects.filter(pk=agreement.pk).update(applied_city_grant_krw=700_000_000)
    agreement.refresh_from_db()
    text = pdf_text(record_version(agreement=agreement, actor=None, reason="").pdf.read())
    assert "조정 내역" in text
    assert "신청 700,000,000원 → 협약 600,000,000원 (차액 -100,000,000" in text


def test_new_version_and_readable_diff(agreement):
    v1 = record_version(agreement=agreement, actor=None, reason="최초 협약")
    year2 = AgreementYear.objects.get(agreement=agreement, year_no=2)
    line = AgreementBudgetLine.objects.get(year=year2, category="materials")
    line.city_grant_krw -= 10_000_000
    line.save()
    personnel = AgreementBudgetLine.objects.get(year=year2, category="personnel")
    personnel.city_grant_krw += 10_000_000
    personnel.save()
    year2.ends_on = year2.ends_on.replace(month=12, day=31)
    year2.save()
    v2 = record_version(agreement=agreement, actor=None, reason="비목 전용 승인")
    assert v2.version_no == 2 and v2.pdf_sha256 != v1.pdf_sha256
    lines = diff_versions(old=v1, new=v2)
    ko = [x["ko"] for x in lines]
    assert any(s.startswith("2차년도 종료일:") and "12-31" in s for s in ko)
    assert any("연구재료비" in s and "50,000,000원 → 40,000,000원" in s for s in ko)
    assert any("인건비" in s and "250,000,000원 → 260,000,000원" in s for s in ko)
    assert all(x["en"] for x in lines)
    assert diff_versions(old=v2, new=v2) == []
    assert "제2판" in pdf_text(v2.pdf.read())


def test_co_institution_appears_as_party_and_in_the_year_table(catalogue):
    from accounts.enums import Role
    from agreements.domain.creation import create_agreement
    from applications.models import Application, ApplicationInstitution, BudgetItem
    from tests.applications.factories import complete_application
    from tests.factories import InstitutionFactory, UserFactory

    app = complete_application()
    co = InstitutionFactory(name="공동연구 주식회사")
    ApplicationInstitution.objects.create(application=app, institution=co, role="co")
    BudgetItem.objects.create(application=app, year=1, institution=co, category="activity",
                              city_krw=10_000_000, cash_krw=1_000_000)  # fmt: skip
    BudgetItem.objects.filter(application=app, category="materials").update(city_krw=140_000_000)
    Application.objects.filter(pk=app.pk).update(status="selected")
    agreement = create_agreement(application=app, actor=UserFactory(role=Role.STAFF))
    version = agreement.versions.get()
    assert [c["name"] for c in version.snapshot["parties"]["co"]] == ["공동연구 주식회사"]
    text = pdf_text(version.pdf.read())
    assert "공동연구개발기관 공동연구 주식회사" in text
    assert "연구활동비" in text and "10,000,000" in text and "140,000,000" in text
