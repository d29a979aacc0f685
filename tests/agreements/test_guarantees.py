"""Guarantee insurance rules (seed 002 §1): period = year + 6 months, amount ≥ the year's city
grant, policy number once; staff verify/reject (once); the agreement moves on to signing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from accounts.enums import Role
from accounts.models import AuditEntry, Notice
from agreements.domain.guarantees import (
    GuaranteeInput,
    GuaranteeRefused,
    coverage_problems,
    covering_guarantee,
    register_guarantee,
    reject_guarantee,
    verify_guarantee,
)
from agreements.enums import AgreementStatus as S
from agreements.models import AgreementYear, GuaranteeStatus
from config.locking import AlreadyDecided
from tests.agreements.factories import agreement_for
from tests.agreements.guarantee_helpers import policy_pdf, register
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture
def staff():
    return UserFactory(role=Role.STAFF)


@pytest.fixture
def agreement():
    return agreement_for(status=S.AWAITING_GUARANTEE)


def codes(exc) -> set[tuple[str, str]]:
    return {(p.code, p.field) for p in exc.value.problems}


def test_policy_ending_one_day_before_year_end_plus_6_months_is_refused(agreement):
    year = agreement.years.get()
    assert year.guarantee_required_until == dt.date(2028, 3, 30)  # 2027-09-30 + 6 months
    pi = agreement.application.applicant
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, ends_on=year.guarantee_required_until - dt.timedelta(days=1))
    assert codes(exc) == {("period_end", "ends_on")}
    assert exc.value.status == 422
    assert "2028-03-30" in exc.value.problems[0].message_ko
    guarantee = register(agreement, pi, ends_on=year.guarantee_required_until)
    assert guarantee.status == GuaranteeStatus.SUBMITTED


def test_amount_one_won_short_is_refused_and_exact_grant_accepted(agreement):
    pi = agreement.application.applicant
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, amount_krw=400_000_000 - 1)
    assert codes(exc) == {("amount_short", "amount_krw")}
    assert "1원 부족" in exc.value.problems[0].message_ko
    assert register(agreement, pi, amount_krw=400_000_000).amount_krw == 400_000_000


def test_start_after_the_year_start_and_reversed_dates_refused(agreement):
    pi = agreement.application.applicant
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, starts_on=dt.date(2026, 10, 2))
    assert codes(exc) == {("period_start", "starts_on")}
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, starts_on=dt.date(2029, 1, 1), ends_on=dt.date(2028, 1, 1))
    assert ("period_order", "ends_on") in codes(exc)


def test_missing_fields_and_unknown_year_each_named(agreement):
    pi = agreement.application.applicant
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, year_no=1, insurer=" ", policy_no="", amount_krw=None,
                 starts_on=None, ends_on=None)  # fmt: skip
    assert codes(exc) == {("required", f) for f in
                          ("insurer", "policy_no", "amount_krw", "starts_on", "ends_on")}  # fmt: skip
    year = agreement.years.get()
    with pytest.raises(GuaranteeRefused) as exc:
        register_guarantee(
            agreement=agreement, year_no=9, insurer="A", policy_no="X1", amount_krw=1,
            starts_on=year.starts_on, ends_on=year.ends_on, pdf=None, actor=pi,
        )  # fmt: skip
    assert ("year_unknown", "year_no") in codes(exc)


def test_policy_number_used_once_even_typed_differently(staff):
    first = agreement_for(status=S.AWAITING_GUARANTEE)
    second = agreement_for(status=S.AWAITING_GUARANTEE)
    g = register(first, first.application.applicant, policy_no="ab-123 45")
    assert g.policy_no == "AB-12345"
    with pytest.raises(GuaranteeRefused) as exc:
        register(second, second.application.applicant, policy_no=" AB-12345")
    assert codes(exc) == {("policy_reused", "policy_no")}
    reject_guarantee(guarantee=g, actor=staff, reason="금액 오기")
    assert register(second, second.application.applicant, policy_no="AB-12345").pk


def test_pdf_checked_by_content(agreement):
    pi = agreement.application.applicant
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, pi, pdf=SimpleUploadedFile("x.pdf", b"PK\x03\x04not a pdf"))
    assert {p.field for p in exc.value.problems} == {"pdf"}
    g = register(agreement, pi, pdf=policy_pdf(), cost_krw=1_200_000)
    assert g.pdf and len(g.pdf_sha256) == 64 and g.pdf_name == "증권.pdf"
    assert g.cost_krw == 1_200_000


def test_verify_moves_single_year_agreement_to_signatures(agreement, staff):
    g = register(agreement, agreement.application.applicant)
    assert covering_guarantee(year=g.year) is None
    verify_guarantee(guarantee=g, actor=staff)
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_SIGNATURES
    assert covering_guarantee(year=g.year) == g
    assert AuditEntry.objects.filter(action="guarantee.verify", object_id=str(g.pk)).count() == 1
    assert Notice.objects.filter(recipient=agreement.application.applicant).count() == 2


def test_double_click_decides_once(agreement, staff):
    g = register(agreement, agreement.application.applicant)
    verify_guarantee(guarantee=g, actor=staff)
    with pytest.raises(AlreadyDecided):
        verify_guarantee(guarantee=g, actor=staff)
    with pytest.raises(AlreadyDecided):
        reject_guarantee(guarantee=g, actor=staff, reason="x")
    assert AuditEntry.objects.filter(action="guarantee.verify").count() == 1


def test_every_year_required_before_signing_by_default(staff):
    agreement = agreement_for(status=S.AWAITING_GUARANTEE, years=2)
    pi = agreement.application.applicant
    verify_guarantee(guarantee=register(agreement, pi, 1), actor=staff)
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_GUARANTEE
    verify_guarantee(guarantee=register(agreement, pi, 2), actor=staff)
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_SIGNATURES


def test_catalogue_may_require_the_first_year_only(staff):
    agreement = agreement_for(status=S.AWAITING_GUARANTEE, years=2)
    program = agreement.program
    program.post_award = {**(program.post_award or {}), "guarantee_years_at_signing": "first"}
    program.save(update_fields=["post_award"])
    verify_guarantee(guarantee=register(agreement, agreement.application.applicant), actor=staff)
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_SIGNATURES


def test_reject_needs_a_reason_and_allows_a_new_registration(agreement, staff):
    pi = agreement.application.applicant
    g = register(agreement, pi)
    with pytest.raises(GuaranteeRefused):
        reject_guarantee(guarantee=g, actor=staff, reason="  ")
    with pytest.raises(GuaranteeRefused) as exc:  # one pending per year
        register(agreement, pi, policy_no="OTHER-1")
    assert ("pending", "year_no") in codes(exc)
    reject_guarantee(guarantee=g, actor=staff, reason="증권 사본 불명확")
    g.refresh_from_db()
    assert g.status == GuaranteeStatus.REJECTED and g.reject_reason == "증권 사본 불명확"
    assert register(agreement, pi, policy_no="OTHER-1").status == GuaranteeStatus.SUBMITTED
    agreement.refresh_from_db()
    assert agreement.status == S.AWAITING_GUARANTEE


def test_covering_guarantee_follows_the_year_when_it_is_extended(agreement, staff):
    g = register(agreement, agreement.application.applicant)
    verify_guarantee(guarantee=g, actor=staff)
    year = g.year
    year.ends_on = year.ends_on + dt.timedelta(days=1)
    year.save(update_fields=["ends_on"])
    assert covering_guarantee(year=year) is None


def test_closed_agreement_refuses_registration():
    agreement = agreement_for(status=S.TERMINATED)
    with pytest.raises(GuaranteeRefused) as exc:
        register(agreement, agreement.application.applicant)
    assert codes(exc) == {("agreement_closed", "")}


@given(
    grant=st.integers(min_value=1, max_value=10**12),
    delta=st.integers(min_value=-(10**6), max_value=10**6),
    end_shift=st.integers(min_value=-400, max_value=400),
    end_day=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_coverage_rule_property(grant, delta, end_shift, end_day):
    """Amount refused exactly when below the city grant (won by won); period refused exactly when
    it ends before the year's end + 6 months (day by day). No database needed."""
    year = AgreementYear(year_no=1, starts_on=dt.date(2023, 1, 1), ends_on=end_day,
                         city_grant_krw=grant)  # fmt: skip
    amount = max(1, grant + delta)
    ends = year.guarantee_required_until + dt.timedelta(days=end_shift)
    data = GuaranteeInput(1, "A", "X", amount, year.starts_on, ends)
    found = {p.code for p in coverage_problems(year=year, data=data)}
    assert ("amount_short" in found) == (amount < grant)
    assert ("period_end" in found) == (end_shift < 0)
    assert year.guarantee_required_until > year.ends_on
