"""Every rule at and around its boundary (call closes 2023-08-14 16:00 KST; announced 2023-07-14)."""

import datetime as dt

import pytest

from accounts.models import InstitutionSite
from agreements.models import Project, ProjectParticipation
from evaluation.screening.models import CreditStatus, FinancialStatement, Obligation, Sanction
from programs.models import Program
from tests.factories import InstitutionFactory, ResearcherFactory
from tests.screening.factories import eligible_application, operator
from tests.screening.helpers import check

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def app(catalogue):
    return eligible_application()


def _set(obj, **fields):
    for k, v in fields.items():
        setattr(obj, k, v)
    obj.save()


@pytest.mark.parametrize(
    "born, outcome",
    [
        (D(2016, 8, 14), "fail"),
        (D(2016, 8, 15), "pass"),
        (D(2016, 8, 13), "fail"),
        (None, "needs_review"),
    ],
)
def test_firm_age_exactly_seven_years_at_close_date(app, born, outcome):
    _set(app.lead_institution, incorporated_on=born)
    res = check(app, "firm_age")
    assert res["outcome"] == outcome
    if born:
        assert str(born) in res["reason_ko"] and "2023-08-14" in res["reason_en"]


def test_seoul_location_branch_or_tax_office(app):
    lead = app.lead_institution
    lead.sites.update(in_seoul=False, kind="hq")
    assert check(app, "seoul_location")["outcome"] == "fail"
    InstitutionSite.objects.create(
        institution=lead, kind="branch", address="서울 강남구", in_seoul=True, district="강남구"
    )
    assert check(app, "seoul_location")["outcome"] == "pass"
    lead.sites.all().delete()
    _set(lead, seoul_tax_office=True)
    assert check(app, "seoul_location")["outcome"] == "pass"


def test_sme_lead_and_co_company(app):
    assert check(app, "sme")["outcome"] == "pass"
    co = InstitutionFactory(is_sme=False, name="대기업")
    app.institutions.create(institution=co, role="co")
    res = check(app, "sme")
    assert res["outcome"] == "fail" and "대기업" in res["reason_ko"]


def test_min_participants_two(app):
    assert check(app, "min_participants")["outcome"] == "pass"
    app.researchers.exclude(role="pi").delete()
    assert check(app, "min_participants")["outcome"] == "fail"


@pytest.mark.parametrize(
    "quota, earlier, outcome", [(2, 2, "pass"), (2, 3, "fail"), (1, 0, "pass"), (1, 1, "fail")]
)
def test_operator_quota_one_and_a_half_times(app, quota, earlier, outcome):
    """Quota 2 → floor(3.0) = 3 recommendations; quota 1 → floor(1.5) = 1."""
    rec = app.lead_institution.recommendations.get()
    op = operator(quota=quota)
    for i in range(earlier):
        other = InstitutionFactory()
        other.recommendations.create(operator=op, call=app.call, recommended_on=D(2023, 1, 1 + i),
                                     investment_krw=100_000_000, contract_date=D(2023, 1, 1),
                                     company_share_pct=70, operator_share_pct=10)  # fmt: skip
    _set(rec, operator=op)
    assert check(app, "operator_recommendation")["outcome"] == outcome


def test_no_recommendation_fails_all_investment_rules(app):
    app.lead_institution.recommendations.all().delete()
    for code in (
        "operator_recommendation",
        "investment_amount",
        "investment_contract_age",
        "shareholding",
    ):
        assert check(app, code)["outcome"] == "fail"


@pytest.mark.parametrize(
    "account, amount, outcome",
    [("own", 100_000_000, "pass"), ("own", 99_999_999, "fail"), ("fund", 200_000_000, "pass"),
     ("fund", 199_999_999, "fail"), ("fund", 150_000_000, "fail")],
)  # fmt: skip
def test_investment_amount(app, account, amount, outcome):
    _set(app.lead_institution.recommendations.get(), account_type=account, investment_krw=amount)
    res = check(app, "investment_amount")
    assert res["outcome"] == outcome
    assert f"{amount:,}" in res["reason_ko"]
    if account == "fund" and amount == 200_000_000:
        assert "100,000,000" in res["reason_ko"]  # 50 % counts


