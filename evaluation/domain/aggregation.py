"""Pure functions for stage scores, bonus points, ranking, advancement and the budget cut.

No database access here: every function takes plain values and returns plain values, so the rules
can be property-tested. Scores are Decimals; results are rounded half-up to 2 decimals only at the
end (``q2``), so the sum is exact and independent of the order of the scores.

Documented rules
----------------
* ``trimmed_mean`` (seed 002 §3): (sum − highest − lowest) / (n − 2). Exactly ONE highest and ONE
  lowest score are dropped even when several evaluators gave the same highest/lowest score.
  Undefined for n < 3: the stage's ``fallback`` is used ("mean", "median" or "none") and the result
  is flagged.
* ``mean`` and ``median`` (middle value, or the mean of the two middle values) are alternatives a
  programme may choose with ``stage["aggregation"]``.
* Bonus points (가점) are added after aggregation: total = stage score + bonus.
* Ranking tie-break (deterministic): total desc → stage score without bonus desc → number of
  scores desc → highest single sheet total desc → receipt number asc → application id asc.
* Advancement: of the applications whose stage score (before bonus) ≥ cut-off, the top
  ``advance_count(slots, multiplier, rounding)`` by rank advance. A flagged result (fallback used)
  advances only once staff confirmed it (``extra["flag_decision"] == "confirmed"``); until then it
  holds its place and slot without advancing (``extra["awaiting_confirmation"]``), so that nobody
  is moved in or out by a result no person has looked at. Not confirmed ("rejected"): it does not
  advance and its slot goes to the next. Fractional multiples are rounded
  with ``stage["rounding"]``: "ceil" (catalogue default: 1.5 × 5 = 7.5 → 8), "floor" or "half_up".
* Budget cut: candidates in final order are taken while the cumulative granted amount stays within
  the envelope; the list is cut at the first candidate that would exceed it (no skipping ahead).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")
METHODS = ("trimmed_mean", "mean", "median")
FALLBACKS = ("mean", "median", "none")


def q2(value: Decimal) -> Decimal:
    """Round half-up to 2 decimals."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Aggregate:
    value: Decimal | None
    method: str
    n: int
    dropped: tuple[Decimal, ...] = ()
    flagged: bool = False
    note: str = ""


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def aggregate(
    values: Iterable[Decimal | int | float | str],
    *,
    method: str = "trimmed_mean",
    fallback: str = "mean",
) -> Aggregate:
    """Stage score of one application from its evaluators' sheet totals."""
    if method not in METHODS:
        raise ValueError(f"unknown aggregation method {method!r}")
    if fallback not in FALLBACKS:
        raise ValueError(f"unknown fallback {fallback!r}")
    scores = [v if isinstance(v, Decimal) else Decimal(str(v)) for v in values]
    n = len(scores)
    if n == 0:
        return Aggregate(None, "none", 0, flagged=True, note="no scores")
    if method == "mean":
        return Aggregate(q2(_mean(scores)), "mean", n)
    if method == "median":
        return Aggregate(q2(_median(scores)), "median", n)
    if n >= 3:
        high, low = max(scores), min(scores)
        value = (sum(scores, Decimal(0)) - high - low) / (n - 2)
        return Aggregate(q2(value), "trimmed_mean", n, dropped=(high, low))
    note = f"trimmed mean undefined for n={n}; fallback {fallback}"
    if fallback == "none":
        return Aggregate(None, "none", n, flagged=True, note=note)
    value = _mean(scores) if fallback == "mean" else _median(scores)
    return Aggregate(q2(value), fallback, n, flagged=True, note=note)


@dataclass(frozen=True)
class BonusFacts:
    """What the bonus rules look at, gathered from the database by the caller."""

    hubs: frozenset[str] = frozenset()
    export_record: bool = False
    seoul_partner: bool = False
    # (kind, counterpart, amount_krw) of the application's verified claims with evidence
    # (applications.ApplicationClaim), read by rules of kind "claim".
    claims: frozenset[tuple[str, str, int]] = frozenset()


def claim_applies(rule: dict, claims) -> bool:
    """A "claim" rule: a claim of its kind, at least ``min_krw``, from one of ``counterparts``."""
    wanted = set(rule.get("counterparts") or [])
    return any(
        kind == rule.get("claim")
        and amount >= int(rule.get("min_krw", 0))
        and (not wanted or counterpart in wanted)
        for kind, counterpart, amount in claims
    )


