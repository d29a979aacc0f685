"""Permissions of applications (same names for the pages and the API).

Ownership rule in ONE place: `may_read_application` decides who may read an application and
everything about it (edit page read-only, receipt, attachments, validation, screening result,
evaluation result and notice): SBA staff, the applicant account, and the researcher named as the
application's principal investigator (연구책임자) when that researcher has a portal account.
Every page and endpoint about an application uses it (directly or through a permission built on
it); changes stay with the applicant account.
"""

import rules

from accounts.enums import Role
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


@rules.predicate
def is_matched_expert(user, application) -> bool:
    """A co-author named by the programme's ``co_editors`` plug-ins: in the campus-town matching
    (R03) the expert account of the accepted 1:1 match of this joint plan."""
    if application is None or not _active(user) or user.role != Role.EXPERT:
        return False
    if application.pk is None or application.program_id is None:
        return False
    from programs.plugins.campus_town import may_co_edit

    return may_co_edit(application=application, user=user)


may_read_application = is_sba_staff | is_owner | is_named_pi | is_matched_expert


rules.add_perm("applications.add_application", is_applicant)
rules.add_perm("applications.list_own_applications", is_applicant)
rules.add_perm("applications.view_application", may_read_application)
# Co-editing: the matched expert may change the draft's plan; only the applicant submits.
rules.add_perm("applications.change_application", (is_applicant & is_owner) | is_matched_expert)
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
    if user.role == Role.EXPERT:  # the joint plans of the expert's accepted matches
        return qs.filter(expert_match__expert_id=user.pk, expert_match__status="accepted")
    return qs.filter(Q(applicant_id=user.pk) | Q(pi__user_id=user.pk))


# Campus-town matching before intake (R03; applications.domain.matching). -------------------------
@rules.predicate
def is_expert(user) -> bool:
    return _active(user) and user.role == Role.EXPERT


@rules.predicate
def is_intake_agency(user) -> bool:
    return _active(user) and user.role == Role.INTAKE_AGENCY


@rules.predicate
def is_campus_town_startup(user) -> bool:
    """An applicant account whose institution is a campus-town tenant today."""
    from applications.domain.matching import is_campus_town_startup as tenant

    return _active(user) and tenant(user=user)


@rules.predicate
def is_match_party(user, match) -> bool:
    """The expert of the match, or an applicant account of the startup that posted the problem."""
    if match is None or not _active(user):
        return False
    if user.role == Role.EXPERT:
        return match.expert_id == user.pk
    return user.role == Role.APPLICANT and user.institution_id == match.problem.startup_id


may_run_matching = is_sba_staff | is_intake_agency
rules.add_perm("applications.post_problem", is_campus_town_startup)
rules.add_perm("applications.search_experts", is_campus_town_startup | may_run_matching)
rules.add_perm("applications.list_matches", is_applicant | is_expert | may_run_matching)
rules.add_perm("applications.view_match", may_run_matching | is_match_party)
rules.add_perm("applications.propose_match", is_campus_town_startup | may_run_matching)
rules.add_perm("applications.answer_match", is_match_party)
rules.add_perm("applications.edit_expert_profile", is_expert)
