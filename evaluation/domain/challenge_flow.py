"""Reading a challenge's flow data (programs/data/flows/challenges.py) through programs.domain.flows.

Nothing here knows a programme code: a programme is a challenge when its flow has a ``challenge``
key; its steps are the track's own ``stages`` (``stages_for``) or the programme's
``challenge_stages``; its tiers come from ``tiers_for``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone, translation

from programs.domain.flows import flow_value, program_tracks, stages_for, tiers_for

SCORED_STEP_CODES = ("document", "presentation")


@dataclass(frozen=True)
class Step:
    code: str
    step: str
    name_ko: str
    name_en: str
    spec: dict

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko

    @property
    def scored(self) -> bool:
        return self.code in SCORED_STEP_CODES


def challenge_of(program) -> dict | None:
    """The programme's challenge settings, or None when it is not a challenge."""
    return flow_value(program=program, key="challenge")


def is_challenge(program) -> bool:
    return bool(challenge_of(program))


def steps(*, program, track_code: str = "") -> list[Step]:
    """The challenge's steps in order (a track's own list when it has one)."""
    specs = None
    if track_code:
        own = stages_for(program=program, track_code=track_code)
        specs = own if own is not program.stages else None
    if specs is None:
        specs = flow_value(program=program, key="challenge_stages") or program.stages
    return [
        Step(code=s["code"], step=s.get("step", s["code"]), name_ko=s.get("name_ko", s["code"]),
             name_en=s.get("name_en", s["code"]), spec=s)
        for s in specs
    ]  # fmt: skip


def step(*, program, track_code: str = "", code: str) -> Step | None:
    return next((s for s in steps(program=program, track_code=track_code) if s.code == code), None)


def tracks(*, program) -> list:
    return program_tracks(program=program)


def call_program(call):
    """The challenge programme of a call (the first of its programmes that is one)."""
    for program in call.programs.order_by("order", "code"):
        if is_challenge(program):
            return program
    return None


def call_year(call) -> int:
    return timezone.localtime(call.opens_at).year


def prototype_terms(*, program, call, track_code: str = "") -> dict | None:
    """Prototype money and months of the call's year: the latest ``by_year`` entry not after it."""
    spec = step(program=program, track_code=track_code, code="prototype")
    if spec is None:
        return None
    by_year = spec.spec.get("by_year") or {}
    year = call_year(call)
    eligible = sorted(int(y) for y in by_year if int(y) <= year)
    category = {"budget_category": spec.spec.get("budget_category", "materials")}
    if not eligible:
        own = {k: spec.spec[k] for k in ("months", "funding_total_krw") if k in spec.spec}
        return {**own, **category} if own else None
    return {"year": eligible[-1], **by_year[str(eligible[-1])], **category}


def development_period(*, program, call) -> tuple[dt.date, dt.date] | None:
    """Period of the development that the final's money pays for (next year's budget)."""
    spec = step(program=program, code="development")
    if spec is None:
        return None
    year = call_year(call) + int(spec.spec.get("budget_year_offset", 1))
    month = int(spec.spec.get("starts_month", 1))
    months = int(spec.spec.get("months", 12))
    starts = dt.date(year, month, 1)
    end_index = year * 12 + month - 1 + months
    ends = dt.date(end_index // 12, end_index % 12 + 1, 1) - dt.timedelta(days=1)
    return starts, ends


def tiers(*, program, call=None):
    return tiers_for(program=program, call=call)


def final_weights(*, program) -> dict[str, Decimal]:
    """Weights of the combined final score (expert, on-site, citizens), summing to 1."""
    raw = (challenge_of(program) or {}).get("final_weights") or {"expert": 100}
    parts = {k: Decimal(str(v)) for k, v in raw.items() if k in ("expert", "on_site", "citizens")}
    total = sum(parts.values()) or Decimal(1)
    return {k: v / total for k, v in parts.items()}


def vote_rules(*, program) -> dict | None:
    return (challenge_of(program) or {}).get("vote")


def prize_categories(*, program) -> list[dict]:
    return list((challenge_of(program) or {}).get("prize_categories") or [])


def english_first(*, program) -> bool:
    return bool((challenge_of(program) or {}).get("english_first"))


def tie_break_criterion(*, program) -> str:
    return (challenge_of(program) or {}).get("tie_break_criterion", "creativity")
