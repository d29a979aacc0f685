"""Services for the institution registry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit
from accounts.enums import Role
from accounts.models import Institution, InstitutionSite, User


def register_institution(*, actor: User, sites: list[dict] | None = None, **fields) -> Institution:
    """Register an institution; an applicant registering one becomes its member."""
    if actor.role == Role.APPLICANT and actor.institution_id:
        raise ValidationError(_("Your account already belongs to an institution."))
    institution = Institution(**fields, created_by=actor)
    institution.full_clean()
    institution.save()
    for site in sites or []:
        InstitutionSite.objects.create(institution=institution, **site)
    if actor.role == Role.APPLICANT:
        actor.institution = institution
        actor.save(update_fields=["institution"])
    record_audit(actor=actor, action="institution.register", target=institution,
                 after={"name": institution.name, "business_no": institution.business_no})  # fmt: skip
    return institution
