"""Investor-relations list (seed 000 Ⅱ): of the projects judged "success" at the final evaluation,
the top 20 % by final-evaluation score are offered investment IR — 20 companies a year, 10 per
half-year. A half-year is the half in which the final verdict was decided (Asia/Seoul).

Rule (the seed gives the share and the counts): per half-year, n = min(10, ⌈20 % × successes⌉)
(rounding UP is a DEFAULT: the seed does not say); ranked by score desc, then the earlier
decision, then the agreement id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from agreements.domain.closing_rules import SUCCESS_GRADES
from agreements.enums import RoundStatus
from agreements.models.closing import EvaluationRound
from evaluation.enums import StageCode

SHARE = Decimal("0.20")  # seed 000 Ⅱ: 상위 20%
PER_HALF = 10  # seed 000 Ⅱ: 반기별 10개 (연간 20개)


@dataclass(frozen=True)
class IREntry:
    half: int
    rank: int
    round: EvaluationRound

    @property
    def agreement(self):
        return self.round.agreement


def _half(rnd: EvaluationRound) -> int:
    return 1 if timezone.localtime(rnd.decided_at).month <= 6 else 2


def ir_list(*, year: int) -> dict[int, list[IREntry]]:
    """{1: [...], 2: [...]}: the selected projects of each half-year of `year`."""
    rounds = (
        EvaluationRound.objects.filter(
            stage=StageCode.FINAL, status=RoundStatus.DECIDED, decision__in=SUCCESS_GRADES,
            decided_at__year=year, score__isnull=False,
        ).select_related("agreement__lead_institution", "agreement__application", "agreement__program")
    )  # fmt: skip
    halves: dict[int, list[EvaluationRound]] = {1: [], 2: []}
    for rnd in rounds:
        if timezone.localtime(rnd.decided_at).year == year:
            halves[_half(rnd)].append(rnd)
    result: dict[int, list[IREntry]] = {}
    for half, items in halves.items():
        items.sort(key=lambda r: (-r.score, r.decided_at, r.agreement_id))
        n = min(PER_HALF, math.ceil(SHARE * len(items))) if items else 0
        result[half] = [IREntry(half, i + 1, r) for i, r in enumerate(items[:n])]
    return result


def success_counts(*, year: int) -> dict[int, int]:
    counts = {1: 0, 2: 0}
    for rnd in EvaluationRound.objects.filter(
        stage=StageCode.FINAL, status=RoundStatus.DECIDED, decision__in=SUCCESS_GRADES,
        decided_at__year=year,
    ).only("decided_at"):  # fmt: skip
        counts[_half(rnd)] += 1
    return counts
