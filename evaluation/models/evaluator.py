"""The evaluator pool: experts, their affiliation history and declared relationships."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluation.enums import RelationshipKind


class EvaluatorProfile(models.Model):
    """An external expert (평가위원) of the pool."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluator_profile"
    )
    researcher = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("researcher record"),
        help_text=_("Used to find projects the evaluator worked on with a principal investigator."),
    )  # fmt: skip
    technical_fields = models.JSONField(
        _("technical fields"), default=list, blank=True, help_text=_('e.g. ["bio", "ai"]')
    )
    yearly_load_cap = models.PositiveSmallIntegerField(_("yearly load cap"), default=60)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluator pool")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username


class Affiliation(models.Model):
    """A period in which the evaluator belonged to an institution (current when ends_on is empty)."""

    evaluator = models.ForeignKey(
        EvaluatorProfile, on_delete=models.CASCADE, related_name="affiliations"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.CASCADE, related_name="+"
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.evaluator} @ {self.institution}"


class DeclaredRelationship(models.Model):
    """A relationship the evaluator declared with a researcher or an institution."""

    evaluator = models.ForeignKey(
        EvaluatorProfile, on_delete=models.CASCADE, related_name="relationships"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RelationshipKind.choices)
    researcher = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("declared relationship")
        verbose_name_plural = _("declared relationships")

    def __str__(self) -> str:
        return f"{self.evaluator}: {self.kind}"
