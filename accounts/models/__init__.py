from .announcement import Announcement
from .audit import AuditEntry, Notice
from .institution import HubTenancy, Institution, InstitutionSite
from .invitation import Invitation
from .user import Researcher, User

__all__ = [
    "Announcement",
    "AuditEntry",
    "HubTenancy",
    "Institution",
    "InstitutionSite",
    "Invitation",
    "Notice",
    "Researcher",
    "User",
]
from .expert import ExpertProfile, TechField  # noqa: E402, F401  (campus-town expert pool)
