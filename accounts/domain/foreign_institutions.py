"""Registering a foreign institution: no Korean business number; country + registration identifier."""

from django.core.exceptions import ValidationError

from accounts.domain.institutions import register_institution
from accounts.models import Institution, User


def register_foreign_institution(*, actor: User, sites: list[dict], **fields) -> Institution:
    """Register a foreign institution (``is_foreign``, country ≠ KR, identifier, no business
    number) through the one institution registration function; a known identifier is refused
    with a reason in Korean and English (the database constraint backs it under a race)."""
    country, number = fields.get("country", ""), fields.get("foreign_registration_no", "")
    if (
        not fields.get("is_foreign")
        or fields.get("business_no")
        or not number
        or country in ("", "KR")
    ):
        raise ValidationError("국외 기관은 국가와 그 나라의 등록번호로 등록합니다. / "
                              "A foreign institution registers with its country and registration identifier.")  # fmt: skip
    if Institution.objects.filter(country=country, foreign_registration_no=number).exists():
        raise ValidationError({"foreign_registration_no": "이미 등록된 국외 기관입니다. / "
                               "This institution is already registered (same country and identifier)."})  # fmt: skip
    return register_institution(actor=actor, sites=sites, **fields)
