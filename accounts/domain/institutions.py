"""Services for the institution registry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit
from accounts.enums import Role
from accounts.models import Institution, InstitutionSite, User
from config.locking import lock, refuse_duplicate

MEMBER_ROLES = (Role.APPLICANT, Role.PARTNER)  # registering one makes the account its member


def register_institution(*, actor: User, sites: list[dict] | None = None, **fields) -> Institution:
    """Register an institution; an applicant (or a partner) registering one becomes its member.

    Race-free (config.locking): an applicant's account row is locked and re-checked, so the form
    sent twice registers one institution; two registrations of one business number at once end
    in one institution and a refusal (a ValidationError), never an IntegrityError.
    """
    with transaction.atomic():
        if actor.role in MEMBER_ROLES:
            if lock(User, actor.pk).institution_id:
                raise ValidationError(_("Your account already belongs to an institution."))
        institution = Institution(**fields, created_by=actor)
        institution.full_clean()
        with refuse_duplicate("이미 등록된 사업자등록번호입니다.",
                              "This business registration number is already registered."):  # fmt: skip
            institution.save()
        for site in sites or []:
            InstitutionSite.objects.create(institution=institution, **site)
        if actor.role in MEMBER_ROLES:
            actor.institution = institution
            actor.save(update_fields=["institution"])
        record_audit(actor=actor, action="institution.register", target=institution,
                     after={"name": institution.name, "business_no": institution.business_no})  # fmt: skip
    return institution