@pytest.mark.parametrize(
    "contract, outcome",
    [(D(2020, 7, 1), "pass"), (D(2020, 6, 30), "fail"), (D(2023, 7, 20), "pass")],
)
def test_contract_within_three_years_of_recommendation(app, contract, outcome):
    _set(app.lead_institution.recommendations.get(), contract_date=contract)
    assert check(app, "investment_contract_age")["outcome"] == outcome


@pytest.mark.parametrize(
    "company, op, outcome",
    [(60, 30, "pass"), ("59.99", 30, "fail"), (60, "30.01", "fail"), (100, 0, "pass")],
)
def test_shareholding_exactly_sixty_thirty(app, company, op, outcome):
    _set(
        app.lead_institution.recommendations.get(), company_share_pct=company, operator_share_pct=op
    )
    assert check(app, "shareholding")["outcome"] == outcome


def _project(app, *, ends_on, program=None, selected_on=None, status="running", pi=None):
    selected_on = selected_on or D(2022, 9, 1)
    return Project.objects.create(
        program=program or app.program, lead_institution=app.lead_institution, pi=pi,
        title="기존 과제", selected_on=selected_on, starts_on=selected_on, ends_on=ends_on, status=status,
    )  # fmt: skip


@pytest.mark.parametrize(
    "ends_on, outcome",
    [(D(2024, 2, 14), "pass"), (D(2024, 2, 15), "fail"), (D(2023, 12, 31), "pass")],
)
def test_same_subprogramme_exactly_six_months_left(app, ends_on, outcome):
    _project(app, ends_on=ends_on)
    assert check(app, "same_subprogramme_running")["outcome"] == outcome


def test_same_subprogramme_other_programme_or_completed(app):
    _project(app, ends_on=D(2025, 1, 1), program=Program.objects.get(code="R01"))
    _project(app, ends_on=D(2025, 1, 1), status="completed")
    assert check(app, "same_subprogramme_running")["outcome"] == "pass"


@pytest.mark.parametrize("n, outcome", [(5, "pass"), (6, "fail")])
def test_more_than_five_selections_in_three_years(app, n, outcome):
    for i in range(n):
        _project(
            app,
            ends_on=D(2021, 1, 1),
            selected_on=D(2020, 7, 14) if i == 0 else D(2021, 1, 1),
            status="completed",
        )
    _project(
        app, ends_on=D(2021, 1, 1), selected_on=D(2020, 7, 13), status="completed"
    )  # too early
    assert check(app, "selection_count")["outcome"] == outcome


def _participate(researcher, rate, *, lead=False, app=None):
    pr = Project.objects.create(
        program=Program.objects.get(code="R01"), lead_institution=InstitutionFactory(), title="타 과제",
        pi=researcher if lead else None, selected_on=D(2023, 1, 1), starts_on=D(2023, 1, 1),
        ends_on=D(2024, 12, 31),
    )  # fmt: skip
    ProjectParticipation.objects.create(project=pr, researcher=researcher, rate_pct=rate,
                                        starts_on=D(2023, 1, 1), ends_on=D(2024, 12, 31))  # fmt: skip


@pytest.mark.parametrize(
    "pi_rate, others, outcome",
    [(30, 70, "pass"), (29, 0, "fail"), (40, 61, "fail"), (40, 60, "pass")],
)
def test_participation_rates(catalogue, pi_rate, others, outcome):
    app = eligible_application(pi_rate=pi_rate)
    if others:
        _participate(app.pi, others)
    res = check(app, "participation_rates")
    assert res["outcome"] == outcome
    assert f"{pi_rate + others}" in res["reason_ko"]


@pytest.mark.parametrize(
    "lead, other, outcome", [(2, 2, "pass"), (3, 0, "fail"), (0, 4, "pass"), (1, 4, "fail")]
)
def test_concurrent_projects_three_lead_five_total(app, lead, other, outcome):
    for _ in range(lead):
        _participate(app.pi, 5, lead=True)
    for _ in range(other):
        _participate(app.pi, 5)
    assert check(app, "concurrent_projects")["outcome"] == outcome


def test_obligations_due_and_fulfilled(app):
    ob = Obligation.objects.create(
        institution=app.lead_institution, kind="report", due_on=D(2023, 8, 14)
    )
    assert check(app, "unfulfilled_obligations")["outcome"] == "fail"
    _set(ob, fulfilled_on=D(2023, 8, 14))
    assert check(app, "unfulfilled_obligations")["outcome"] == "pass"
    _set(ob, fulfilled_on=None, due_on=D(2023, 8, 15))  # not yet due at the close date
    assert check(app, "unfulfilled_obligations")["outcome"] == "pass"
    Obligation.objects.create(
        researcher=app.pi, kind="royalty", due_on=D(2023, 1, 1), amount_krw=5_000_000
    )
    assert check(app, "unfulfilled_obligations")["outcome"] == "fail"


