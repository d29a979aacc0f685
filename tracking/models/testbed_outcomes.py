"""Follow-up outcomes of Testbed Seoul companies (seed 000 Ⅳ-⑧ 「테스트베드 서울」 참여기업 실적).

One row per company and year (entered by staff or the company), or a printed group row of the
seed's table (no institution; `group_label` names the group, `company_count` its companies). The
dashboards read them only through tracking.selectors_testbed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TestbedOutcome(models.Model):
    institution = models.ForeignKey(
        "accounts.Institution", null=True, blank=True, on_delete=models.PROTECT,
        related_name="testbed_outcomes", verbose_name=_("company"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    procurement_krw = models.BigIntegerField(_("public procurement (KRW)"), default=0)
    investment_krw = models.BigIntegerField(_("investment (KRW)"), default=0)
    exports_usd = models.BigIntegerField(_("exports (USD)"), default=0)
    mou_count = models.PositiveIntegerField(_("MOUs"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    group_label = models.CharField(_("printed group"), max_length=60, blank=True)
    company_count = models.PositiveIntegerField(_("companies in the group"), null=True, blank=True)
    is_printed_total = models.BooleanField(_("printed total row"), default=False)
    source = models.CharField(_("source"), max_length=40, default="entered")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("testbed follow-up outcome")
        verbose_name_plural = _("testbed follow-up outcomes")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year"], condition=models.Q(institution__isnull=False),
                name="uniq_testbed_outcome_company_year",
            ),
            models.CheckConstraint(
                condition=models.Q(procurement_krw__gte=0, investment_krw__gte=0, exports_usd__gte=0),
                name="testbed_outcome_not_negative",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.institution or self.group_label} {self.year}"
