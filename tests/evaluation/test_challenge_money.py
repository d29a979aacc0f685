"""Challenge money (issue 14): the prototype money as each advancing team's agreement (year 1), the
final's tier added once as the next agreement year, prizes as ledger rows with or without an
agreement (counted on the money dashboard, outside the project budget), and the pre-founder host
chosen by staff on the challenge page."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.enums import InstitutionType, Role
from accounts.models import AuditEntry
from agreements.domain.money_summary import city_totals, programme_year_totals
from agreements.domain.payments import ensure_instalments
from agreements.models import Agreement, AgreementYear, Instalment, LedgerEntry
from applications.enums import ApplicationStatus
from applications.models import Application, BudgetItem
from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_flow import call_program, development_period, prototype_terms
from evaluation.domain.challenge_prizes import award_prize
from evaluation.domain.challenge_prototype import (
    create_prototype_agreements,
    prototype_amount,
    prototype_period,
)
from evaluation.domain.challenge_tiers import create_tier_agreement
from evaluation.models import StageResult, TierAward
from tests.evaluation.challenge_helpers import challenge_call, into_evaluation, team_in
from tests.factories import InstitutionFactory, UserFactory
from tracking.domain.money_dashboard import money_dashboard

M = 1_000_000


@pytest.mark.parametrize(
    ("terms", "given", "expected"),
    [
        ({"amount_krw": 80 * M, "amount_is_cap": True}, 80_000_000, 80_000_000),
        ({"amount_krw": 80 * M, "amount_is_cap": True}, 80_000_001, "over_cap"),
        ({"amount_krw": 80 * M, "amount_is_cap": True}, None, 80_000_000),
        ({"amount_krw": 80 * M, "amount_is_cap": True}, 0, "amount"),
        ({"amount_krw": 20 * M, "amount_is_cap": False}, None, 20_000_000),
        ({"amount_krw": 20 * M, "amount_is_cap": False}, 20_000_000, 20_000_000),
        ({"amount_krw": 20 * M, "amount_is_cap": False}, 20_000_001, "fixed"),
        ({"funding_total_krw": 800 * M, "months": 6}, None, "amount_missing"),
        ({"funding_total_krw": 800 * M, "months": 6}, 123_456_789, 123_456_789),
    ],
)
def test_prototype_amount_boundaries(terms, given, expected):
    if isinstance(expected, int):
        assert prototype_amount(terms=terms, amount_krw=given) == expected
    else:
        with pytest.raises(EvaluationError) as refused:
            prototype_amount(terms=terms, amount_krw=given)
        assert refused.value.code == expected


def test_prototype_period_is_the_flow_months():
    assert prototype_period(terms={"months": 4}, starts_on=dt.date(2021, 8, 1)) == (
        dt.date(2021, 8, 1), dt.date(2021, 11, 30))  # fmt: skip
    assert prototype_period(terms={"months": 6}, starts_on=dt.date(2024, 8, 1)) == (
        dt.date(2024, 8, 1), dt.date(2025, 1, 31))  # fmt: skip


def _advance(call, teams):
    for rank, team in enumerate(teams, start=1):
        StageResult.objects.create(call=call, application=team.application, stage="document",
                                   method="trimmed_mean", aggregate=90 - rank, total=90 - rank,
                                   rank=rank, advances=True)  # fmt: skip


def _plan(app, city):
    BudgetItem.objects.create(application=app, year=1, institution=app.lead_institution,
                              category="personnel", city_krw=city, cash_krw=0, inkind_krw=0)  # fmt: skip


def _award(call, app, rank, amount, tier="grand"):
    return TierAward.objects.create(call=call, application=app, tier_code=tier, rank=rank,
                                    amount_krw=amount, final_score="90.00")  # fmt: skip


@pytest.mark.django_db
def test_prototype_agreements_then_the_tier_year_is_added_once(catalogue, staff):
    call = challenge_call("R10")
    teams = [team_in(call, minutes=i) for i in range(3)] + [
        team_in(call, kind="pre_founder", minutes=9)
    ]
    a, b, r, p = teams
    into_evaluation(teams, staff)
    _advance(call, [a, b, p])  # r failed the preliminary (it re-enters the final later)
    call.opens_at = call.opens_at.replace(year=2024)  # 2024 terms: up to 80 M and 6 months
    call.save(update_fields=["opens_at"])
    assert prototype_terms(program=call_program(call), call=call)["amount_krw"] == 80 * M
    start = dt.date(2024, 8, 1)
    # one amount over the cap refuses the whole confirmation: nothing is created
    with pytest.raises(EvaluationError) as refused:
        create_prototype_agreements(call=call, actor=staff, starts_on=start,
                                    amounts={a.application_id: 80_000_001})  # fmt: skip
    assert refused.value.code == "over_cap" and not Agreement.objects.exists()
    # the prototype must end before the final's development starts (1 Feb 2025): 6 months from
    # 2 Aug 2024 end on 1 Feb 2025
    with pytest.raises(EvaluationError) as refused:
        create_prototype_agreements(call=call, actor=staff, starts_on=dt.date(2024, 8, 2))
    assert refused.value.code == "period_overlap"
    outcome = create_prototype_agreements(
        call=call, actor=staff, starts_on=start,
        amounts={a.application_id: 80_000_000, b.application_id: 50_000_000},
    )  # fmt: skip
    assert {x.application_id for x in outcome.created} == {a.application_id, b.application_id}
    assert [t.pk for t, _ko, _en in outcome.waiting] == [p.pk]  # pre-founders: company first
    proto = Agreement.objects.get(application=a.application)
    (year1,) = proto.years.all()
    assert (year1.starts_on, year1.ends_on, year1.city_grant_krw) == (
        start, dt.date(2025, 1, 31), 80_000_000)  # fmt: skip
    assert year1.budget_lines.get().category == "materials"
    assert proto.status == "awaiting_guarantee"
    again = create_prototype_agreements(call=call, actor=staff, starts_on=start)
    assert (again.created, again.existing) == ([], 2)

    # year 1's instalment is paid before the final
    ensure_instalments(agreement=proto)
    Instalment.objects.filter(agreement=proto).update(status="paid")
    # The final: a wins the grand tier; its development year is added to the prototype agreement.
    _plan(a.application, 300 * M)
    award = _award(call, a.application, 1, 200 * M)
    agreement = create_tier_agreement(award=award, actor=staff)
    assert agreement.pk == proto.pk
    years = list(AgreementYear.objects.filter(agreement=proto).order_by("year_no"))
    period = development_period(program=call_program(call), call=call)
    assert [(y.year_no, y.city_grant_krw) for y in years] == [(1, 80 * M), (2, 200 * M)]
    assert (
        (years[1].starts_on, years[1].ends_on)
        == period
        == (dt.date(2025, 2, 1), dt.date(2025, 11, 30))
    )
    proto.refresh_from_db()
    assert (proto.city_grant_krw, proto.ends_on, proto.version_no) == (280 * M, period[1], 2)
    assert sum(line.city_grant_krw for line in years[1].budget_lines.all()) == 200 * M
    # the new year has its instalment at once (the daily job skips a fully paid agreement)
    assert list(proto.instalments.order_by("year_no").values_list("year_no", "amount_krw", "status")) == [
        (1, 80 * M, "paid"), (2, 200 * M, "planned")]  # fmt: skip
    # a double submit adds nothing
    with pytest.raises(AlreadyDecided):
        create_tier_agreement(award=award, actor=staff)
    assert AgreementYear.objects.filter(agreement=proto).count() == 2
    # b, not awarded, keeps its prototype year only
    assert Agreement.objects.get(application=b.application).years.count() == 1
    # r re-entered the final without a prototype agreement: its agreement is the tier year only
    _plan(r.application, 100 * M)
    Application.objects.filter(pk=r.application_id).update(status=ApplicationStatus.SELECTED)
    only = create_tier_agreement(award=_award(call, r.application, 2, 100 * M, "encouragement"),
                                 actor=staff)  # fmt: skip
    assert [(y.year_no, y.city_grant_krw, y.starts_on) for y in only.years.all()] == [
        (1, 100 * M, period[0])]  # fmt: skip


@pytest.mark.django_db
def test_a_prize_without_an_agreement_is_a_ledger_row_on_the_dashboards(catalogue, staff):
    call = challenge_call("R09")
    paper = team_in(call, kind="university", track="academic")
    prize = award_prize(call=call, team=paper, category="overall", actor=staff,
                        rate_on=dt.date(2021, 12, 16))  # fmt: skip
    row = LedgerEntry.objects.get(kind="prize_paid")
    assert (row.agreement_id, row.call_id, row.application_id, row.amount_krw) == (
        None, call.pk, paper.application_id, 500 * M)  # fmt: skip
    assert row.reference == f"prize:{prize.pk}" and row.fiscal_year == 2021
    # the money dashboard: the programme and its call show the prize, outside the paid figure
    dash = money_dashboard(year=2021, program_code="R09")
    assert dash.total.prize_paid_krw == 500 * M and dash.total.paid_krw == 0
    assert [(r.key, r.prize_paid_krw) for r in dash.rows] == [(call.pk, 500 * M)]
    assert money_dashboard(year=2021).total.prize_paid_krw == 500 * M
    assert money_dashboard(year=2021, call_id=call.pk).total.prize_paid_krw == 500 * M
    (r09,) = programme_year_totals(fiscal_year=2021)
    assert (r09.program_code, r09.money.prize_paid, r09.money.balance) == ("R09", 500 * M, 0)
    assert city_totals(fiscal_year=2021).as_dict()["prize_paid_krw"] == 500 * M
    # only a prize row may lack an agreement (database check)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(program_id=row.program_id, call=call, application=paper.application,
                                   fiscal_year=2021, kind="instalment_paid", amount_krw=1,
                                   occurred_on=dt.date(2021, 12, 16))  # fmt: skip


@pytest.mark.django_db
def test_staff_choose_the_pre_founder_host_on_the_challenge_page(catalogue):
    call = challenge_call("R10")
    institute = InstitutionFactory(name="서울기술연구원", type=InstitutionType.INSTITUTE)
    company = InstitutionFactory(name="주식회사 아무개")
    url = reverse("challenges:staff-call", args=[call.pk])
    applicant = Client()
    applicant.force_login(UserFactory(role=Role.APPLICANT, institution=company))
    assert applicant.post(url, {"op": "host", "host": institute.pk}).status_code == 403
    staff = Client()
    staff.force_login(UserFactory(role=Role.STAFF))
    page = staff.get(url).content.decode()
    assert 'id="id_host"' in page and "서울기술연구원" in page and "주식회사 아무개" not in page
    staff.post(url, {"op": "host", "host": company.pk})  # not a candidate: refused, kept
    call.refresh_from_db()
    assert call.flow["pre_founder_host_business_no"] != company.business_no
    staff.post(url, {"op": "host", "host": institute.pk})
    call.refresh_from_db()
    assert call.flow["pre_founder_host_business_no"] == institute.business_no
    assert AuditEntry.objects.filter(action="challenge.pre_founder_host").count() == 1
    # the next pre-founder team is filed under the new host
    assert team_in(call, kind="pre_founder").application.lead_institution_id == institute.pk


@pytest.mark.django_db
def test_a_contest_total_bounds_the_prototype_agreements_together(catalogue, staff):
    """R09's technical contest: 시제품 개발비 총 8억원 for the call, split by staff per team."""
    call = challenge_call("R09")
    one, two = (team_in(call, kind="company", track="technical", minutes=i) for i in range(2))
    into_evaluation([one, two], staff)
    _advance(call, [one, two])
    with pytest.raises(EvaluationError) as refused:
        create_prototype_agreements(call=call, actor=staff, track_code="technical",
                                    amounts={one.application_id: 500 * M,
                                             two.application_id: 300_000_001})  # fmt: skip
    assert refused.value.code == "over_total" and not Agreement.objects.exists()
    with pytest.raises(EvaluationError):  # academic: a paper, no prototype money
        create_prototype_agreements(call=call, actor=staff, track_code="academic")
    done = create_prototype_agreements(
        call=call, actor=staff, track_code="technical",
        amounts={one.application_id: 500 * M, two.application_id: 300 * M},
    )  # fmt: skip
    assert sorted(a.city_grant_krw for a in done.created) == [300 * M, 500 * M]
    # a prize of a team with an agreement is a row of that agreement's ledger (call set too)
    award_prize(call=call, team=one, category="overall", actor=staff, rate_on=dt.date(2021, 12, 16))
    row = LedgerEntry.objects.get(kind="prize_paid")
    assert (row.agreement.application_id, row.call_id) == (one.application_id, call.pk)


