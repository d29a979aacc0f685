from .announcement import Announcement
from .audit import AuditEntry, Notice
from .institution import HubTenancy, Institution, InstitutionSite
from .user import Researcher, User

__all__ = [
    "Announcement",
    "AuditEntry",
    "HubTenancy",
    "Institution",
    "InstitutionSite",
    "Notice",
    "Researcher",
    "User",
]