@pytest.mark.parametrize("ends_on, outcome", [(D(2023, 8, 14), "fail"), (D(2023, 8, 13), "pass")])
def test_participation_restriction(app, ends_on, outcome):
    Sanction.objects.create(
        researcher=app.pi, reason="연구비 부정사용", starts_on=D(2021, 1, 1), ends_on=ends_on
    )
    assert check(app, "participation_restriction")["outcome"] == outcome


@pytest.mark.parametrize(
    "fields, outcome",
    [({"insolvency": "dishonoured"}, "fail"), ({"insolvency": "rehabilitation", "rehabilitation_approved": True}, "pass"),
     ({}, "pass")],
)  # fmt: skip
def test_bankruptcy(app, fields, outcome):
    _set(CreditStatus.objects.get(institution=app.lead_institution), **fields)
    assert check(app, "bankruptcy")["outcome"] == outcome


@pytest.mark.parametrize("code, flag", [("tax_arrears", "tax_arrears"), ("defaulter", "defaulter")])
@pytest.mark.parametrize(
    "exception, on, outcome",
    [
        ("", None, "fail"),
        ("resolved", D(2023, 8, 14), "pass"),
        ("restart_fund", D(2023, 8, 15), "fail"),
    ],
)
def test_arrears_and_defaulter_exceptions_by_close_date(app, code, flag, exception, on, outcome):
    _set(CreditStatus.objects.get(institution=app.lead_institution),
         **{flag: True, f"{flag}_exception": exception, f"{flag}_exception_on": on})  # fmt: skip
    assert check(app, code)["outcome"] == outcome


def test_no_credit_record_needs_review(app):
    CreditStatus.objects.all().delete()
    assert check(app, "tax_arrears")["outcome"] == "needs_review"


@pytest.mark.parametrize(
    "liabilities, equity, outcome",
    [
        (1_000_000_000, 100_000_000, "fail"),
        (999_999_999, 100_000_000, "pass"),
        (1, 0, "fail"),
        (5, -10, "fail"),
    ],
)
def test_debt_ratio_exactly_thousand_percent_and_impairment(app, liabilities, equity, outcome):
    _set(app.lead_institution, incorporated_on=D(2019, 1, 1))
    _set(
        FinancialStatement.objects.get(), total_liabilities_krw=liabilities, total_equity_krw=equity
    )
    res = check(app, "financial_soundness")
    assert res["outcome"] == outcome
    assert "2022-12-31" in res["reason_ko"]
    if equity == 100_000_000 and outcome == "fail":
        assert "1,000%" in res["reason_ko"] and "부채비율 1,000%" in res["reason_ko"]


@pytest.mark.parametrize("born, outcome", [(D(2021, 8, 15), "pass"), (D(2020, 8, 14), "fail")])
def test_young_company_with_full_capital_impairment_is_waived(app, born, outcome):
    _set(app.lead_institution, incorporated_on=born)
    _set(FinancialStatement.objects.get(), total_equity_krw=-50_000_000)
    assert check(app, "financial_soundness")["outcome"] == outcome


@pytest.mark.parametrize("received, outcome", [(D(2021, 8, 14), "pass"), (D(2021, 8, 13), "fail")])
def test_loans_from_public_bodies_or_vcs_in_last_two_years_excluded(app, received, outcome):
    _set(app.lead_institution, incorporated_on=D(2018, 1, 1))
    _set(FinancialStatement.objects.get(), total_liabilities_krw=1_500_000_000, total_equity_krw=100_000_000,
         excludable_loans_krw=600_000_000, excludable_loans_on=received,
         excludable_loans_lender="registered_vc")  # fmt: skip
    assert check(app, "financial_soundness")["outcome"] == outcome