@pytest.mark.django_db
def test_staff_confirm_the_prototype_teams_on_the_page_and_bad_amounts_are_refused(catalogue):
    call = challenge_call("R10")
    call.opens_at = call.opens_at.replace(year=2024)
    call.save(update_fields=["opens_at"])
    team = team_in(call)
    staff_user = UserFactory(role=Role.STAFF)
    into_evaluation([team], staff_user)
    _advance(call, [team])
    url = reverse("challenges:staff-call", args=[call.pk])
    staff = Client()
    staff.force_login(staff_user)
    page = staff.get(url).content.decode()
    assert f'name="amount_{team.application_id}"' in page and 'name="starts_on"' in page
    field = f"amount_{team.application_id}"
    for bad, says in (("80,000,001", "80,000,000"), ("열", "amount"), ("0", "amount")):
        shown = staff.post(
            url, {"op": "prototype", "starts_on": "2024-08-01", field: bad}, follow=True
        )
        assert shown.status_code == 200 and says in shown.content.decode()
    assert not Agreement.objects.exists()
    staff.post(url, {"op": "prototype", "starts_on": "2024-08-01", field: "80,000,000"})
    assert Agreement.objects.get().city_grant_krw == 80 * M


@pytest.mark.django_db
def test_the_budget_overview_shows_the_prize_money_outside_the_project_budget(users, catalogue):
    """Seed 000: 서울글로벌챌린지 시상금(기타보상금) 700백만원 별도 — beside the totals, not in them."""
    from tests.conftest import client_for

    data = client_for(users[Role.OFFICIAL]).get("/api/v1/budget/summary/?year=2021").json()
    assert data["prizes_outside_budget"]["million_krw"] == 700
    assert [r["code"] for r in data["prizes_outside_budget"]["by_program"]] == ["R09"]
    assert data["total_million_krw"] == 38_288  # the plan's total, without the prizes
    official = Client()
    official.force_login(users[Role.OFFICIAL])
    page = official.get("/dashboard/budget/?year=2021").content.decode()
    assert 'id="prize-budget-R09">700<' in page
