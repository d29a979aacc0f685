"""The evaluation timeline, enforced server-side by named guards.

Each guard is a small function ``guard(call, now) -> Check`` that says whether one condition of the
timeline holds and, when it does not, why (Korean and English). Each irreversible staff action
names the guards it needs, in order (``ACTIONS``); the domain functions call :func:`enforce`, which
raises :class:`TimelineRefused` with the reason of the first guard that fails. Views and templates
call :func:`check` to say beforehand why a button would be refused.

The order of a call: the call closes → screening is released → document evaluation is aggregated
(and every flagged result decided) → presentation evaluation is aggregated → the coordination
committee decides every candidate → results are published.

Rolling-intake calls: the portal has no intake-batch model yet, so a rolling call is guarded by its
own close (``Call.closes_at``), like a fixed-window call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.locking import AlreadyDecided


class TimelineRefused(AlreadyDecided):
    """An action refused because an earlier step of the call's timeline is not done yet.

    Both an ``EvaluationError`` and a ``ValidationError`` (via ``AlreadyDecided``), so every existing
    error path shows it in Korean and English; the API answers 409 (the call's state conflicts)."""

    status_code = 409


@dataclass(frozen=True)
class Check:
    """The result of one guard: ``ok``, or a refusal with its code and its reason (ko/en)."""

    ok: bool
    guard: str
    code: str = ""
    message_ko: str = ""
    message_en: str = ""

    @property
    def bilingual(self) -> str:
        return f"{self.message_ko} / {self.message_en}" if not self.ok else ""

    def __bool__(self) -> bool:
        return self.ok


def _ok(name: str) -> Check:
    return Check(True, name)


def _no(name: str, code: str, ko: str, en: str) -> Check:
    return Check(False, name, code, ko, en)


def _seoul(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") + " KST"


# -- guards ------------------------------------------------------------------------------------


def call_closed(call, now: dt.datetime) -> Check:
    """The call no longer accepts applications (its close, Asia/Seoul, exclusive, has passed)."""
    if now >= call.closes_at:
        return _ok("call_closed")
    when = _seoul(call.closes_at)
    return _no(
        "call_closed",
        "call_open",
        f"공고 접수가 아직 마감되지 않았습니다({when} 마감). 마감 후에 할 수 있습니다.",
        f"The call is still open (it closes {when}); this is possible only after the close.",
    )


def _stage_complete(call, stage: str, name: str, label_ko: str, label_en: str) -> Check:
    from evaluation.models import Assignment, StageResult

    results = set(
        StageResult.objects.filter(call=call, stage=stage).values_list("application_id", flat=True)
    )
    if not results:
        return _no(name, f"{stage}_pending",
                   f"{label_ko} 결과가 아직 산출되지 않았습니다. 먼저 {label_ko} 점수를 산출하세요.",
                   f"The {label_en} results have not been computed yet; compute them first.")  # fmt: skip
    assigned = set(
        Assignment.objects.filter(call=call, stage=stage).values_list("application_id", flat=True)
    )
    missing = len(assigned - results)
    if missing:
        return _no(name, f"{stage}_stale",
                   f"{label_ko} 결과가 최신이 아닙니다: 배정된 과제 {missing}건의 결과가 없습니다. "
                   "점수를 다시 산출하세요.",
                   f"The {label_en} results are out of date: {missing} assigned application(s) have "
                   "no result. Compute the results again.")  # fmt: skip
    return _ok(name)


def document_complete(call, now: dt.datetime) -> Check:
    """Document-evaluation results exist for every application assigned at that stage."""
    return _stage_complete(call, "document", "document_complete", "서류평가", "document-evaluation")


def presentation_complete(call, now: dt.datetime) -> Check:
    """Presentation results exist for every assigned application (or nobody advanced to it)."""
    from evaluation.models import StageResult

    earlier = document_complete(call, now)
    if not earlier:
        return earlier
    if not StageResult.objects.filter(call=call, stage="document", advances=True).exists():
        return _ok("presentation_complete")  # nobody to present: the stage is trivially complete
    return _stage_complete(
        call, "presentation", "presentation_complete", "발표평가", "presentation-evaluation"
    )


def flagged_confirmed(call, now: dt.datetime) -> Check:
    """No flagged result (fewer than 3 scores) still awaits staff confirmation."""
    from evaluation.domain.results import pending_confirmations

    pending = pending_confirmations(call)
    if not pending:
        return _ok("flagged_confirmed")
    return _no("flagged_confirmed", "unconfirmed",
               f"확인되지 않은 결과(평가위원 3명 미만) {len(pending)}건: 순위표에서 먼저 결정하십시오.",
               f"{len(pending)} flagged result(s) (fewer than 3 scores) await staff confirmation on "
               "the ranking page.")  # fmt: skip


def document_confirmed(call, now: dt.datetime) -> Check:
    """No flagged document result awaits confirmation (it may change who advances)."""
    from evaluation.domain.results import rank_stage
    from evaluation.models import StageResult

    if not StageResult.objects.filter(call=call, stage="document", flagged=True).exists():
        return _ok("document_confirmed")
    waiting = [e for e in rank_stage(call, "document") if e.extra.get("awaiting_confirmation")]
    if not waiting:
        return _ok("document_confirmed")
    return _no("document_confirmed", "unconfirmed",
               f"서류평가의 확인되지 않은 결과(평가위원 3명 미만) {len(waiting)}건: 순위표에서 먼저 "
               "결정하십시오.",
               f"{len(waiting)} flagged document result(s) (fewer than 3 scores) await staff "
               "confirmation on the ranking page.")  # fmt: skip


def committee_complete(call, now: dt.datetime) -> Check:
    """The coordination committee decided every candidate (presentation results that advance)."""
    from evaluation.models import StageResult

    earlier = presentation_complete(call, now)
    if not earlier:
        return earlier
    undecided = (
        StageResult.objects.filter(call=call, stage="presentation", advances=True)
        .filter(Q(application__committee_decision__isnull=True))
        .count()
    )
    if undecided:
        return _no("committee_complete", "committee_pending",
                   f"실무조정위원회 결정이 {undecided}건 남았습니다. 모든 후보를 결정한 후 통지하세요.",
                   f"{undecided} coordination-committee decision(s) are still pending; decide every "
                   "candidate before publishing.")  # fmt: skip
    return _ok("committee_complete")


GUARDS: dict[str, Callable] = {
    "call_closed": call_closed,
    "document_complete": document_complete,
    "document_confirmed": document_confirmed,
    "presentation_complete": presentation_complete,
    "flagged_confirmed": flagged_confirmed,
    "committee_complete": committee_complete,
}

# Each irreversible action and the guards it needs, checked in this order.
ACTIONS: dict[str, tuple[str, ...]] = {
    "screening.release": ("call_closed",),
    "aggregate.document": ("call_closed",),
    "aggregate.presentation": ("call_closed", "document_complete", "document_confirmed"),
    "committee.decide": ("call_closed", "presentation_complete"),
    "results.publish": ("call_closed", "flagged_confirmed", "committee_complete"),
}


def check(action: str, call, *, now: dt.datetime | None = None) -> Check:
    """The first failing guard of `action` for `call`, or an ok Check."""
    now = now or timezone.now()
    for name in ACTIONS[action]:
        result = GUARDS[name](call, now)
        if not result:
            return result
    return _ok(action)


LABELS = {
    "screening.release": _("Release the screening results"),
    "aggregate.document": _("Compute the document-evaluation scores"),
    "aggregate.presentation": _("Compute the presentation-evaluation scores"),
    "committee.decide": _("Record coordination-committee decisions"),
    "results.publish": _("Publish the results"),
}


def steps(call, *, now: dt.datetime | None = None) -> list[tuple[str, str, Check]]:
    """Each action of the timeline, its label and whether it is possible now (or why not)."""
    now = now or timezone.now()
    return [(action, LABELS[action], check(action, call, now=now)) for action in ACTIONS]


def enforce(action: str, call, *, now: dt.datetime | None = None) -> None:
    """Raise TimelineRefused (with the reason, ko/en) unless every guard of `action` holds."""
    result = check(action, call, now=now)
    if not result:
        raise TimelineRefused(result.message_ko, result.message_en, code=result.code)
