"""Permissions of applications (same names for the pages and the API).

Ownership rule in ONE place: `may_read_application` decides who may read an application and
everything about it (edit page read-only, receipt, attachments, validation, screening result,
evaluation result and notice): SBA staff, the applicant account, and the researcher named as the
application's principal investigator (연구책임자) when that researcher has a portal account.
Every page and endpoint about an application uses it (directly or through a permission built on
it); changes stay with the applicant account.
"""

import rules

from accounts.rules import is_applicant, is_sba_staff


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_owner(user, application) -> bool:
    """The applicant account that created the application."""
    return application is not None and _active(user) and application.applicant_id == user.pk


@rules.predicate
def is_named_pi(user, application) -> bool:
    """The researcher named as principal investigator of the application is this user."""
    if application is None or not _active(user) or application.pi_id is None:
        return False
    cached = application._state.fields_cache.get("pi")
    if cached is not None:
        return cached.user_id == user.pk
    from accounts.models import Researcher

    return Researcher.objects.filter(pk=application.pi_id, user_id=user.pk).exists()


may_read_application = is_sba_staff | is_owner | is_named_pi


rules.add_perm("applications.add_application", is_applicant)
rules.add_perm("applications.list_own_applications", is_applicant)
rules.add_perm("applications.view_application", may_read_application)
rules.add_perm("applications.change_application", is_applicant & is_owner)
rules.add_perm("applications.submit_application", is_applicant & is_owner)
rules.add_perm("applications.discard_draft", is_applicant & is_owner)
rules.add_perm("applications.withdraw_application", is_applicant & is_owner)
rules.add_perm("applications.list_call_applications", is_sba_staff)
rules.add_perm("applications.export_applications", is_sba_staff)
rules.add_perm("applications.list_applications", is_sba_staff | is_applicant)


def readable_applications(user, queryset=None):
    """The queryset counterpart of `may_read_application` (lists: "my applications")."""
    from django.db.models import Q

    from applications.models import Application

    qs = queryset if queryset is not None else Application.objects.all()
    if is_sba_staff(user):
        return qs
    if not _active(user):
        return qs.none()
    return qs.filter(Q(applicant_id=user.pk) | Q(pi__user_id=user.pk))
