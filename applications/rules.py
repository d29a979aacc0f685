"""Permissions of applications (same names for the pages and the API)."""

import rules

from accounts.rules import is_applicant, is_sba_staff


@rules.predicate
def is_owner(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


rules.add_perm("applications.add_application", is_applicant)
rules.add_perm("applications.list_own_applications", is_applicant)
rules.add_perm("applications.view_application", is_sba_staff | (is_applicant & is_owner))
rules.add_perm("applications.change_application", is_applicant & is_owner)
rules.add_perm("applications.submit_application", is_applicant & is_owner)
rules.add_perm("applications.list_call_applications", is_sba_staff)
rules.add_perm("applications.export_applications", is_sba_staff)
rules.add_perm("applications.list_applications", is_sba_staff | is_applicant)
