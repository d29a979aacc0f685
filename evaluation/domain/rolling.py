"""One application's stage result on a call that evaluates each application on its own
(수시평가; flow ``"evaluation_mode": "per_application"``, e.g. Testbed Seoul's rolling intake).

The same path as a whole call's aggregation (``evaluation.domain.results``): the submitted sheet
totals of the active assignments, ``aggregation.aggregate`` with the stage's method and fallback
(trimmed mean by default), ``mark_advancing`` against the cut-off and ``store_stage_results`` into
``StageResult``. What differs: the call's close is not awaited (the call stays open all year) and
there is no ranking (``rank`` stays empty: each application passes or fails on its own cut-off).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from accounts.domain.audit import record_audit
from evaluation.domain import EvaluationError
from evaluation.domain.aggregation import Entry, mark_advancing
from evaluation.domain.result_store import store_stage_results
from evaluation.domain.results import build_entries, stage_config
from evaluation.enums import AssignmentStatus, SheetStatus
from evaluation.models import Assignment, StageResult
from programs.domain.flows import flow_value


@dataclass(frozen=True)
class Progress:
    """Where the evaluation of one application at one stage stands."""

    active: int  # active assignments (not excluded, not recused)
    submitted: int  # of which the sheet is submitted
    excluded: int  # excluded for a conflict of interest or recused

    @property
    def complete(self) -> bool:
        return self.active > 0 and self.submitted == self.active


def progress(*, application, stage: str) -> Progress:
    rows = list(
        Assignment.objects.filter(application=application, stage=stage).values_list(
            "status", "sheet__status"
        )
    )
    active = [sheet for status, sheet in rows if status == AssignmentStatus.ACTIVE]
    return Progress(
        active=len(active),
        submitted=sum(1 for sheet in active if sheet == SheetStatus.SUBMITTED),
        excluded=len(rows) - len(active),
    )


def evaluated_per_application(call) -> bool:
    return any(
        flow_value(program=p, key="evaluation_mode") == "per_application"
        for p in call.programs.all()
    )


def application_entry(*, application, stage: str, cutoff: Decimal | None = None) -> Entry | None:
    """The aggregated entry of the application (not stored): scores, method, dropped high/low,
    stage score and whether it reaches the cut-off. ``None`` when nothing is assigned."""
    call = application.call
    config = stage_config(call, stage)
    if cutoff is not None:
        config = {**config, "cutoff": cutoff}
    entry = next(
        (
            e
            for e in build_entries(call, stage, config=config)
            if e.application_id == application.pk
        ),
        None,
    )
    if entry is None:
        return None
    mark_advancing([entry], cutoff=Decimal(str(config["cutoff"])), count=1)
    entry.rank = None
    entry.extra["cutoff"] = str(config["cutoff"])
    return entry


@transaction.atomic
def compute_application_result(
    *, application, stage: str, actor, cutoff: Decimal | None = None
) -> StageResult:
    """Store the application's StageResult; refused unless every active assignment's sheet is
    submitted and at least 3 scores allow the trimmed mean (no flagged fallback)."""
    call = application.call
    if not evaluated_per_application(call):
        raise EvaluationError(
            "이 공고는 과제별 수시평가가 아닙니다. 단계 점수 산출은 공고 단위로 합니다.",
            "This call does not evaluate each application on its own; compute the stage for the call.",
            "mode",
        )  # fmt: skip
    state = progress(application=application, stage=stage)
    if state.active == 0:
        raise EvaluationError("배정된 평가위원이 없습니다. 위원회를 구성하고 평가위원을 배정하세요.",
                              "No evaluator is assigned: form the committee and assign evaluators.",
                              "missing")  # fmt: skip
    if not state.complete:
        waiting = state.active - state.submitted
        raise EvaluationError(
            f"평가표 {waiting}건이 아직 제출되지 않았습니다({state.submitted}/{state.active}).",
            f"{waiting} score sheet(s) are not submitted yet ({state.submitted}/{state.active}).",
            "incomplete",
        )  # fmt: skip
    entry = application_entry(application=application, stage=stage, cutoff=cutoff)
    if entry is None or entry.aggregate is None or entry.extra.get("flagged"):
        raise EvaluationError(
            f"제출된 평가표가 {state.submitted}건입니다. 절사평균에는 3건 이상이 필요합니다. "
            "평가위원을 더 배정하세요.",
            f"{state.submitted} score sheet(s) were submitted; the trimmed mean needs at least 3. "
            "Assign more evaluators.",
            "too_few",
        )  # fmt: skip
    store_stage_results(call=call, stage=stage, ranked=[entry])
    record_audit(
        actor=actor, action=f"evaluation.aggregate.{stage}.application", target=application,
        after={"scores": entry.extra["scores"], "method": entry.extra["method"],
               "dropped": entry.extra["dropped"], "aggregate": str(entry.aggregate),
               "cutoff": entry.extra["cutoff"], "advances": entry.advances},
    )  # fmt: skip
    return StageResult.objects.get(application=application, stage=stage)
