from .project import Project, ProjectParticipation

__all__ = ["Project", "ProjectParticipation"]
