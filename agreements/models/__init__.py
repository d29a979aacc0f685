from .agreement import Agreement, AgreementBudgetLine, AgreementYear
from .project import Project, ProjectParticipation

__all__ = ["Agreement", "AgreementBudgetLine", "AgreementYear", "Project", "ProjectParticipation"]
