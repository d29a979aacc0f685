"""The testbed's written and presentation reviews on the standard evaluation machinery.

A review step of the flow names its stage (``testbed_steps``: written_review → ``document``,
presentation_review → ``presentation``) and its owner (``intake_agency``). The owner forms the
call's committee for the stage (``evaluation.domain.committees``), seats evaluators (they sign the
COI pledge and score on their own pages) and assigns each proposal (conflicts found are recorded
and the evaluator skipped). The score is the standard aggregation (``evaluation.domain.rolling``);
``testbed_actions.close_review`` closes the review with it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from accounts.models import User
from applications.domain.testbed_flow import TestbedRefused
from applications.models import TestbedProposal
from evaluation.domain import EvaluationError
from evaluation.domain.committees import add_member, auto_assign, create_committee
from evaluation.domain.rolling import application_entry, progress
from evaluation.enums import SheetStatus
from evaluation.models import Assignment, Committee, ConflictRecord
from programs.domain.flows import flow_value, stage_owners, step_stage
from programs.models import Call


def review_stage(proposal: TestbedProposal) -> str | None:
    """The evaluation stage of the proposal's current step (None outside the reviews)."""
    return step_stage(program=proposal.application.program, step=proposal.step)


def owned_stages(*, call: Call, user: User) -> list[str]:
    return [stage for stage, owner in stage_owners(call=call).items() if owner == user.role]


def committees_of(*, calls, user: User):
    """The committees of the given calls at the stages the user's role owns, with counts."""
    wanted = Q(pk__in=[])
    for call in calls:
        stages = owned_stages(call=call, user=user)
        if stages:
            wanted |= Q(call=call, stage__in=stages)
    return (
        Committee.objects.filter(wanted).select_related("call")
        .annotate(n_members=Count("members", distinct=True),
                  n_assignments=Count("assignments", distinct=True))
        .order_by("-call__opens_at", "stage", "name")
    )  # fmt: skip


def form_committee(*, call: Call, stage: str, name: str, actor: User) -> Committee:
    """The owner of the stage forms a committee of the call for it."""
    if stage not in owned_stages(call=call, user=actor):
        raise EvaluationError("이 단계의 위원회를 구성할 권한이 없습니다.",
                              "You do not run this stage's committees.", "forbidden")  # fmt: skip
    if not name.strip():
        raise EvaluationError("위원회 이름을 입력하세요.", "Enter the committee's name.", "name")
    return create_committee(call=call, stage=stage, name=name.strip(), actor=actor)


def seat_evaluator(*, committee: Committee, evaluator: User, actor: User):
    return add_member(committee=committee, evaluator=evaluator, actor=actor)


def assign_proposal(*, proposal: TestbedProposal, committee: Committee, actor: User) -> dict:
    """Assign the proposal to the committee's members without a conflict (standard auto_assign:
    conflicts are recorded as exclusions, the least-loaded members first)."""
    app = proposal.application
    stage = review_stage(proposal)
    if stage is None or committee.stage != stage or committee.call_id != app.call_id:
        raise TestbedRefused(
            "이 위원회는 제안의 현재 심사 단계를 평가하지 않습니다.",
            "This committee does not evaluate the proposal's current review.", code="committee",
        )  # fmt: skip
    if not committee.members.exists():
        raise TestbedRefused("위원회에 평가위원이 없습니다. 먼저 위원을 위촉하세요.",
                             "The committee has no members yet: seat evaluators first.",
                             code="no_members")  # fmt: skip
    return auto_assign(committee=committee, applications=[app], actor=actor)


def review_panel(proposal: TestbedProposal) -> dict | None:
    """What the proposal page shows at a review: committees, assignments with sheet state,
    exclusions for a conflict, progress and the aggregated score with its explanation."""
    stage = review_stage(proposal)
    if stage is None:
        return None
    app = proposal.application
    committees = list(Committee.objects.filter(call_id=app.call_id, stage=stage).order_by("name"))
    assignments = list(
        Assignment.objects.filter(application=app, stage=stage)
        .select_related("evaluator", "committee", "sheet").order_by("committee_id", "evaluator_id")
    )  # fmt: skip
    conflicts = list(
        ConflictRecord.objects.filter(application=app, stage=stage).select_related("evaluator")
    )
    state = progress(application=app, stage=stage)
    cutoff = Decimal(str(flow_value(program=app.program, key="review_cutoff", default=60)))
    entry = (
        application_entry(application=app, stage=stage, cutoff=cutoff) if state.submitted else None
    )
    return {
        "stage": stage, "committees": committees, "assignments": assignments,
        "conflicts": conflicts, "progress": state, "entry": entry, "cutoff": cutoff,
        "submitted": SheetStatus.SUBMITTED,
    }  # fmt: skip
