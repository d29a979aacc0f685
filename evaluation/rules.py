"""Permissions of evaluation (same names for pages and API)."""

import rules

from accounts.rules import is_applicant, is_evaluator, is_official, is_sba_staff
from applications.rules import is_owner, may_read_application


@rules.predicate
def is_assigned_evaluator(user, assignment) -> bool:
    return assignment is not None and assignment.evaluator_id == user.pk


@rules.predicate
def is_committee_member(user, member) -> bool:
    return member is not None and member.evaluator_id == user.pk


@rules.predicate
def is_active_assignment(user, assignment) -> bool:
    """An excluded (COI) or recused assignment no longer shows the application to its evaluator."""
    from evaluation.enums import AssignmentStatus

    return assignment is not None and assignment.status == AssignmentStatus.ACTIVE


def _cleared_assignments(user):
    """Active assignments of this evaluator whose committee pledge they signed, with no upheld
    conflict-of-interest record for the evaluator and the application (any stage)."""
    from django.db.models import Exists, OuterRef

    from evaluation.enums import AssignmentStatus, ConflictStatus
    from evaluation.models import Assignment, CommitteeMember, ConflictRecord

    signed = CommitteeMember.objects.filter(
        committee_id=OuterRef("committee_id"), evaluator_id=user.pk, pledge_signed_at__isnull=False
    )
    conflict = ConflictRecord.objects.filter(
        application_id=OuterRef("application_id"), evaluator_id=user.pk,
        status=ConflictStatus.UPHELD,
    )  # fmt: skip
    return Assignment.objects.filter(evaluator_id=user.pk, status=AssignmentStatus.ACTIVE).filter(
        Exists(signed), ~Exists(conflict)
    )


@rules.predicate
def is_cleared_for_assignment(user, assignment) -> bool:
    """The assignment is this evaluator's, active, pledge signed, not excluded for a conflict."""
    if assignment is None or assignment.evaluator_id != user.pk:
        return False
    return _cleared_assignments(user).filter(pk=assignment.pk).exists()


@rules.predicate
def is_cleared_evaluator(user, application) -> bool:
    """This evaluator is cleared (see is_cleared_for_assignment) on an assignment of the application."""
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return _cleared_assignments(user).filter(application_id=application.pk).exists()


@rules.predicate
def reads_assignment_application(user, assignment) -> bool:
    """The one ownership rule (staff, applicant, named PI) on the assignment's application."""
    return assignment is not None and may_read_application(user, assignment.application)


@rules.predicate
def is_objection_reviewer(user, objection) -> bool:
    return objection is not None and objection.reviewers.filter(pk=user.pk).exists()


@rules.predicate
def owns_call_stage(user, target) -> bool:
    """The user's role owns the stage by the flow data of the call's programmes (a flow step
    naming the stage and its ``owner``, e.g. the testbed reviews: ``intake_agency``). Target: a
    committee (its own stage) or a call (any of its owned stages)."""
    from programs.domain.flows import stage_owners

    if target is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    call = getattr(target, "call", None) or target
    owners = stage_owners(call=call)
    stage = getattr(target, "stage", None)
    if stage is not None and hasattr(target, "call_id"):
        return owners.get(stage) == user.role
    return user.role in owners.values()


rules.add_perm("evaluation.manage", is_sba_staff)
# Committees, members and assignments of a stage whose flow step another role owns (by data).
rules.add_perm("evaluation.manage_owned_stage", owns_call_stage)
rules.add_perm("evaluation.view_ranking", is_sba_staff | is_official)
rules.add_perm("evaluation.view_evaluator_identities", is_sba_staff)
rules.add_perm("evaluation.list_assignments", is_evaluator)
rules.add_perm("evaluation.score", is_evaluator & is_assigned_evaluator)
rules.add_perm("evaluation.sign_pledge", is_evaluator & is_committee_member)
rules.add_perm(
    "evaluation.read_assigned_application",
    is_evaluator & is_assigned_evaluator & is_active_assignment,
)
# The application dossier (plan, budget, files, screening, receipt): the readers of the application
# and the evaluators cleared on it. Object: the application, or the assignment for the API.
rules.add_perm(
    "evaluation.view_dossier", may_read_application | (is_evaluator & is_cleared_evaluator)
)
rules.add_perm(
    "evaluation.view_assignment_dossier",
    reads_assignment_application | (is_evaluator & is_cleared_for_assignment),
)
# Reading follows the one ownership rule (applications/rules.py); acting stays with the applicant.
rules.add_perm("evaluation.view_result", may_read_application)
rules.add_perm("evaluation.file_objection", is_applicant & is_owner)
rules.add_perm("evaluation.request_exclusion", is_applicant & is_owner)
rules.add_perm("evaluation.review_objection", is_sba_staff | (is_evaluator & is_objection_reviewer))
