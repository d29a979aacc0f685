from .budget import BudgetLine, PrintedTotal
from .call import Call
from .catalogue import Field, Operator, Program

__all__ = ["BudgetLine", "Call", "Field", "Operator", "PrintedTotal", "Program"]