def bonus_points(rules: Sequence[dict], facts: BonusFacts) -> tuple[Decimal, list[dict]]:
    """Sum of the programme's bonus rules that apply, with the list of rules applied."""
    applied: list[dict] = []
    for rule in rules:
        kind = rule.get("kind")
        hit = (
            (kind == "hub_tenant" and bool(facts.hubs & set(rule.get("hubs", []))))
            or (kind == "export_record" and facts.export_record)
            or (kind == "seoul_partner" and facts.seoul_partner)
            or (kind == "claim" and claim_applies(rule, facts.claims))
        )
        if hit:
            applied.append({"code": rule.get("code", kind), "points": str(rule.get("points", 0))})
    total = sum((Decimal(a["points"]) for a in applied), Decimal(0))
    return total, applied


@dataclass
class Entry:
    """One application in a ranking."""

    application_id: int
    receipt_no: str
    scores: list[Decimal]
    aggregate: Decimal | None
    bonus: Decimal = Decimal(0)
    rank: int | None = None
    advances: bool = False
    tie_break: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> Decimal | None:
        return None if self.aggregate is None else self.aggregate + self.bonus


TIE_KEYS = ("total", "stage score", "number of scores", "highest sheet", "receipt number", "id")


def _key(e: Entry) -> tuple:
    return (
        -(e.total if e.total is not None else Decimal("-1e9")),
        -(e.aggregate if e.aggregate is not None else Decimal("-1e9")),
        -len(e.scores),
        -(max(e.scores) if e.scores else Decimal(0)),
        e.receipt_no,
        e.application_id,
    )


def rank_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Order entries by the documented tie-break and number them 1..N (entries without a score last).

    ``tie_break`` names the first key that separated an entry from the one ranked just above it
    when their totals were equal.
    """
    keyed = sorted(((_key(e), e) for e in entries), key=lambda pair: pair[0])
    ordered = [entry for _k, entry in keyed]
    previous_key = None
    for position, (key, entry) in enumerate(keyed, start=1):
        entry.rank = position
        entry.tie_break = ""
        if previous_key is not None and previous_key[0] == key[0]:
            for name, a, b in zip(TIE_KEYS, previous_key, key, strict=True):
                if a != b:
                    entry.tie_break = name
                    break
        previous_key = key
    return ordered


def advance_count(slots: int, multiplier: float | Decimal | str, rounding: str = "ceil") -> int:
    """How many advance: slots × multiplier rounded as configured (ceil / floor / half_up)."""
    exact = Decimal(str(multiplier)) * slots
    if rounding == "ceil":
        return int(math.ceil(exact))
    if rounding == "floor":
        return int(math.floor(exact))
    if rounding == "half_up":
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    raise ValueError(f"unknown rounding {rounding!r}")


def mark_advancing(ranked: Sequence[Entry], *, cutoff: Decimal | int, count: int) -> list[Entry]:
    """Set ``advances`` on the top ``count`` ranked entries whose stage score ≥ cutoff."""
    cutoff = Decimal(str(cutoff))
    taken = 0
    for entry in ranked:
        flagged = bool(entry.extra.get("flagged"))
        decision = entry.extra.get("flag_decision") if flagged else None
        eligible = entry.aggregate is not None and entry.aggregate >= cutoff
        if decision == "rejected":
            eligible = False
        within = eligible and taken < count
        awaiting = within and flagged and decision != "confirmed"
        entry.advances = within and not awaiting
        if flagged:
            entry.extra["awaiting_confirmation"] = awaiting
        taken += within
    return list(ranked)


def budget_cut(amounts: Sequence[int], envelope: int) -> int:
    """Number of candidates (in final order) that fit within the envelope; cut at the first misfit."""
    running = 0
    for index, amount in enumerate(amounts):
        if running + amount > envelope:
            return index
        running += amount
    return len(amounts)


def what_if(
    entries: Sequence[Entry],
    *,
    method: str,
    fallback: str,
    cutoff: Decimal | int,
    slots: int,
    multiplier: float | Decimal | str,
    rounding: str,
) -> list[Entry]:
    """Re-aggregate, re-rank and re-mark copies of the entries; the inputs are not modified."""
    fresh = []
    for e in entries:
        result = aggregate(e.scores, method=method, fallback=fallback)
        fresh.append(
            Entry(
                application_id=e.application_id,
                receipt_no=e.receipt_no,
                scores=list(e.scores),
                aggregate=result.value,
                bonus=e.bonus,
                extra={"flagged": result.flagged, "flag_decision": e.extra.get("flag_decision")},
            )
        )
    ranked = rank_entries(fresh)
    return mark_advancing(ranked, cutoff=cutoff, count=advance_count(slots, multiplier, rounding))
