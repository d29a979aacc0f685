"""Ranking a challenge's scored steps, the combined final score and who enters the final.

Scores come from the existing score sheets (``evaluation.domain.results.build_entries``), are
ranked by ``evaluation.domain.aggregation.rank_entries`` and stored by ``store_stage_results``;
only the number that advances differs: the step's ``advance`` count (e.g. 28 teams) instead of
slots × multiplier. A programme with tracks is ranked per track.

Combined final score (flow ``final_weights``): expert = the final step's stored total; on-site =
the team's on-site performance score (0–100, staff record it); citizens = the team's share of the
track's votes scaled so the most-voted team has 100. Missing parts count 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count

from accounts.domain.audit import record_audit
from applications.models import Application
from config.locking import lock
from evaluation.domain import EvaluationError
from evaluation.domain.aggregation import mark_advancing, rank_entries
from evaluation.domain.challenge_flow import call_program, final_weights, step
from evaluation.domain.result_store import store_stage_results
from evaluation.domain.results import build_entries, stage_config
from evaluation.models import ChallengeTeam, CitizenVote, StageResult
from programs.domain.plugins import run_plugins
from programs.models import Call

CENT = Decimal("0.01")


def _refuse(code: str, ko: str, en: str):
    raise EvaluationError(ko, en, code)


@transaction.atomic
def rank_step(*, call: Call, stage: str, actor, track_code: str = "") -> int:
    """Rank a scored step of a challenge call (one track) and store it; returns teams ranked."""
    from evaluation.domain.timeline import enforce

    program = call_program(call)
    if program is None:
        _refuse("not_challenge", "챌린지 공고가 아닙니다.", "This call is not a challenge.")
    spec = step(program=program, track_code=track_code, code=stage)
    if spec is None or not spec.scored:
        _refuse("stage", "이 단계는 점수 단계가 아닙니다.", "This step is not scored.")
    lock(Call, call.pk)
    enforce(f"aggregate.{stage}", call)
    config = {**stage_config(call, stage), **{k: v for k, v in spec.spec.items()
                                               if k in ("cutoff", "aggregation", "fallback")}}  # fmt: skip
    track_of = dict(Application.objects.filter(call=call).values_list("pk", "track"))
    entries = [e for e in build_entries(call, stage, config=config)
               if track_of.get(e.application_id, "") == track_code]  # fmt: skip
    ranked = rank_entries(entries)
    count = int(spec.spec.get("advance") or len(ranked))
    ranked = mark_advancing(ranked, cutoff=config["cutoff"], count=count)
    written = store_stage_results(call=call, stage=stage, ranked=ranked)
    record_audit(actor=actor, action=f"challenge.rank.{spec.step}", target=call,
                 after={"track": track_code, "teams": len(ranked), "rows_written": written,
                        "advance": count, "advancing": [e.application_id for e in ranked if e.advances]})  # fmt: skip
    return len(ranked)


def final_entrants(*, call: Call, track_code: str = "") -> list[Application]:
    """Teams that may be evaluated in the final: each team the ``stage_entry`` plug-ins admit
    (those who passed the preliminary, and — where selected — confirmed re-entries)."""
    program = call_program(call)
    teams = ChallengeTeam.objects.filter(
        application__call=call, application__track=track_code
    ).select_related("application")
    advanced = set(StageResult.objects.filter(call=call, stage="document", advances=True)
                   .values_list("application_id", flat=True))  # fmt: skip
    admitted = []
    for team in teams:
        passed = team.application_id in advanced
        results = run_plugins(hook="stage_entry", program=program, team=team, stage="presentation")
        if passed or any(r.ok for r in results):
            admitted.append(team.application)
    return sorted(admitted, key=lambda a: a.receipt_no)


def vote_counts(*, call: Call) -> dict[int, int]:
    return dict(
        CitizenVote.objects.filter(call=call)
        .values("application_id")
        .annotate(n=Count("id"))
        .values_list("application_id", "n")
    )


def combined_final_scores(*, call: Call, track_code: str = "") -> dict[int, dict]:
    """Per finalist: expert, on-site and citizens' parts and the weighted final score."""
    program = call_program(call)
    weights = final_weights(program=program)
    results = {
        r.application_id: r
        for r in StageResult.objects.filter(
            call=call, stage="presentation", application__track=track_code
        )
    }
    on_site = dict(
        ChallengeTeam.objects.filter(application_id__in=results).values_list(
            "application_id", "on_site_score"
        )
    )
    votes = vote_counts(call=call) if "citizens" in weights else {}
    top = max([votes.get(pk, 0) for pk in results] or [0])
    scores = {}
    for pk, r in results.items():
        parts = {
            "expert": r.total,
            "on_site": on_site.get(pk),
            "citizens": (Decimal(votes.get(pk, 0)) * 100 / top) if top else Decimal(0),
        }
        final = sum(
            (weights[k] * (parts[k] or Decimal(0)) for k in weights), Decimal(0)
        ).quantize(CENT, rounding=ROUND_HALF_UP)  # fmt: skip
        scores[pk] = {
            "expert": parts["expert"], "on_site": parts["on_site"],
            "citizens": parts["citizens"].quantize(CENT, rounding=ROUND_HALF_UP),
            "votes": votes.get(pk, 0), "final": final if r.total is not None else None,
        }  # fmt: skip
    return scores


@transaction.atomic
def record_on_site_score(*, team: ChallengeTeam, score, actor) -> ChallengeTeam:
    """Staff record a team's on-site performance score (0–100) for the final."""
    try:
        value = Decimal(str(score)).quantize(CENT, rounding=ROUND_HALF_UP)
    except Exception:  # noqa: BLE001 - any unreadable input is the same refusal
        value = None
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        _refuse("score", "현장 평가 점수는 0~100입니다.", "The on-site score is between 0 and 100.")
    team = lock(ChallengeTeam, team.pk)
    before = None if team.on_site_score is None else str(team.on_site_score)
    team.on_site_score = value
    team.save(update_fields=["on_site_score"])
    record_audit(actor=actor, action="challenge.on_site_score", target=team,
                 before={"score": before}, after={"score": str(value)})  # fmt: skip
    return team
