"""Permissions of the rules 2024 pages and API (Tech Partners, follow-on selection, forum records).

Registered when programs.plugins.rules_2024 is imported (at app start-up)."""

import rules

from accounts.enums import Role
from accounts.rules import is_applicant, is_official, is_sba_staff


@rules.predicate
def is_tech_partner(user) -> bool:
    """A partner account whose company is registered in Tech Partners."""
    from programs.models import TechPartner

    return bool(
        user.is_authenticated and user.is_active and user.role == Role.PARTNER and user.institution_id
        and TechPartner.objects.filter(institution_id=user.institution_id).exists()
    )  # fmt: skip


@rules.predicate
def acts_for_match(user, match) -> bool:
    from programs.domain.tech_partners import side_of

    return match is not None and side_of(user, match) is not None


@rules.predicate
def is_partner_side(user, match) -> bool:
    from programs.domain.tech_partners import side_of

    return match is not None and side_of(user, match) == "partner"


@rules.predicate
def has_institution(user) -> bool:
    return bool(user.is_authenticated and user.institution_id)


@rules.predicate
def is_unregistered_partner(user) -> bool:
    """A partner account (self-signed-up) that has not registered its company yet."""
    return bool(
        user.is_authenticated and user.is_active and user.role == Role.PARTNER
        and not user.institution_id
    )  # fmt: skip


rules.add_perm("programs.manage_tech_partners", is_sba_staff)
rules.add_perm("programs.register_tech_partner", is_unregistered_partner)
rules.add_perm("programs.use_tech_partners", is_tech_partner)
rules.add_perm("programs.view_own_tech_matches", is_applicant & has_institution)
rules.add_perm(
    "programs.list_tech_matches", is_sba_staff | is_tech_partner | (is_applicant & has_institution)
)
rules.add_perm("programs.decide_tech_match", acts_for_match)
rules.add_perm("programs.record_tech_outcome", is_sba_staff | is_partner_side)
rules.add_perm("programs.view_follow_on", is_sba_staff | is_official)
rules.add_perm("programs.select_follow_on", is_sba_staff)
rules.add_perm("programs.view_forum_records", is_sba_staff | is_official)
rules.add_perm("programs.manage_forum_records", is_sba_staff)
