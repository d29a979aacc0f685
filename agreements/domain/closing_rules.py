"""Closing rules read from the catalogue (`Program.post_award`, `Program.royalty_rate`), with the
defaults used where the seeds give no figure. Every default is marked DEFAULT below and reported
as such (`source: "default"`) so staff can see which figures are not from the seeds.

Keys of `Program.post_award` read here:
- "grade_bands": [{"grade": "excellent", "min_score": 90}, …] — final grade of a success by score;
- "royalty_rates": {"sme": "0.10", "non_sme": "0.20"} — royalty share of the city grant used;
- "recovery_due_days", "royalty_due_days", "penalty_due_days": days from issue to due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from agreements.enums import FinalResult

# DEFAULT (no seed figure): national practice 우수 ≥ 90, 보통 ≥ 70, else 미흡 for a success.
DEFAULT_GRADE_BANDS: tuple[dict, ...] = (
    {"grade": FinalResult.EXCELLENT.value, "min_score": 90},
    {"grade": FinalResult.NORMAL.value, "min_score": 70},
    {"grade": FinalResult.POOR.value, "min_score": 0},
)
# DEFAULT (no seed figure): a non-SME lead pays twice the SME rate (seed 002 §5 names only the
# SME rate, 10 %; national practice charged large companies 20 %).
DEFAULT_NON_SME_FACTOR = Decimal(2)
# DEFAULT (no seed figure): days from the bill's issue to its due date.
DEFAULT_DUE_DAYS = {"recovery": 30, "royalty": 60, "penalty": 30}
# Grades of a success that owe a royalty (seed 002 §5: 최종평가 '우수', '보통').
ROYALTY_GRADES = (FinalResult.EXCELLENT, FinalResult.NORMAL)
SUCCESS_GRADES = (FinalResult.EXCELLENT, FinalResult.NORMAL, FinalResult.POOR)


def _rules(program) -> dict:
    return (program.post_award or {}) if program is not None else {}


def grade_bands(program) -> tuple[list[dict], str]:
    """The grade bands (highest first) and their source: "catalogue" or "default"."""
    bands = _rules(program).get("grade_bands")
    if bands:
        return sorted(bands, key=lambda b: -Decimal(str(b["min_score"]))), "catalogue"
    return [dict(b) for b in DEFAULT_GRADE_BANDS], "default"


def grade_for(program, score: Decimal | None) -> str:
    """Grade of a success: the first band whose minimum the score reaches; the lowest band when
    no score or none reached."""
    bands, _source = grade_bands(program)
    if score is not None:
        for band in bands:
            if Decimal(score) >= Decimal(str(band["min_score"])):
                return FinalResult(band["grade"]).value
    return FinalResult(bands[-1]["grade"]).value


@dataclass(frozen=True)
class RoyaltyRate:
    rate: Decimal  # share, e.g. Decimal("0.1000")
    size: str  # "sme" or "non_sme"
    source: str  # "catalogue" or "default"

    @property
    def pct(self) -> Decimal:
        return Decimal(f"{(self.rate * 100).normalize():f}")


def royalty_rate(program, institution) -> RoyaltyRate:
    """Rate for the programme and the lead institution's size: post_award["royalty_rates"] when
    given; else Program.royalty_rate for an SME (seed) and the DEFAULT factor for a non-SME."""
    size = "sme" if getattr(institution, "is_sme", False) else "non_sme"
    rates = _rules(program).get("royalty_rates") or {}
    if size in rates:
        return RoyaltyRate(Decimal(str(rates[size])), size, "catalogue")
    base = Decimal(str(program.royalty_rate or 0))
    if size == "sme":
        return RoyaltyRate(base, size, "catalogue")
    return RoyaltyRate(base * DEFAULT_NON_SME_FACTOR, size, "default")


def royalty_amount(base_krw: int, rate: Decimal) -> int:
    """Royalty in won, ROUNDED DOWN to the won (버림): floor(base × rate)."""
    if base_krw <= 0 or rate <= 0:
        return 0
    return int((Decimal(base_krw) * rate).to_integral_value(rounding=ROUND_DOWN))


def due_days(program, kind: str) -> tuple[int, str]:
    value = _rules(program).get(f"{kind}_due_days")
    if value is not None:
        return int(value), "catalogue"
    return DEFAULT_DUE_DAYS[kind], "default"
