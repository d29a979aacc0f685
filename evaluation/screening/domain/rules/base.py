"""The rule registry: each rule is a small named function with a stable code and seed clause."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from evaluation.screening.enums import Outcome


@dataclass(frozen=True)
class Verdict:
    """One rule's outcome with a reason (Korean and English) that names the figures used."""

    outcome: str
    reason_ko: str
    reason_en: str


@dataclass(frozen=True)
class Rule:
    code: str
    description_ko: str
    description_en: str
    clause: str
    check: Callable[..., Verdict]


RULES: dict[str, Rule] = {}


def rule(code: str, *, ko: str, en: str, clause: str):
    """Register `check(facts, params) -> Verdict` under a stable code."""

    def decorate(func: Callable[..., Verdict]) -> Callable[..., Verdict]:
        if code in RULES:
            raise ValueError(f"duplicate screening rule code {code}")
        RULES[code] = Rule(code, ko, en, clause, func)
        return func

    return decorate


def passed(ko: str, en: str) -> Verdict:
    return Verdict(Outcome.PASS.value, ko, en)


def failed(ko: str, en: str) -> Verdict:
    return Verdict(Outcome.FAIL.value, ko, en)


def review(ko: str, en: str) -> Verdict:
    return Verdict(Outcome.NEEDS_REVIEW.value, ko, en)


def won(amount: int | float) -> str:
    return f"{int(amount):,}"


def pct(value) -> str:
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def full_years(start: dt.date, end: dt.date) -> int:
    """Completed years from `start` to `end`."""
    years = end.year - start.year
    if add_years(start, years) > end:
        years -= 1
    return years


@functools.cache
def _labels(model: type, field_name: str, language: str) -> dict:
    with translation.override(language):
        return {k: str(v) for k, v in model._meta.get_field(field_name).flatchoices}


def display(obj, field_name: str) -> str:
    """obj.get_<field>_display() in the active language, from a per-process cache of the labels
    (Django's version rebuilds the choices dict on every call: ~0.4 ms, per application)."""
    value = getattr(obj, field_name)
    labels = _labels(type(obj), field_name, translation.get_language() or "")
    return labels.get(value, value)