@pytest.mark.parametrize(
    "lender, outcome",
    [("public_body", "pass"), ("registered_vc", "pass"), ("other", "fail"), ("", "needs_review")],
)
def test_only_loans_from_public_bodies_or_registered_vcs_are_excluded(app, lender, outcome):
    """Seed 002 §4: the lender must be a public body or a KVCA member; another lender's loan stays
    in the debt; an unrecorded lender is sent to staff when it decides the outcome."""
    _set(app.lead_institution, incorporated_on=D(2018, 1, 1))
    _set(FinancialStatement.objects.get(), total_liabilities_krw=1_500_000_000, total_equity_krw=100_000_000,
         excludable_loans_krw=600_000_000, excludable_loans_on=D(2022, 3, 1),
         excludable_loans_lender=lender)  # fmt: skip
    result = check(app, "financial_soundness")
    assert result["outcome"] == outcome
    if outcome == "pass":
        assert "600,000,000원 제외" in result["reason_ko"]
    if lender == "other":
        assert "not from a public body or registered VC" in result["reason_en"]
    if lender == "":
        assert "미기재" in result["reason_ko"] and "not recorded" in result["reason_en"]


def test_unrecorded_lender_that_does_not_decide_the_outcome_is_not_sent_to_review(app):
    _set(app.lead_institution, incorporated_on=D(2018, 1, 1))
    _set(FinancialStatement.objects.get(), total_liabilities_krw=3_000_000_000, total_equity_krw=100_000_000,
         excludable_loans_krw=600_000_000, excludable_loans_on=D(2022, 3, 1))  # fmt: skip
    assert check(app, "financial_soundness")["outcome"] == "fail"  # 2,400 % even without the loan


def test_loan_received_after_the_close_is_not_excluded(app):
    _set(app.lead_institution, incorporated_on=D(2018, 1, 1))
    _set(FinancialStatement.objects.get(), total_liabilities_krw=1_500_000_000, total_equity_krw=100_000_000,
         excludable_loans_krw=600_000_000, excludable_loans_on=D(2023, 8, 15),
         excludable_loans_lender="public_body")  # fmt: skip
    assert check(app, "financial_soundness")["outcome"] == "fail"


def test_latest_settlement_before_close_is_used(app):
    _set(app.lead_institution, incorporated_on=D(2018, 1, 1))
    FinancialStatement.objects.create(institution=app.lead_institution, settled_on=D(2023, 12, 31),
                                      total_liabilities_krw=10**12, total_equity_krw=1)  # fmt: skip
    assert check(app, "financial_soundness")["outcome"] == "pass"


def test_prohibited_content_and_trl_and_budget(app):
    _set(app, content="온라인 카지노 플랫폼")
    assert check(app, "prohibited_content")["outcome"] == "needs_review"
    _set(app, current_trl=5)
    assert check(app, "trl_minimum", min=6)["outcome"] == "fail"
    assert check(app, "trl_minimum", min=5)["outcome"] == "pass"
    assert check(app, "budget_rules")["outcome"] == "pass"  # seed 002 example: 533,334,000 total
    _set(app, institution_cash_krw=13_333_000)
    res = check(app, "budget_rules")
    assert res["outcome"] == "fail" and "13,333,000" in res["reason_ko"]
    _set(app, institution_cash_krw=13_334_000, city_grant_krw=400_000_001)
    assert check(app, "budget_rules")["outcome"] == "fail"


def test_consortium_of_r04_needs_general_hospital(catalogue):
    app = eligible_application(program=Program.objects.get(code="R04"))
    assert check(app, "consortium")["outcome"] == "fail"  # required partner missing
    clinic = InstitutionFactory(type="hospital", hospital_grade="clinic")
    row = app.institutions.create(institution=clinic, role="co")
    assert check(app, "consortium")["outcome"] == "fail"
    row.delete()
    app.institutions.create(
        institution=InstitutionFactory(type="hospital", hospital_grade="general"), role="co"
    )
    assert check(app, "consortium")["outcome"] == "pass"


def test_hub_tenant(catalogue):
    app = eligible_application(program=Program.objects.get(code="R06"))
    assert check(app, "hub_tenant")["outcome"] == "fail"
    app.lead_institution.tenancies.create(hub="g_valley", starts_on=D(2020, 1, 1))
    assert check(app, "hub_tenant")["outcome"] == "pass"


def test_co_pi_rate_also_checked(app):
    co = ResearcherFactory()
    app.researchers.create(researcher=co, role="co_pi", rate_pct=20)
    assert check(app, "participation_rates")["outcome"] == "fail"
