"""Challenge rules: tier filling with ties (hypothesis), one citizens' vote per account (two at
once on PostgreSQL), the voting limits, the technology screening rule, team members."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from evaluation.domain.challenge_teams import clean_members
from evaluation.domain.challenge_tiers import Finalist, fill_tiers
from evaluation.domain.citizen_votes import cast_vote
from evaluation.models import CitizenVote, StageResult
from evaluation.screening.domain.rules.content import required_technology
from programs.domain.flows import Tier
from tests.evaluation.challenge_helpers import challenge_call, team_in
from tests.factories import UserFactory
from tests.races import needs_postgresql, race

TIERS = [Tier("grand", "최우수", "Grand", 1, 200_000_000, {}),
         Tier("excellence", "우수", "Excellence", 3, 150_000_000, {}),
         Tier("encouragement", "장려", "Encouragement", 9, 100_000_000, {})]  # fmt: skip
T0 = dt.datetime(2021, 4, 1, tzinfo=dt.UTC)


def finalist(n, score, technical=None, minutes=0):
    return Finalist(n, f"2021-0001-{n:05d}", None if score is None else Decimal(score),
                    None if technical is None else Decimal(technical), T0 + dt.timedelta(minutes=minutes))  # fmt: skip


def test_tie_at_a_tier_boundary_goes_to_the_technical_criterion_then_the_earlier_entry():
    placed = fill_tiers([finalist(1, "90"), finalist(2, "80", "20", 5), finalist(3, "80", "22", 9),
                         finalist(4, "80", "22", 1), finalist(5, "80", "20", 5), finalist(6, None)], TIERS)  # fmt: skip
    assert [(p.finalist.application_id, p.tier_code, p.tie_break) for p in placed] == [
        (1, "grand", ""),
        (4, "excellence", ""),
        (3, "excellence", "earlier submission"),
        (2, "excellence", "technical criterion"),
        (5, "encouragement", "receipt number"),
    ]  # 6 has no final score: no tier


scores = st.lists(
    st.tuples(st.integers(50, 60), st.integers(0, 3), st.integers(0, 3)), min_size=0, max_size=20
)


@settings(max_examples=60, deadline=None)
@given(scores, st.randoms(use_true_random=False))
def test_tier_filling_properties(rows, rnd):
    finalists = [finalist(i + 1, s, t, m) for i, (s, t, m) in enumerate(rows)]
    shuffled = finalists[:]
    rnd.shuffle(shuffled)
    placed = fill_tiers(shuffled, TIERS)
    assert placed == fill_tiers(finalists, TIERS)  # the input order never matters
    assert len(placed) == min(len(rows), 13)
    assert [p.rank for p in placed] == list(range(1, len(placed) + 1))
    counts = {t.code: sum(1 for p in placed if p.tier_code == t.code) for t in TIERS}
    assert all(counts[t.code] <= t.count for t in TIERS)
    for a, b in zip(placed, placed[1:], strict=False):  # a better final score never gets less money
        assert a.finalist.final_score >= b.finalist.final_score and a.amount_krw >= b.amount_krw
    placed_ids = {p.finalist.application_id for p in placed}
    worst = min((p.finalist.final_score for p in placed), default=None)
    assert all(f.final_score <= worst for f in finalists if f.application_id not in placed_ids)


@pytest.fixture
def ballot(catalogue):
    call = challenge_call("R09")
    call.flow = {**call.flow, "vote_opens_at": call.closes_at.isoformat()}
    call.save()
    team = team_in(call, kind="company", track="technical")
    StageResult.objects.create(call=call, application=team.application, stage="document", method="trimmed_mean",
                               advances=True, rank=1)  # fmt: skip
    cache.clear()
    return call, team, call.closes_at + dt.timedelta(hours=1)


@pytest.mark.django_db
def test_one_vote_per_account_and_the_limits(ballot):
    call, team, now = ballot
    voter = UserFactory()
    cast_vote(call=call, application_id=team.application_id, voter=voter, now=now)
    with pytest.raises(AlreadyDecided):
        cast_vote(call=call, application_id=team.application_id, voter=voter, now=now)
    assert CitizenVote.objects.filter(voter=voter).count() == 1
    refusals = {
        "window": dict(voter=UserFactory(), now=now + dt.timedelta(days=8)),
        "unverified": dict(voter=UserFactory(email=""), now=now),
        "own_team": dict(voter=team.application.applicant, now=now),
    }
    for code, kwargs in refusals.items():
        with pytest.raises(EvaluationError) as refused:
            cast_vote(call=call, application_id=team.application_id, **kwargs)
        assert refused.value.code == code
    with pytest.raises(EvaluationError) as refused:
        cast_vote(call=call, application_id=999_999, voter=UserFactory(), now=now)
    assert refused.value.code == "not_finalist"
    hammer = UserFactory()
    for _ in range(5):
        with pytest.raises(EvaluationError):
            cast_vote(call=call, application_id=999_999, voter=hammer, now=now)
    with pytest.raises(EvaluationError) as limited:
        cast_vote(call=call, application_id=team.application_id, voter=hammer, now=now)
    assert limited.value.code == "rate"


@pytest.mark.django_db(transaction=True)
def test_two_votes_of_one_account_at_once_count_once(catalogue):
    needs_postgresql()
    call = challenge_call("R09")
    call.flow = {**call.flow, "vote_opens_at": call.closes_at.isoformat()}
    call.save()
    team = team_in(call, kind="company", track="technical")
    StageResult.objects.create(call=call, application=team.application, stage="document", method="trimmed_mean",
                               advances=True, rank=1)  # fmt: skip
    voter, now = UserFactory(), call.closes_at + dt.timedelta(hours=1)
    outcomes = race(
        *[lambda: cast_vote(call=call, application_id=team.application_id, voter=voter, now=now)]
        * 2
    )
    assert sorted(type(e).__name__ for _v, e in outcomes if e) == ["AlreadyDecided"]
    assert CitizenVote.objects.filter(voter=voter).count() == 1


def _facts(text, technologies=None):
    team = None if technologies is None else SimpleNamespace(technologies=technologies)
    app = SimpleNamespace(
        title_ko=text, title_en="", summary="", objectives="", content="", challenge_team=team
    )
    return SimpleNamespace(app=app)


@pytest.mark.parametrize(
    ("text", "declared", "outcome", "reason"),
    [
        ("드론 기반 교량 점검", ["drone"], "pass", "drone"),
        ("스마트 화분", ["drone"], "needs_review", "does not mention"),
        ("블록체인 인증", [], "fail", "declares none"),
        ("IoT 센서", ["iot"], "fail", "declares none"),
        ("인공지능 영상 분석", None, "pass", "uses ai"),
    ],
)
def test_technology_screening_rule_gives_its_reason(text, declared, outcome, reason):
    params = {"any_of": ["drone", "ai", "blockchain"]}
    verdict = required_technology(_facts(text, declared), params)
    assert verdict.outcome == outcome and reason in verdict.reason_en


def test_members_keep_name_role_affiliation_only_and_one_leader():
    members = clean_members([{"name": " 김 ", "role": "leader", "affiliation": "A", "phone": "010"},
                             {"name": "", "role": "", "affiliation": ""}])  # fmt: skip
    assert members == [{"name": "김", "role": "leader", "affiliation": "A"}]
    with pytest.raises(ValidationError):
        clean_members([{"name": "a", "role": "member"}])
    with pytest.raises(ValidationError):
        clean_members([{"name": "a", "role": "leader"}, {"name": "b", "role": "leader"}])


@pytest.mark.parametrize("code", ["bankruptcy", "tax_arrears", "defaulter"])
def test_credit_rules_explain_a_foreign_lead_instead_of_failing(code):
    from evaluation.screening.domain.rules import RULES

    lead = SimpleNamespace(pk=1, is_foreign=True, country="DE", foreign_registration_no="HRB 1234")
    facts = SimpleNamespace(lead=lead, data=SimpleNamespace(credit={}))
    verdict = RULES[code].check(facts, {})
    assert verdict.outcome == "needs_review" and "no Korean business number" in verdict.reason_en
    assert "HRB 1234" in verdict.reason_ko


@pytest.mark.django_db
def test_a_prize_is_a_ledger_row_of_the_winners_agreement_and_counts_once_per_place(
    catalogue, staff
):
    from agreements.models import LedgerEntry
    from evaluation.domain.challenge_prizes import award_prize
    from tests.agreements.factories import agreement_for

    call = challenge_call("R09")
    winner, other = (
        team_in(call, kind="company", track="technical"),
        team_in(call, kind="company", track="technical"),
    )
    agreement = agreement_for(winner.application)
    award_prize(call=call, team=winner, category="overall", actor=staff, currency="EUR", rate_krw="1450.5",
                rate_on=dt.date(2021, 12, 16))  # fmt: skip
    (row,) = LedgerEntry.objects.filter(agreement=agreement, kind="prize_paid")
    assert (row.amount_krw, row.occurred_on) == (500_000_000, dt.date(2021, 12, 16))
    with pytest.raises(AlreadyDecided):  # one overall winner
        award_prize(call=call, team=other, category="overall", actor=staff)
    with pytest.raises(EvaluationError):
        award_prize(call=call, team=other, category="category", actor=staff, currency="US1")
    award_prize(
        call=call, team=other, category="citizens", actor=staff
    )  # a certificate: no money, no row
    assert LedgerEntry.objects.filter(kind="prize_paid").count() == 1


@pytest.mark.django_db
def test_screening_a_team_entry_counts_its_members_and_checks_its_technology(catalogue, staff):
    from evaluation.screening.domain.runs import process_run, start_run

    call = challenge_call("R10")
    duo = team_in(call, summary="드론 관제 인공지능")
    duo.members.create(name="박팀원", role="member", affiliation="서울대", order=1)
    solo = team_in(call, technologies=(), summary="스마트 화분")
    run = start_run(call=call, actor=staff)
    process_run(run_id=run.pk)
    rules = {r.application_id: {v["code"]: v for v in r.rules} for r in run.results.all()}
    assert rules[duo.application_id]["min_participants"]["outcome"] == "pass"
    assert rules[solo.application_id]["min_participants"]["outcome"] == "fail"
    assert rules[duo.application_id]["required_technology"]["outcome"] == "pass"
    solo_tech = rules[solo.application_id]["required_technology"]
    assert solo_tech["outcome"] == "fail" and "declares none" in solo_tech["reason_en"]


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**10), st.sampled_from(["USD", "EUR", "JPY", "KRW"]),
       st.decimals(min_value="0.01", max_value="100000", places=4))  # fmt: skip
def test_a_prize_in_a_foreign_currency_is_within_half_a_minor_unit_of_its_won(
    amount_krw, currency, rate
):
    from evaluation.domain.challenge_prizes import EXPONENT, minor_units

    minor = minor_units(amount_krw=amount_krw, currency=currency, rate_krw=rate)
    unit = Decimal(10) ** EXPONENT[currency]
    assert isinstance(minor, int) and minor >= 0
    assert abs(Decimal(minor) / unit * rate - amount_krw) <= rate / unit / 2
