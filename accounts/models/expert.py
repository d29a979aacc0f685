"""The pool of university experts of the campus-town technology matching (R03, 캠퍼스타운 기술매칭).

An expert is a portal account with the EXPERT role and one profile: the university (institution),
the technical fields (codes of TechField, stored between commas so a field is found by a plain
``icontains`` on ``,code,`` on every database), free keywords and availability. Staff import the
pool (about 800 professors of 23 campus-town universities in 2020, seed 000 Ⅳ-③) from Excel in the
admin (django-import-export).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TechField(models.TextChoices):
    """Technical fields of problems and experts (the seed: every field the pool can offer)."""

    ICT = "ict", _("ICT and software")
    AI = "ai", _("Artificial intelligence and data")
    ELECTRONICS = "electronics", _("Electrical and electronic engineering")
    MECHANICAL = "mechanical", _("Mechanical engineering and robotics")
    MATERIALS = "materials", _("Materials and chemistry")
    BIO = "bio", _("Bio, medical and health")
    ENERGY = "energy", _("Energy and environment")
    DESIGN = "design", _("Design and content")
    FOOD = "food", _("Food and living goods")
    OTHER = "other", _("Other")


def field_codes(value: str) -> list[str]:
    """The field codes stored in an expert's ``fields`` (``,ai,bio,``) or typed (``ai, bio``)."""
    return [c for c in (p.strip() for p in (value or "").split(",")) if c in TechField.values]


def stored_fields(codes) -> str:
    codes = [c for c in dict.fromkeys(codes) if c in TechField.values]
    return f",{','.join(codes)}," if codes else ""


class ExpertProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile",
        verbose_name=_("expert account"),
    )  # fmt: skip
    university = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="experts",
        verbose_name=_("university"),
    )  # fmt: skip
    position = models.CharField(_("position"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    fields = models.CharField(
        _("technical fields"), max_length=200, blank=True,
        help_text=_("Field codes between commas, e.g. ,ai,ict,"),
    )  # fmt: skip
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    bio = models.TextField(_("expertise"), blank=True)
    available = models.BooleanField(_("available for matching"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert pool")
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.university})"

    @property
    def field_list(self) -> list[str]:
        return field_codes(self.fields)

    @property
    def field_labels(self) -> list[str]:
        return [str(TechField(c).label) for c in self.field_list]
