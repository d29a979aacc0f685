from .application import Application
from .attachment import Attachment, ReceiptCounter
from .parts import ApplicationInstitution, ApplicationResearcher, BudgetItem

__all__ = [
    "Application",
    "ApplicationInstitution",
    "ApplicationResearcher",
    "Attachment",
    "BudgetItem",
    "ReceiptCounter",
]
