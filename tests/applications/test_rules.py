"""Budget, participation, TRL, period and consortium rules (with hypothesis property tests)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.enums import HospitalGrade, InstitutionType
from agreements.models import Project, ProjectParticipation
from applications.domain.budget import check_matching, check_participation
from applications.domain.validation import application_queryset, validate_application
from programs.enums import MatchingRule
from programs.models import Program
from tests.applications.factories import complete_application, make_call
from tests.factories import InstitutionFactory

money = st.integers(min_value=0, max_value=10**12)


def codes(problems):
    return {p.code for p in problems}


def test_seed_002_example_passes_city75_form():
    assert check_matching(
        rule=MatchingRule.CITY_75_INST_25_CASH_10_OF_INST,
        city_krw=400_000_000, cash_krw=13_334_000, inkind_krw=120_000_000,
    ) == []  # fmt: skip


def test_seed_example_one_won_less_cash_fails():
    problems = check_matching(
        rule=MatchingRule.CITY_75_INST_25_CASH_10_OF_INST,
        city_krw=400_000_000, cash_krw=13_333_399, inkind_krw=120_000_601,
    )  # fmt: skip
    assert codes(problems) == {"matching_cash_of_institution"}
    assert "10%" in problems[0].message_ko and "10 %" in problems[0].message_en


@given(city=money, cash=money, inkind=money)
def test_city75_form_agrees_with_exact_fractions(city, cash, inkind):
    from fractions import Fraction

    total, inst = city + cash + inkind, cash + inkind
    found = codes(check_matching(rule=MatchingRule.CITY_75_INST_25_CASH_10_OF_INST,
                                 city_krw=city, cash_krw=cash, inkind_krw=inkind))  # fmt: skip
    assert ("matching_city_share" in found) == (
        total > 0 and Fraction(city, total) > Fraction(3, 4)
    )
    assert ("matching_institution_share" in found) == (
        total > 0 and Fraction(inst, total) < Fraction(1, 4)
    )
    assert ("matching_cash_of_institution" in found) == (Fraction(cash) < Fraction(inst, 10))


@given(city=money, cash=money, inkind=money)
def test_private25_form_agrees_with_exact_fractions(city, cash, inkind):
    from fractions import Fraction

    total = city + cash + inkind
    found = codes(check_matching(rule=MatchingRule.PRIVATE_25_CASH_10_OF_CITY,
                                 city_krw=city, cash_krw=cash, inkind_krw=inkind))  # fmt: skip
    assert ("matching_private_share" in found) == (
        total > 0 and Fraction(cash + inkind, total) < Fraction(1, 4)
    )
    assert ("matching_cash_of_city" in found) == (Fraction(cash) < Fraction(city, 10))


@given(city=money, company=money)
def test_company20_and_none(city, company):
    found = codes(check_matching(rule=MatchingRule.COMPANY_PAYS_20, city_krw=city,
                                 cash_krw=company, inkind_krw=0))  # fmt: skip
    assert ("matching_company_share" in found) == (5 * company < city + company)
    assert check_matching(rule=MatchingRule.NONE, city_krw=city, cash_krw=0, inkind_krw=0) == []


@given(this=st.integers(0, 100), others=st.integers(0, 300), is_pi=st.booleans())
def test_participation_rule(this, others, is_pi):
    found = codes(check_participation(name="김연구", field="researchers.x", this_rate=this,
                                      other_rates=others, is_pi=is_pi))  # fmt: skip
    assert ("participation_over_100" in found) == (this + others > 100)
    assert ("pi_participation_below_min" in found) == (is_pi and this < 30)


def _problems(app):
    return codes(validate_application(application_queryset().get(pk=app.pk)))


def test_participation_counts_running_overlapping_projects_only(catalogue):
    app = complete_application()  # PI at 40 %, period 2023-10-01..2024-09-30
    pi = app.pi
    program = Program.objects.get(code="R01")

    def project(status, starts, ends, rate):
        p = Project.objects.create(
            program=program, lead_institution=app.lead_institution, title="기존 과제",
            selected_on=starts, starts_on=starts, ends_on=ends, status=status,
        )  # fmt: skip
        ProjectParticipation.objects.create(project=p, researcher=pi, rate_pct=rate,
                                            starts_on=starts, ends_on=ends)  # fmt: skip

    project("completed", dt.date(2023, 1, 1), dt.date(2024, 12, 31), 50)  # not running
    project("running", dt.date(2022, 1, 1), dt.date(2023, 6, 30), 50)  # ended before
    assert "participation_over_100" not in _problems(app)
    project("running", dt.date(2023, 3, 1), dt.date(2024, 2, 28), 61)  # 61 + 40 > 100
    assert "participation_over_100" in _problems(app)


def test_pi_below_30_and_single_pi(catalogue):
    app = complete_application()
    from applications.domain.drafts import update_draft

    rows = [{"researcher": r.researcher, "institution": r.institution, "role": r.role,
             "rate_pct": 29 if r.role == "pi" else r.rate_pct} for r in app.researchers.all()]  # fmt: skip
    update_draft(application=app, actor=app.applicant, data={"researchers": rows})
    assert "pi_participation_below_min" in _problems(app)
    update_draft(application=app, actor=app.applicant, data={"researchers": rows[1:]})
    assert "pi_count" in _problems(app)


def test_max_grant_period_and_trl(catalogue):
    from applications.domain.drafts import update_draft
    from tests.applications.factories import seed_budget

    app = complete_application()
    lead = app.lead_institution
    budget = seed_budget(lead)
    budget[0]["city_krw"] += 1  # 400,000,001 > 400 M limit
    budget[0]["inkind_krw"] += 1
    update_draft(application=app, actor=app.applicant, data={
        "budget_items": budget, "period_months": 25, "current_trl": 5, "target_trl": 4,
    })  # fmt: skip
    found = _problems(app)
    assert {"city_grant_over_max", "period_too_long", "trl_target_below_current"} <= found
    r11 = make_call(["R11"])  # TRL ≥ 7
    low = complete_application(call=r11, current_trl=6, period_months=12)
    assert "trl_below_minimum" in _problems(low)


def test_consortium_rules_from_programme_json(catalogue):
    from applications.domain.drafts import update_draft

    call = make_call(["R04"])  # consortium required, hospital ≥ general
    app = complete_application(call=call)
    assert "consortium_required" in _problems(app)
    clinic = InstitutionFactory(type=InstitutionType.HOSPITAL, hospital_grade=HospitalGrade.CLINIC)
    update_draft(application=app, actor=app.applicant,
                 data={"institutions": [{"institution": clinic, "role": "co"}]})  # fmt: skip
    assert {"consortium_hospital_grade"} <= _problems(app)
    general = InstitutionFactory(
        type=InstitutionType.HOSPITAL, hospital_grade=HospitalGrade.GENERAL
    )
    update_draft(application=app, actor=app.applicant,
                 data={"institutions": [{"institution": general, "role": "co"}]})  # fmt: skip
    found = _problems(app)
    assert "consortium_required" not in found and "consortium_hospital_grade" not in found


def test_lead_must_be_in_seoul_and_a_company(catalogue):
    from accounts.enums import Role
    from tests.factories import UserFactory

    outside = InstitutionFactory(seoul_hq=False, type=InstitutionType.UNIVERSITY)
    user = UserFactory(role=Role.APPLICANT, institution=outside)
    app = complete_application(applicant=user)
    assert {"consortium_lead_not_in_seoul", "consortium_lead_type"} <= _problems(app)


def test_missing_document_and_self_check(catalogue):
    app = complete_application(attach=False, eligibility_check={})
    found = _problems(app)
    assert {"document_missing", "eligibility_check_incomplete"} <= found
    problem = next(p for p in validate_application(application_queryset().get(pk=app.pk))
                   if p.code == "document_missing")  # fmt: skip
    assert problem.field.startswith("attachments.") and problem.message_ko and problem.message_en


@pytest.mark.parametrize("start,end,months,ok", [
    (dt.date(2023, 10, 1), dt.date(2024, 9, 30), 12, True),
    (dt.date(2023, 10, 1), dt.date(2024, 10, 1), 12, False),
])  # fmt: skip
def test_months_between(start, end, months, ok):
    from applications.domain.validation import months_between

    assert (months_between(start, end) <= months) is ok
