"""Validators for Korean registration numbers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_BUSINESS_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def business_number_is_valid(value: str) -> bool:
    """Check the 10-digit business registration number (사업자등록번호) checksum."""
    digits = value.replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    nums = [int(c) for c in digits]
    total = sum(n * w for n, w in zip(nums[:9], _BUSINESS_WEIGHTS, strict=True))
    total += (nums[8] * 5) // 10
    return (10 - total % 10) % 10 == nums[9]


def validate_business_number(value: str) -> None:
    if not business_number_is_valid(value):
        raise ValidationError(
            _("Invalid business registration number (10 digits with a valid check digit)."),
            code="invalid_business_no",
        )


def corporate_number_is_valid(value: str) -> bool:
    """Check the 13-digit corporate registration number (법인등록번호) checksum."""
    digits = value.replace("-", "")
    if len(digits) != 13 or not digits.isdigit():
        return False
    nums = [int(c) for c in digits]
    total = sum(n * (1 if i % 2 == 0 else 2) for i, n in enumerate(nums[:12]))
    return (10 - total % 10) % 10 == nums[12]


def validate_corporate_number(value: str) -> None:
    if value and not corporate_number_is_valid(value):
        raise ValidationError(
            _("Invalid corporate registration number (13 digits with a valid check digit)."),
            code="invalid_corporate_no",
        )


def normalise_number(value: str) -> str:
    """Strip the hyphens and spaces people type in registration numbers (124-81-00998)."""
    return (value or "").replace("-", "").replace(" ", "").strip()
