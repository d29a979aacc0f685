"""Stage results: collect sheet totals, aggregate (pure functions), rank, mark advancement, store."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from applications.models import Application
from evaluation.domain import EvaluationError
from evaluation.domain.aggregation import (
    BonusFacts,
    Entry,
    aggregate,
    bonus_points,
    what_if,
)
from evaluation.domain.result_store import store_stage_results
from evaluation.domain.track_ranking import rank_and_mark, tracks_of_call, what_if_by_track
from evaluation.enums import SCORED_STAGES, AssignmentStatus, FlaggedDecision, SheetStatus
from evaluation.models import Assignment, FlaggedResultReview, ScoreSheet, StageResult
from programs.domain.flows import stage_of

DEFAULT_STAGE = {"cutoff": 60, "multiplier": 1, "aggregation": "trimmed_mean", "fallback": "mean",
                 "rounding": "ceil"}  # fmt: skip


def stage_config(call, stage: str) -> dict:
    """The stage rules of the call (from its first programme defining the stage, by order)."""
    if stage not in SCORED_STAGES:
        raise EvaluationError(
            f"점수 단계가 아닙니다: {stage}", f"Not a scored stage: {stage}", "stage"
        )
    for program in call.programs.order_by("order", "code"):
        config = program.stage(stage)
        if config:
            return {**DEFAULT_STAGE, **config}
    return dict(DEFAULT_STAGE)


def collect_scores(call, stage: str) -> dict[int, tuple[list[Decimal], list[str]]]:
    """Submitted sheet totals of active assignments per application, ascending, in ONE query.

    Each application maps to its totals as Decimals (for the aggregation) and as the exact texts
    stored in ``StageResult.scores``. PostgreSQL groups the totals per application (``array_agg``
    of the text form: one row per application); other databases return one row per sheet.
    Aggregation itself stays in Python (``evaluation.domain.aggregation``).
    """
    sheets = ScoreSheet.objects.filter(
        assignment__call=call,
        assignment__stage=stage,
        assignment__status=AssignmentStatus.ACTIVE,
        status=SheetStatus.SUBMITTED,
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import ArrayAgg
        from django.db.models import TextField
        from django.db.models.functions import Cast

        grouped = (
            sheets.values("assignment__application_id")
            .annotate(totals=ArrayAgg(Cast("total", TextField()), order_by="total"))
            .values_list("assignment__application_id", "totals")
        )
        return {
            pk: ([Decimal(t) for t in texts], texts)
            for pk, texts in grouped.iterator(chunk_size=10_000)
        }
    rows = sheets.order_by("assignment__application_id", "total").values_list(
        "assignment__application_id", "total"
    )
    scores: dict[int, tuple[list[Decimal], list[str]]] = {}
    for application_id, total in rows:
        values, texts = scores.setdefault(application_id, ([], []))
        values.append(total)
        texts.append(str(total))
    return scores


def _applications(call, stage: str) -> list[tuple[int, str, int, str]]:
    ids = Assignment.objects.filter(call=call, stage=stage).values("application_id")
    return list(
        Application.objects.filter(pk__in=ids).values_list(
            "pk", "receipt_no", "program_id", "track"
        )
    )


def facts_date(call):
    """The day facts for scoring and screening are taken on: the call's close date (KST).

    Never today: re-running an aggregation later must not change bonuses and ranks because a
    tenancy ended (or began) after the close.
    """
    return timezone.localdate(call.closes_at)


def _bonus_facts(call, stage: str, application_ids: list[int]) -> dict[int, BonusFacts]:
    """Hub tenancy of the lead institution (on the close date), export record and Seoul
    co-institutions (defensive)."""
    from accounts.models import HubTenancy

    as_of = facts_date(call)
    wanted = set(application_ids)
    assigned = Assignment.objects.filter(call=call, stage=stage).values("application_id")
    lead = {
        pk: inst
        for pk, inst in Application.objects.filter(pk__in=assigned).values_list(
            "pk", "lead_institution_id"
        )
        if pk in wanted
    }
    hubs: dict[int, set[str]] = defaultdict(set)
    tenancies = HubTenancy.objects.filter(institution__applications__in=assigned).values_list(
        "institution_id", "hub", "starts_on", "ends_on"
    )
    for inst, hub, starts, ends in tenancies:
        if starts <= as_of and (ends is None or as_of <= ends):
            hubs[inst].add(hub)
    export = set()
    if any(f.name == "export_record" for f in Application._meta.get_fields()):
        export = set(
            Application.objects.filter(pk__in=assigned, export_record=True).values_list(
                "pk", flat=True
            )
        )
    partner = set()
    try:
        co = apps.get_model("applications", "ApplicationInstitution")
        partner = set(
            co.objects.filter(
                application_id__in=assigned, role="co", institution__sites__in_seoul=True
            ).values_list("application_id", flat=True)
        )
    except LookupError:
        pass
    claims: dict[int, set] = defaultdict(set)
    from applications.models import ApplicationClaim

    for app_id, kind, counterpart, amount in ApplicationClaim.objects.filter(
        application_id__in=wanted, verified=True, evidence__isnull=False
    ).values_list("application_id", "kind", "counterpart", "amount_krw"):
        claims[app_id].add((kind, counterpart, amount))
    return {
        pk: BonusFacts(
            hubs=frozenset(hubs[lead[pk]]),
            export_record=pk in export,
            seoul_partner=pk in partner,
            claims=frozenset(claims[pk]),
        )  # fmt: skip
        for pk in application_ids
    }


def build_entries(call, stage: str, *, config: dict | None = None) -> list[Entry]:
    """Aggregated (not yet ranked) entries of every application assigned at this stage."""
    from programs.models import Program

    config = config or stage_config(call, stage)
    rows = _applications(call, stage)
    scores = collect_scores(call, stage)
    programs = {p.pk: p for p in Program.objects.filter(pk__in={r[2] for r in rows})}
    with_bonus = [r[0] for r in rows if programs[r[2]].bonus_rules]
    facts = _bonus_facts(call, stage, with_bonus) if with_bonus else {}
    # a track with its own stages is scored with them (programs.domain.flows.stages_for)
    own = {(r[2], r[3]): {**config, **(stage_of(program=programs[r[2]], code=stage, track_code=r[3]) or {})}
           for r in rows}  # fmt: skip
    bonus_of: dict[tuple, tuple[Decimal, list[dict]]] = {}  # same rules + same facts → same bonus
    decided = {pk: (decision, taken_on) for pk, decision, taken_on in FlaggedResultReview.objects
               .filter(call=call, stage=stage).values_list("application_id", "decision", "scores")}  # fmt: skip
    entries = []
    for pk, receipt_no, program_id, track in rows:
        rules = own[(program_id, track)]
        values, texts = scores.get(pk, ([], []))
        result = aggregate(values, method=rules["aggregation"], fallback=rules["fallback"])
        decision, taken_on = decided.get(pk, (None, None))
        if not result.flagged or taken_on != texts:
            decision = None  # a decision holds only for the scores it was taken on
        bonus, applied = (Decimal(0), [])
        if pk in facts:
            key = (program_id, facts[pk])
            if key not in bonus_of:
                bonus_of[key] = bonus_points(programs[program_id].bonus_rules, facts[pk])
            bonus, applied = bonus_of[key]
        entries.append(Entry(
            application_id=pk, receipt_no=receipt_no, scores=values,
            aggregate=result.value, bonus=bonus,
            extra={"method": result.method, "dropped": [str(d) for d in result.dropped], "scores": texts,
                   "flagged": result.flagged, "note": result.note, "bonus_detail": applied,
                   "flag_decision": decision, "track": track},
        ))  # fmt: skip
    return entries


def rank_stage(call, stage: str, *, config: dict | None = None) -> list[Entry]:
    """Entries ranked and marked for advancement with the call's rules (no writes)."""
    config = config or stage_config(call, stage)
    # per track (own ranks, slots) when the call's programme has tracks; else one group
    return rank_and_mark(build_entries(call, stage, config=config), call=call, config=config)


