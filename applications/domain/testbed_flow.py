"""The single place a testbed proposal's step changes, its step due dates and the 2-month clock.

Steps and their target durations are flow data (``Program.flow["testbed_steps"]``); the promised
answer (결과 통보) is due ``answer_months`` calendar months after receipt, counted on Asia/Seoul dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone, translation

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from applications.models import TestbedProposal
from applications.models.testbed import TestbedStep as T
from config.locking import AlreadyDecided
from config.transitions import StateMachine
from evaluation.screening.domain.rules.base import add_months
from programs.domain.flows import flow_value

TRANSITIONS: dict[T, set[T]] = {
    T.REQUIREMENTS: {T.SITE_OPINION, T.NOT_SELECTED},
    T.SITE_OPINION: {T.WRITTEN_REVIEW, T.NOT_SELECTED},
    T.WRITTEN_REVIEW: {T.PRESENTATION_REVIEW, T.NOT_SELECTED},
    T.PRESENTATION_REVIEW: {T.DEMO_PLAN, T.NOT_SELECTED},
    T.DEMO_PLAN: {T.AGREEMENT},
    T.AGREEMENT: {T.MONITORING},
    T.MONITORING: {T.DEMO_EVALUATION},
    T.DEMO_EVALUATION: {T.CERTIFIED, T.ENDED},
    T.CERTIFIED: set(),
    T.NOT_SELECTED: set(),
    T.ENDED: set(),
}
# Steps before the result: the 2-month answer clock runs while a proposal is in one of them.
BEFORE_RESULT = (T.REQUIREMENTS, T.SITE_OPINION, T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW)


class TestbedRefused(AlreadyDecided):
    """A step the table or the flow refuses: a refusal with ko/en text (422), never a 500."""

    status_code = 422


MACHINE = StateMachine(
    model=TestbedProposal, field="step", states=T, table=TRANSITIONS,
    refuse=lambda current, target: TestbedRefused(
        f"제안의 단계를 '{current.label}'에서 '{target.label}'(으)로 바꿀 수 없습니다.",
        f"A proposal cannot go from {current.label} to {target.label}.", code="transition",
    ),
    raced=(
        "제안의 단계가 방금 다른 사용자에 의해 변경되었습니다. 새로 고친 후 다시 확인하세요.",
        "The proposal's step was just changed by someone else; reload and check.",
    ),
)  # fmt: skip


def can_transition(current: str, target: str) -> bool:
    return MACHINE.allows(current, target)


def set_testbed_step(
    *,
    proposal: TestbedProposal,
    step: str,
    actor: User | None,
    reason: str = "",
    now: dt.datetime | None = None,
    extra_fields: tuple[str, ...] = (),
) -> TestbedProposal:
    """Check the table, save (``UPDATE … WHERE step = <current>``), audit and notify the proposer.

    A proposal another person moved first raises AlreadyDecided; the caller holds the row lock."""
    now = now or timezone.now()
    current, target = T(proposal.step), T(step)
    assign = {"step_started_at": now}
    if current in BEFORE_RESULT and target not in BEFORE_RESULT and proposal.answered_at is None:
        assign["answered_at"] = now  # the result is notified (결과 통보)
    with MACHINE.move(proposal, target, extra_fields=extra_fields, assign=assign):
        entry = record_audit(
            actor=actor, action="testbed.step", target=proposal,
            before={"step": current.value}, after={"step": target.value}, reason=reason,
        )  # fmt: skip
        app = proposal.application
        from accounts.domain.notices import notice_link

        with translation.override("ko"):
            label_ko = str(target.label)
        with translation.override("en"):
            label_en = str(target.label)
        send_notice(
            recipient=app.applicant,
            subject=f"[테스트베드 서울] {app.title_ko}: {label_ko} / Testbed Seoul: {label_en}",
            body=reason,
            link=notice_link("testbed:proposal", proposal.pk),
            event_key=f"testbed:{proposal.pk}:{target.value}:{entry.pk}",
        )
    return proposal


@dataclass(frozen=True)
class StepDue:
    step: str
    days: int | None
    due_on: dt.date | None


def step_due(*, proposal: TestbedProposal) -> StepDue:
    """The step's target due date: the KST day it started + its target days (flow data)."""
    program = proposal.application.program
    specs = {s["code"]: s for s in flow_value(program=program, key="testbed_steps", default=[])}
    spec = specs.get(proposal.step)
    if spec is None:
        return StepDue(proposal.step, None, None)
    started = timezone.localdate(proposal.step_started_at)
    return StepDue(proposal.step, int(spec["days"]), started + dt.timedelta(days=int(spec["days"])))


@dataclass(frozen=True)
class AnswerClock:
    """The promised answer within ``answer_months`` of receipt (Asia/Seoul dates)."""

    due_on: dt.date
    state: str  # answered | answered_late | on_track | at_risk | overdue
    days_left: int

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)

    @property
    def flagged(self) -> bool:
        return self.state in ("at_risk", "overdue", "answered_late")


def answer_clock(*, proposal: TestbedProposal, now: dt.datetime | None = None) -> AnswerClock:
    """Due on the same KST day ``answer_months`` later (clamped to the month's end); due that whole
    day. At risk from ``answer_warn_days`` before it, overdue from the next day."""
    now = now or timezone.now()
    program = proposal.application.program
    months = int(flow_value(program=program, key="answer_months", default=2))
    warn = int(flow_value(program=program, key="answer_warn_days", default=14))
    due = add_months(timezone.localdate(proposal.received_at), months)
    if proposal.answered_at is not None:
        answered = timezone.localdate(proposal.answered_at)
        state = "answered" if answered <= due else "answered_late"
        return AnswerClock(due, state, (due - answered).days)
    left = (due - timezone.localdate(now)).days
    state = "overdue" if left < 0 else "at_risk" if left <= warn else "on_track"
    return AnswerClock(due, state, left)
