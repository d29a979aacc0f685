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


@rules.predicate
def is_objection_reviewer(user, objection) -> bool:
    return objection is not None and objection.reviewers.filter(pk=user.pk).exists()


rules.add_perm("evaluation.manage", is_sba_staff)
rules.add_perm("evaluation.view_ranking", is_sba_staff | is_official)
rules.add_perm("evaluation.view_evaluator_identities", is_sba_staff)
rules.add_perm("evaluation.list_assignments", is_evaluator)
rules.add_perm("evaluation.score", is_evaluator & is_assigned_evaluator)
rules.add_perm("evaluation.sign_pledge", is_evaluator & is_committee_member)
rules.add_perm(
    "evaluation.read_assigned_application",
    is_evaluator & is_assigned_evaluator & is_active_assignment,
)
# Reading follows the one ownership rule (applications/rules.py); acting stays with the applicant.
rules.add_perm("evaluation.view_result", may_read_application)
rules.add_perm("evaluation.file_objection", is_applicant & is_owner)
rules.add_perm("evaluation.request_exclusion", is_applicant & is_owner)
rules.add_perm("evaluation.review_objection", is_sba_staff | (is_evaluator & is_objection_reviewer))
