"""Annual and final evaluation results of an agreement, settlement, bills and sanctions.

Shared skeleton: AnnualReview is read by the instalment gate "previous year's annual evaluation
passed". The evaluation/closing part extends this module.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.enums import (
    AnnualVerdict,
    BillKind,
    BillStatus,
    FinalResult,
    RoundStatus,
    SanctionKind,
    SettlementStatus,
)
from evaluation.enums import StageCode


class AnnualReview(models.Model):
    """The decided annual evaluation (연차평가) of one agreement year."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="annual_reviews"
    )
    year_no = models.PositiveSmallIntegerField(_("evaluated agreement year"))
    verdict = models.CharField(_("verdict"), max_length=20, choices=AnnualVerdict.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("annual evaluation result")
        verbose_name_plural = _("annual evaluation results")
        ordering = ["agreement", "year_no"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year_no"], name="uniq_annual_review")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year_no}차년도 {self.get_verdict_display()}"


class EvaluationRound(models.Model):
    """An annual (연차) or final (최종) evaluation of one agreement, scored by a committee of the
    call and year with the evaluation machinery (COI, pledge, score sheets, trimmed mean)."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="evaluation_rounds"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=StageCode.choices)
    year_no = models.PositiveSmallIntegerField(_("evaluated agreement year"))
    committee = models.ForeignKey(
        "evaluation.Committee", on_delete=models.PROTECT, related_name="agreement_rounds"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    score_detail = models.JSONField(_("how the score was computed"), default=dict, blank=True)
    decision = models.CharField(_("decision"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["agreement", "stage", "year_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "stage", "year_no"], name="uniq_evaluation_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.get_stage_display()} {self.year_no}"

    @property
    def decision_label(self) -> str:
        choices = AnnualVerdict if self.stage == StageCode.ANNUAL else FinalResult
        try:
            return str(choices(self.decision).label)
        except ValueError:
            return ""


class Bill(models.Model):
    """A bill to an institution: recovery (환수), royalty (기술료) or penalty (제재부가금).

    Billed and paid amounts are ledger rows (post_entry); `instalments` is the payment plan staff
    may allow: a list of {"due_on": "YYYY-MM-DD", "amount_krw": int} summing to the amount."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="bills"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="bills"
    )
    number = models.CharField(_("bill number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=BillKind.choices)
    amount_krw = models.BigIntegerField(_("amount (KRW)"))
    paid_krw = models.BigIntegerField(_("paid (KRW)"), default=0)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"))
    instalments = models.JSONField(_("instalment plan"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BillStatus.choices, default=BillStatus.OPEN
    )
    paid_on = models.DateField(_("fully paid on"), null=True, blank=True)
    basis = models.JSONField(_("how the amount was computed"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    obligation = models.OneToOneField(
        "screening.Obligation", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="bill",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="bill_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(paid_krw__gte=0)
                & models.Q(paid_krw__lte=models.F("amount_krw")),
                name="bill_paid_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()} {self.amount_krw:,}원"

    @property
    def outstanding_krw(self) -> int:
        return self.amount_krw - self.paid_krw

    def current_due_on(self):
        """The date the unpaid remainder is due: with an instalment plan, the first instalment not
        covered by the payments so far; else the bill's due date."""
        import datetime

        covered = 0
        for item in sorted(self.instalments or [], key=lambda i: i["due_on"]):
            covered += int(item["amount_krw"])
            if covered > self.paid_krw:
                return datetime.date.fromisoformat(item["due_on"])
        return self.due_on


class Settlement(models.Model):
    """정산 of an agreement, after the final verdict: paid − used = unspent; unspent plus
    disallowed amounts → one recovery bill. Reopened only with a reason (audited)."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="settlement"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SettlementStatus.choices,
        default=SettlementStatus.SETTLED,
    )  # fmt: skip
    paid_krw = models.BigIntegerField(_("instalments paid (KRW)"))
    used_krw = models.BigIntegerField(_("accepted expenses (KRW)"))
    disallowed_krw = models.BigIntegerField(_("disallowed expenses (KRW)"))
    returned_krw = models.BigIntegerField(_("unspent already returned (KRW)"), default=0)
    unspent_krw = models.BigIntegerField(_("unspent (KRW)"))
    recovery_krw = models.BigIntegerField(_("recovery billed (KRW)"))
    recovery_bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    settled_on = models.DateField(_("settled on"))
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    times_settled = models.PositiveSmallIntegerField(_("times settled"), default=1)
    reopen_reason = models.TextField(_("reason of the last reopening"), blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self) -> str:
        return f"정산 {self.agreement}"


class SanctionDecision(models.Model):
    """A sanction decided by staff, with its period and reason (audited). Writes the participation
    restriction (screening Sanction) and, for misuse, the recovery and penalty bills."""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="sanction_decisions"
    )
    institution = models.ForeignKey(
        "accounts.Institution", on_delete=models.PROTECT, related_name="sanction_decisions"
    )
    researcher = models.ForeignKey(
        "accounts.Researcher", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SanctionKind.choices)
    starts_on = models.DateField(_("restricted from"))
    ends_on = models.DateField(_("restricted until"))
    reason = models.TextField(_("reason"))
    restriction = models.ForeignKey(
        "screening.Sanction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    researcher_restriction = models.ForeignKey(
        "screening.Sanction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recovery_bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    penalty_bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sanction decision")
        verbose_name_plural = _("sanction decisions")
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="sanction_period_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"
