"""Testbed Seoul (혁신기술 공공 테스트베드, seed 000 Ⅳ-⑧): proposals beside the application row.

A proposal is an Application (call, track, title, TRL, budget) plus one TestbedProposal row that
holds the step of the testbed flow (programs/data/flows/testbed.py), the demand topic it answers
(수요과제) or none (free proposal), the demonstration site and the result of each step. The step
changes only through applications.domain.testbed_flow.set_testbed_step.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TestbedStep(models.TextChoices):
    REQUIREMENTS = "requirements", _("Requirements check")
    SITE_OPINION = "site_opinion", _("Demonstration-site opinion")
    WRITTEN_REVIEW = "written_review", _("Written review (technical)")
    PRESENTATION_REVIEW = "presentation_review", _("Presentation review (effect and business)")
    DEMO_PLAN = "demo_plan", _("Demonstration plan")
    AGREEMENT = "agreement", _("Agreement")
    MONITORING = "monitoring", _("Installation and monitoring")
    DEMO_EVALUATION = "demo_evaluation", _("Demonstration evaluation")
    CERTIFIED = "certified", _("Performance certificate issued")
    NOT_SELECTED = "not_selected", _("Not selected")
    ENDED = "ended", _("Ended without a certificate")


class DemandTopic(models.Model):
    """A demand topic published by the city (수요과제형): a problem at a city site to solve."""

    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_ko = models.TextField(_("description (Korean)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    site = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="testbed_topics",
        verbose_name=_("demonstration site"),
    )  # fmt: skip
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demand topic")
        verbose_name_plural = _("demand topics")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_ko

    @property
    def description(self) -> str:
        if translation.get_language() == "en" and self.description_en:
            return self.description_en
        return self.description_ko


class TestbedProposal(models.Model):
    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="testbed"
    )
    demand_topic = models.ForeignKey(
        DemandTopic, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals",
        verbose_name=_("demand topic"),
    )  # fmt: skip
    site = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.PROTECT,
        related_name="testbed_site_proposals", verbose_name=_("demonstration site"),
    )  # fmt: skip
    # Changed only by applications.domain.testbed_flow.set_testbed_step (checked table).
    step = models.CharField(
        _("step"), max_length=30, choices=TestbedStep.choices, default=TestbedStep.REQUIREMENTS,
        db_index=True,
    )  # fmt: skip
    step_started_at = models.DateTimeField(_("step started at"))
    received_at = models.DateTimeField(_("received at"))
    answered_at = models.DateTimeField(_("result notified at"), null=True, blank=True)
    requirements_note = models.TextField(_("requirements check note"), blank=True)
    written_score = models.DecimalField(
        _("written review score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    presentation_score = models.DecimalField(
        _("presentation review score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    review_note = models.TextField(_("review note"), blank=True)
    demo_plan = models.TextField(_("demonstration plan"), blank=True)
    demo_result_ko = models.TextField(_("demonstration result (Korean)"), blank=True)
    demo_result_en = models.TextField(_("demonstration result (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("testbed proposal")
        verbose_name_plural = _("testbed proposals")
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return str(self.application)


class SiteOpinion(models.Model):
    """The demonstration site's own answer on fitness for the city site (실증기관 의견)."""

    proposal = models.OneToOneField(
        TestbedProposal, on_delete=models.CASCADE, related_name="site_opinion"
    )
    fit = models.BooleanField(_("fit for the site"))
    comment = models.TextField(_("comment"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demonstration-site opinion")
        verbose_name_plural = _("demonstration-site opinions")

    def __str__(self) -> str:
        return f"{self.proposal} – {'fit' if self.fit else 'unfit'}"


class TestbedCertificate(models.Model):
    """The performance certificate (실증확인서 / 성능확인서) in the city's name, ko and en."""

    proposal = models.OneToOneField(
        TestbedProposal, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    company_ko = models.CharField(_("company (Korean)"), max_length=200)
    company_en = models.CharField(_("company (English)"), max_length=200)
    product_ko = models.CharField(_("product or service (Korean)"), max_length=300)
    product_en = models.CharField(_("product or service (English)"), max_length=300)
    site_name = models.CharField(_("demonstration site"), max_length=200)
    result_ko = models.TextField(_("result (Korean)"))
    result_en = models.TextField(_("result (English)"))
    demo_from = models.DateField(_("demonstrated from"))
    demo_to = models.DateField(_("demonstrated to"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("performance certificate")
        verbose_name_plural = _("performance certificates")

    def __str__(self) -> str:
        return self.code