@transaction.atomic
def compute_stage_results(*, call, stage: str, actor) -> int:
    """Compute and store every application's StageResult for the stage (the Celery job's body).

    Idempotent: re-running with unchanged scores rewrites no row (see ``result_store``).
    Refused before the call has closed, and the presentation stage before the document stage is
    complete (``evaluation.domain.timeline``).
    """
    from evaluation.domain.timeline import enforce

    config = stage_config(call, stage)
    enforce(f"aggregate.{stage}", call)
    ranked = rank_stage(call, stage, config=config)
    written = store_stage_results(call=call, stage=stage, ranked=ranked)
    StageResult.objects.filter(call=call, stage=stage).exclude(
        application_id__in=Assignment.objects.filter(call=call, stage=stage).values(
            "application_id"
        )
    ).delete()
    record_audit(
        actor=actor, action=f"evaluation.aggregate.{stage}", target=call,
        after={"applications": len(ranked), "rows_written": written,
               "config": {k: config[k] for k in DEFAULT_STAGE},
               "advancing": [e.application_id for e in ranked if e.advances],
               "awaiting_confirmation": [e.application_id for e in ranked
                                         if e.extra.get("awaiting_confirmation")]},
    )  # fmt: skip
    return len(ranked)


def current_flag_decisions(call, stage: str) -> dict[int, FlaggedResultReview]:
    """Staff decisions on flagged results that still hold (taken on the stored scores)."""
    stored = dict(
        StageResult.objects.filter(call=call, stage=stage, flagged=True).values_list(
            "application_id", "scores"
        )
    )
    return {
        r.application_id: r
        for r in FlaggedResultReview.objects.filter(call=call, stage=stage).select_related(
            "decided_by"
        )
        if r.application_id in stored and r.scores == stored[r.application_id]
    }


