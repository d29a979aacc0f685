"""Each challenge's flow end to end at the domain level: entry → preliminary → final → tiers →
agreements (R10), and entry per contest → preliminary → final with citizens' votes → prizes (R09)."""

import datetime as dt
from decimal import Decimal

import pytest

from agreements.domain.creation import CreationRefused
from applications.models import BudgetItem
from evaluation.domain.challenge_flow import (
    call_program,
    development_period,
    prototype_terms,
    steps,
)
from evaluation.domain.challenge_prizes import award_prize, prize_totals
from evaluation.domain.challenge_ranking import (
    combined_final_scores,
    final_entrants,
    rank_step,
    record_on_site_score,
)
from evaluation.domain.challenge_teams import confirm_re_entry
from evaluation.domain.challenge_tiers import assign_tiers, create_tier_agreement
from evaluation.domain.citizen_votes import cast_vote
from evaluation.domain.committees import auto_assign
from evaluation.models import CommitteeDecision, StageResult, TierAward
from tests.evaluation.challenge_helpers import challenge_call, into_evaluation, team_in
from tests.evaluation.factories import committee_with_members, score_all
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _score(committee, apps_points: dict, staff) -> None:
    apps = list(apps_points)
    auto_assign(committee=committee, applications=apps, actor=staff)
    for app, points in apps_points.items():
        score_all(committee, app, [points] * committee.evaluators_per_application)


def test_innovation_challenge_from_entry_to_tier_agreements(catalogue, staff):
    call = challenge_call("R10")
    program = call_program(call)
    assert [s.step for s in steps(program=program)] == [
        "call", "team_building", "preliminary", "prototype", "final", "development"]  # fmt: skip
    teams = [team_in(call, minutes=i) for i in range(3)] + [
        team_in(call, kind="pre_founder", minutes=9)
    ]
    assert (
        teams[3].institution is None
        and teams[3].application.lead_institution.name == "서울경제진흥원"
    )
    into_evaluation(teams, staff)
    document = committee_with_members(call, n=3, stage="document", actor=staff)
    document.evaluators_per_application = 3
    document.save()
    a, b, c, d = (t.application for t in teams)
    _score(document, {a: [20, 20, 20, 20], b: [20, 20, 20, 20], c: [10, 10, 10, 10],
                      d: [22, 22, 22, 22]}, staff)  # fmt: skip
    rank_step(call=call, stage="document", actor=staff)
    advanced = set(
        StageResult.objects.filter(stage="document", advances=True).values_list(
            "application_id", flat=True
        )
    )
    assert advanced == {a.pk, b.pk, d.pk}  # c is under the 60 cut-off
    # Team c failed before: staff confirm its re-entry, so the named rule admits it to the final.
    assert c not in final_entrants(call=call)
    confirm_re_entry(team=teams[2], reference="제4회 2020-0001", actor=staff)
    assert set(final_entrants(call=call)) == {a, b, c, d}
    final = committee_with_members(call, n=3, stage="presentation", actor=staff)
    final.evaluators_per_application = 3
    final.save()
    # a and b tie on the total (80); b scores higher on creativity (the technical criterion).
    _score(
        final,
        {a: [18, 22, 20, 20], b: [22, 18, 20, 20], c: [15, 15, 15, 15], d: [25, 25, 25, 25]},
        staff,
    )
    rank_step(call=call, stage="presentation", actor=staff)
    awards = assign_tiers(call=call, actor=staff)
    placed = [(x.application_id, x.tier_code, x.amount_krw, x.tie_break) for x in awards]
    assert placed == [
        (d.pk, "grand", 200_000_000, ""),
        (b.pk, "excellence", 150_000_000, ""),
        (a.pk, "excellence", 150_000_000, "technical criterion"),
        (c.pk, "excellence", 150_000_000, ""),
    ]
    assert CommitteeDecision.objects.get(application=b).granted_krw == 150_000_000
    b.refresh_from_db()
    assert b.status == "selected"
    # The tier becomes b's agreement for the 10-month development of the next year.
    BudgetItem.objects.create(application=b, year=1, institution=b.lead_institution, category="personnel",
                              city_krw=300_000_000, cash_krw=0, inkind_krw=0)  # fmt: skip
    agreement = create_tier_agreement(award=TierAward.objects.get(application=b), actor=staff)
    assert agreement.city_grant_krw == 150_000_000
    starts, ends = development_period(program=program, call=call)
    assert (agreement.starts_on, agreement.ends_on) == (starts, ends)
    assert (starts.month, ends.month, ends.year - starts.year) == (2, 11, 0)
    # The pre-founder team must name the company it founded first.
    with pytest.raises(CreationRefused) as refused:
        create_tier_agreement(award=TierAward.objects.get(application=d), actor=staff)
    assert refused.value.code == "no_institution"


