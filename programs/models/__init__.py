from .budget import BudgetLine, PrintedTotal
from .call import Call
from .catalogue import Field, Operator, Program

__all__ = ["BudgetLine", "Call", "Field", "Operator", "PrintedTotal", "Program"]
from .designation import DesignationStatus, PolicyDesignation  # noqa: E402, F401  (campus town)
from .national_matching import ContinuingNationalProject  # noqa: E402,F401
from .rules_2024 import (  # noqa: E402, F401
    FollowOnSelection,
    ForumRecord,
    TechMatch,
    TechNeed,
    TechOutcome,
    TechPartner,
)
