from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class FinalResult(models.TextChoices):
    NONE = "", _("Not evaluated")
    EXCELLENT = "excellent", _("Success – excellent")
    NORMAL = "normal", _("Success – normal")
    FAILURE = "failure", _("Failure")


class AgreementStatus(models.TextChoices):
    """협약 상태. Changes only through agreements.domain.state.set_agreement_status."""

    DRAFTING = "drafting", _("Drafting")
    AWAITING_GUARANTEE = "awaiting_guarantee", _("Awaiting guarantee insurance")
    AWAITING_SIGNATURES = "awaiting_signatures", _("Awaiting signatures")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class LedgerKind(models.TextChoices):
    """Every won of a project is one ledger row of one of these kinds (integer KRW, positive)."""

    INSTALMENT_PAID = "instalment_paid", _("Instalment paid")
    CASH_DEPOSITED = "cash_deposited", _("Institution cash deposited")
    EXPENSE_EXECUTED = "expense_executed", _("Expense executed")
    EXPENSE_DISALLOWED = "expense_disallowed", _("Expense disallowed")
    UNSPENT_RETURNED = "unspent_returned", _("Unspent returned")
    RECOVERY_BILLED = "recovery_billed", _("Recovery billed")
    RECOVERY_PAID = "recovery_paid", _("Recovery paid")
    ROYALTY_BILLED = "royalty_billed", _("Royalty billed")
    ROYALTY_PAID = "royalty_paid", _("Royalty paid")
    PENALTY = "penalty", _("Penalty (제재부가금) billed")
    PENALTY_PAID = "penalty_paid", _("Penalty paid")


class AnnualVerdict(models.TextChoices):
    """연차평가 결과."""

    CONTINUE = "continue", _("Continue")
    CONTINUE_WITH_CHANGES = "continue_changes", _("Continue with changes")
    STOP = "stop", _("Stop")


PASSING_ANNUAL_VERDICTS = (AnnualVerdict.CONTINUE, AnnualVerdict.CONTINUE_WITH_CHANGES)