def test_prototype_terms_are_per_year_data(catalogue):
    program = call_program(challenge_call("R10"))
    call = challenge_call("R10")
    for year, expected in ((2021, (20_000_000, 4, False)), (2023, (20_000_000, 4, False)),
                           (2024, (80_000_000, 6, True)), (2026, (80_000_000, 6, True))):  # fmt: skip
        call.opens_at = call.opens_at.replace(year=year)
        terms = prototype_terms(program=program, call=call)
        assert (terms["amount_krw"], terms["months"], terms["amount_is_cap"]) == expected


def test_global_challenge_two_contests_votes_and_prizes(catalogue, staff):
    call = challenge_call("R09")
    program = call_program(call)
    assert [s.step for s in steps(program=program, track_code="academic")] == [
        "call", "preliminary", "paper", "final", "awards"]  # fmt: skip
    assert prototype_terms(program=program, call=call, track_code="technical") == {
        "months": 6, "funding_total_krw": 800_000_000, "budget_category": "materials"}  # fmt: skip
    tech = [team_in(call, kind="company", track="technical", foreign=True),
            team_in(call, kind="company", track="technical")]  # fmt: skip
    paper = [team_in(call, kind="university", track="academic")]
    assert tech[0].application.title_en and not tech[0].application.title_ko  # English first
    into_evaluation(tech + paper, staff)
    document = committee_with_members(call, n=3, stage="document", actor=staff)
    document.evaluators_per_application = 3
    document.save()
    _score(document, {t.application: [20, 20, 20, 20] for t in tech + paper}, staff)
    rank_step(call=call, stage="document", actor=staff, track_code="technical")
    rank_step(call=call, stage="document", actor=staff, track_code="academic")
    assert {
        r.rank for r in StageResult.objects.filter(stage="document", application__track="academic")
    } == {1}
    final = committee_with_members(call, n=3, stage="presentation", actor=staff)
    final.evaluators_per_application = 3
    final.save()
    _score(final, {tech[0].application: [20, 20, 20, 20], tech[1].application: [25, 25, 25, 15],
                   paper[0].application: [20, 20, 20, 20]}, staff)  # fmt: skip
    rank_step(call=call, stage="presentation", actor=staff, track_code="technical")
    record_on_site_score(team=tech[0], score="100", actor=staff)
    record_on_site_score(team=tech[1], score="50", actor=staff)
    call.flow = {**call.flow, "vote_opens_at": call.closes_at.isoformat()}
    call.save()
    voting = call.closes_at + dt.timedelta(days=1)
    for _ in range(3):
        cast_vote(call=call, application_id=tech[0].application_id, voter=UserFactory(), now=voting)
    scores = combined_final_scores(call=call, track_code="technical")
    # expert 80 × 0.5 + on-site 100 × 0.3 + citizens 100 × 0.2 = 90; the other 90×.5+50×.3+0 = 60
    assert scores[tech[0].application_id]["final"] == Decimal("90.00")
    assert scores[tech[1].application_id]["final"] == Decimal("60.00")
    prize = award_prize(call=call, team=tech[0], category="overall", actor=staff, currency="USD",
                        rate_krw="1300", rate_on=dt.date(2021, 12, 16))  # fmt: skip
    assert (prize.amount_krw, prize.currency, prize.amount_minor) == (
        500_000_000,
        "USD",
        38_461_538,
    )
    award_prize(call=call, team=tech[1], category="citizens", actor=staff)
    assert prize_totals(call=call)["total_krw"] == 500_000_000
