"""Permissions of the catalogue, calls and budget overview (same names for pages and API)."""

import rules

from accounts.rules import is_official, is_operator, is_sba_staff
from programs.enums import CallStatus


@rules.predicate
def call_is_public(user, call) -> bool:
    return call is not None and call.status in (CallStatus.PUBLISHED, CallStatus.CLOSED)


rules.add_perm("programs.view_program", rules.always_allow)
rules.add_perm("programs.view_call", is_sba_staff | call_is_public)
rules.add_perm("programs.add_call", is_sba_staff)
rules.add_perm("programs.change_call", is_sba_staff)
rules.add_perm("programs.view_budget", is_sba_staff | is_official)


@rules.predicate
def acts_for_operator(user) -> bool:
    return bool(user.is_authenticated and user.operator_id)


rules.add_perm("programs.recommend_company", is_operator & acts_for_operator)

# Policy designation (정책지정, programs.domain.designation): only the designating official decides;
# staff, the intake agency and city officials read the record.
is_designator = rules.predicate(
    lambda user: bool(
        user and user.is_authenticated and user.is_active and user.role == "designator"
    ),
    name="has_role_designator",
)
is_intake_agency_user = rules.predicate(
    lambda user: bool(
        user and user.is_authenticated and user.is_active and user.role == "intake_agency"
    ),
    name="has_role_intake_agency_programs",
)
rules.add_perm("programs.designate", is_designator)
rules.add_perm(
    "programs.view_designations", is_designator | is_sba_staff | is_official | is_intake_agency_user
)
