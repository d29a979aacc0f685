from .agreement import Agreement, AgreementBudgetLine, AgreementYear
from .changes import ChangePart, ChangeRequest
from .closing import AnnualReview
from .expenses import Expense, StatementImport
from .guarantee import Guarantee, GuaranteeReminder, GuaranteeStatus, ReminderKind
from .ledger import LedgerEntry
from .payments import BatchStatus, Instalment, InstalmentStatus, PaymentBatch
from .project import Project, ProjectParticipation
from .signing import AgreementVersion, Signature, SignerRole, TermsTemplate

__all__ = [
    "Agreement",
    "AgreementBudgetLine",
    "AgreementVersion",
    "AgreementYear",
    "AnnualReview",
    "BatchStatus",
    "ChangePart",
    "ChangeRequest",
    "Expense",
    "Guarantee",
    "GuaranteeReminder",
    "GuaranteeStatus",
    "Instalment",
    "InstalmentStatus",
    "LedgerEntry",
    "PaymentBatch",
    "Project",
    "ProjectParticipation",
    "ReminderKind",
    "Signature",
    "SignerRole",
    "StatementImport",
    "TermsTemplate",
]
from .chain import ChainedAgreement, ChainStatus  # noqa: E402, F401  (campus-town chain)
from .national_matching import CommitmentRequest, CommitmentStatus, NationalResult, NationalYear  # noqa: E402,F401