def pending_confirmations(call) -> list[tuple[str, int]]:
    """(stage, application id) of flagged results that hold a slot awaiting staff's decision."""
    pending = []
    for stage in SCORED_STAGES:
        if StageResult.objects.filter(call=call, stage=stage, flagged=True).exists():
            pending += [(stage, e.application_id) for e in rank_stage(call, stage)
                        if e.extra.get("awaiting_confirmation")]  # fmt: skip
    return pending


@transaction.atomic
def decide_flagged_result(*, call, stage: str, application_id: int, decision: str, reason: str,
                          actor) -> FlaggedResultReview:  # fmt: skip
    """Staff confirm (or not) a flagged result — fallback used because fewer than 3 evaluators
    scored — with a reason. Until confirmed, the result does not advance (``mark_advancing``).

    Locks the stage result, re-checks it on the locked row, records the decision for exactly the
    stored scores, audits it and recomputes the stage (ranks and advancement). A second decision
    on the same scores is refused ("already decided"), so a double submission changes nothing.
    """
    if decision not in FlaggedDecision.values:
        raise EvaluationError(f"알 수 없는 결정입니다: {decision}", f"Unknown decision: {decision}",
                              "decision")  # fmt: skip
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationError(
            "결정 사유를 입력하세요.", "Enter the reason for the decision.", "reason"
        )
    if len(reason) > 2000 or "\x00" in reason or any(0xD800 <= ord(c) <= 0xDFFF for c in reason):
        raise EvaluationError("사유는 2,000자 이하의 일반 텍스트여야 합니다.",
                              "The reason must be plain text of at most 2,000 characters.", "reason")  # fmt: skip
    if not 0 < application_id < 2**63:
        raise EvaluationError(
            "산출된 단계 점수가 없습니다.", "No computed stage result.", "missing"
        )
    result = (
        StageResult.objects.select_for_update()
        .filter(call=call, stage=stage, application_id=application_id)
        .first()
    )
    if result is None:
        raise EvaluationError(
            "산출된 단계 점수가 없습니다.", "No computed stage result.", "missing"
        )
    if not result.flagged:
        raise EvaluationError(
            "확인이 필요한 결과가 아닙니다(평가위원 3명 이상).",
            "This result is not flagged (3 or more scores): nothing to confirm.", "not_flagged",
        )  # fmt: skip
    review = FlaggedResultReview.objects.filter(application_id=application_id, stage=stage).first()
    before = None
    if review is not None:
        if review.scores == result.scores:
            raise EvaluationError("이미 결정되었습니다.", "Already decided.", "duplicate")
        before = {"decision": review.decision, "scores": review.scores}  # scores changed since
    else:
        review = FlaggedResultReview(call=call, application_id=application_id, stage=stage)
    review.scores = result.scores
    review.decision = decision
    review.reason = reason
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.save()
    record_audit(
        actor=actor, action=f"evaluation.flagged.{decision}.{stage}", target=review, before=before,
        after={"decision": decision, "scores": result.scores, "method": result.method,
               "aggregate": None if result.aggregate is None else str(result.aggregate)},
        reason=reason,
    )  # fmt: skip
    compute_stage_results(call=call, stage=stage, actor=actor)
    return review


