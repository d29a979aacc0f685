from .agreement import Agreement, AgreementBudgetLine, AgreementYear
from .changes import ChangePart, ChangeRequest
from .closing import AnnualReview
from .expenses import Expense, StatementImport
from .ledger import LedgerEntry
from .project import Project, ProjectParticipation

__all__ = [
    "Agreement",
    "AgreementBudgetLine",
    "AgreementYear",
    "AnnualReview",
    "ChangePart",
    "ChangeRequest",
    "Expense",
    "LedgerEntry",
    "Project",
    "ProjectParticipation",
    "StatementImport",
]
