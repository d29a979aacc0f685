"""Screening rules; importing this package registers every rule in RULES."""

from evaluation.screening.domain.rules import content, credit, institution, investment, records  # noqa: F401
from evaluation.screening.domain.rules import rules_2024  # noqa: F401, E402
from evaluation.screening.domain.rules import testbed  # noqa: F401, E402
from evaluation.screening.domain.rules.base import RULES, Rule, Verdict

__all__ = ["RULES", "Rule", "Verdict"]