def what_if_stage(call, stage: str, **params) -> list[Entry]:
    """Who would advance with other rules; nothing is written."""
    config = {
        **stage_config(call, stage),
        **{k: v for k, v in params.items() if v not in (None, "")},
    }
    if tracks_of_call(call):
        return what_if_by_track(build_entries(call, stage), call=call, config=config)
    return what_if(
        build_entries(call, stage), method=config["aggregation"], fallback=config["fallback"],
        cutoff=Decimal(str(config["cutoff"])), slots=int(config.get("slots") or call.slots),
        multiplier=config["multiplier"], rounding=config["rounding"],
    )  # fmt: skip


def ranking_rows(call, stage: str, *, show_identities: bool) -> list[dict]:
    """The stored ranking for the API/page; evaluator identities only when show_identities."""
    results = list(
        StageResult.objects.filter(call=call, stage=stage)
        .select_related("application")
        .order_by("rank")
    )
    tracks = tracks_of_call(call)
    if tracks:  # per track, in catalogue order, each ranked 1..n
        position = {code: i for i, code in enumerate(tracks)}
        results.sort(key=lambda r: (position.get(r.application.track, len(position)), r.rank or 0))
    per_app: dict[int, list[dict]] = defaultdict(list)
    if show_identities:
        for app_id, name, username, total in (
            ScoreSheet.objects.filter(assignment__call=call, assignment__stage=stage, status=SheetStatus.SUBMITTED,
                                      assignment__status=AssignmentStatus.ACTIVE)
            .order_by("assignment__application_id", "assignment__evaluator_id")
            .values_list("assignment__application_id", "assignment__evaluator__last_name",
                         "assignment__evaluator__username", "total")
        ):  # fmt: skip
            per_app[app_id].append({"evaluator": name or username, "total": str(total)})
    decisions = current_flag_decisions(call, stage) if any(r.flagged for r in results) else {}
    rows = []
    for r in results:
        rows.append({
            "application": r.application_id, "receipt_no": r.application.receipt_no,
            "scores": per_app[r.application_id] if show_identities else r.scores,
            "aggregate": None if r.aggregate is None else str(r.aggregate), "method": r.method,
            "dropped": r.dropped, "flagged": r.flagged, "bonus": str(r.bonus),
            "bonus_detail": r.bonus_detail, "total": None if r.total is None else str(r.total),
            "rank": r.rank, "tie_break": r.tie_break, "advances": r.advances,
            "flag_decision": decisions[r.application_id].decision
            if r.application_id in decisions else None,
            "track": r.application.track,
            "track_name": tracks[r.application.track].name if r.application.track in tracks else "",
        })  # fmt: skip
    return rows
