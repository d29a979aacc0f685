from .data import CreditStatus, FinancialStatement, Obligation, Recommendation, Sanction
from .run import DuplicateFlag, ScreeningResult, ScreeningRun

__all__ = [
    "CreditStatus",
    "DuplicateFlag",
    "FinancialStatement",
    "Obligation",
    "Recommendation",
    "Sanction",
    "ScreeningResult",
    "ScreeningRun",
]
