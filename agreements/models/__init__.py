from .agreement import Agreement, AgreementBudgetLine, AgreementYear
from .closing import AnnualReview
from .ledger import LedgerEntry
from .project import Project, ProjectParticipation

__all__ = [
    "Agreement",
    "AgreementBudgetLine",
    "AgreementYear",
    "AnnualReview",
    "LedgerEntry",
    "Project",
    "ProjectParticipation",
]
