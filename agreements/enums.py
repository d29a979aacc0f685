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
    POOR = "poor", _("Success – poor")
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
    RECOVERY_CANCELLED = "recovery_cancelled", _("Recovery bill cancelled (settlement reopened)")
    PRIZE_PAID = "prize_paid", _("Prize paid (outside the project budget; no settlement)")


class AnnualVerdict(models.TextChoices):
    """연차평가 결과."""

    CONTINUE = "continue", _("Continue")
    CONTINUE_WITH_CHANGES = "continue_changes", _("Continue with changes")
    STOP = "stop", _("Stop")


PASSING_ANNUAL_VERDICTS = (AnnualVerdict.CONTINUE, AnnualVerdict.CONTINUE_WITH_CHANGES)


class RoundStatus(models.TextChoices):
    """An annual or final evaluation round of one agreement (연차·최종평가)."""

    OPEN = "open", _("Open (evaluators scoring)")
    DECIDED = "decided", _("Decided")


class BillKind(models.TextChoices):
    RECOVERY = "recovery", _("Recovery (환수금)")
    ROYALTY = "royalty", _("Royalty (기술료)")
    PENALTY = "penalty", _("Penalty surcharge (제재부가금)")


class BillStatus(models.TextChoices):
    OPEN = "open", _("Unpaid")
    OVERDUE = "overdue", _("Overdue")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class SettlementStatus(models.TextChoices):
    SETTLED = "settled", _("Settled")
    REOPENED = "reopened", _("Reopened")


class SanctionKind(models.TextChoices):
    """Sanctions decided by staff (seed 002 §6 and national practice)."""

    GIVING_UP = "giving_up", _("Giving up after selection without force majeure")
    FALSE_DOCUMENTS = "false_documents", _("False or forged documents")
    MISUSE = "misuse", _("Misuse of research funds")
