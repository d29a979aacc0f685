"""Permissions of the national-matching pages and API (R16): one predicate per question."""

import rules

from accounts.rules import is_applicant, is_official, is_sba_staff


@rules.predicate
def is_request_owner(user, request) -> bool:
    """The request's applicant account, or an applicant account of the same institution."""
    if request is None or not getattr(user, "is_authenticated", False):
        return False
    return request.applicant_id == user.pk or (
        bool(user.institution_id) and user.institution_id == request.institution_id
    )


rules.add_perm("agreements.request_commitment", is_applicant)
rules.add_perm(
    "agreements.view_commitment", is_sba_staff | is_official | (is_applicant & is_request_owner)
)
rules.add_perm("agreements.decide_commitment", is_sba_staff)
rules.add_perm("agreements.list_commitments", is_sba_staff | is_official)
# The list endpoint (each row is then filtered by institution or role).
rules.add_perm("agreements.view_commitment_list", is_sba_staff | is_official | is_applicant)
