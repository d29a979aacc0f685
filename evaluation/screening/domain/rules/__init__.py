"""Screening rules; importing this package registers every rule in RULES."""

from evaluation.screening.domain.rules import (  # noqa: F401
    content,
    credit,
    institution,
    investment,
    records,
    rules_2024,  # noqa: F401, E402
    testbed,  # noqa: F401, E402
)
from evaluation.screening.domain.rules.base import RULES, Rule, Verdict

__all__ = ["RULES", "Rule", "Verdict"]
