"""Role predicates shared by every app (django-rules)."""

import rules

from accounts.enums import Role


@rules.predicate
def is_sba_staff(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.role == Role.STAFF or user.is_superuser)
    )


def _role(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role == role)

    return predicate


is_applicant = _role(Role.APPLICANT)
is_evaluator = _role(Role.EVALUATOR)
is_official = _role(Role.OFFICIAL)
is_operator = _role(Role.OPERATOR)
is_authenticated = rules.is_authenticated


@rules.predicate
def is_own_institution(user, institution) -> bool:
    return bool(institution is not None and user.institution_id == institution.pk)


rules.add_perm("accounts.view_institution", is_sba_staff | is_own_institution)
rules.add_perm("accounts.list_institutions", is_sba_staff)
rules.add_perm("accounts.register_institution", is_sba_staff | is_applicant)
rules.add_perm("accounts.change_institution", is_sba_staff)


@rules.predicate
def is_notice_recipient(user, notice) -> bool:
    """A notice is read by its recipient only (staff included: nobody reads another's inbox)."""
    return bool(notice is not None and user.is_active and notice.recipient_id == user.pk)


rules.add_perm("accounts.view_inbox", is_authenticated)
rules.add_perm("accounts.read_notice", is_authenticated & is_notice_recipient)

# Co-institutions (accounts.domain.co_institutions): applicants search and invite; staff confirm.
rules.add_perm("accounts.search_institutions", is_sba_staff | is_applicant)
rules.add_perm("accounts.invite_institution", is_applicant)
rules.add_perm("accounts.accept_invitation", is_applicant)
rules.add_perm("accounts.confirm_institution", is_sba_staff)
