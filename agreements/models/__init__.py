from .agreement import Agreement, AgreementBudgetLine, AgreementYear
from .ledger import LedgerEntry
from .project import Project, ProjectParticipation

__all__ = [
    "Agreement",
    "AgreementBudgetLine",
    "AgreementYear",
    "LedgerEntry",
    "Project",
    "ProjectParticipation",
]
