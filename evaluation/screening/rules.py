"""Permissions of screening (same names for pages and API)."""

import rules

from accounts.rules import is_sba_staff


@rules.predicate
def owns_application(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    return application.applicant_id == user.pk or (
        application.pi_id is not None and getattr(application.pi, "user_id", None) == user.pk
    )


rules.add_perm("screening.start_run", is_sba_staff)
rules.add_perm("screening.view_run", is_sba_staff)
rules.add_perm("screening.override_result", is_sba_staff)
rules.add_perm("screening.release_results", is_sba_staff)
# Object: the application. Applicants only see released results (the view checks release).
rules.add_perm("screening.view_application_result", is_sba_staff | owns_application)
