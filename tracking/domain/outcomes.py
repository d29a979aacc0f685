"""Outcomes of Seoul R&D: the city's printed record (seed 000) and the tracked years together.

`outcomes_summary()` is the one selector behind the officials' dashboard, its Excel and PDF
exports and `GET /api/v1/tracking/outcomes/summary/`. It runs three queries whatever the number
of reports: the catalogue (programmes and fields, also used to check the filters), the history
rows of the range, and the accepted reports' sums per programme and year (OutcomeTally: running
totals kept by every change of an accepted report, so the request reads ~200 rows, never the
reports; `aggregate_reports()` computes the same rows from the reports).

Sources and units:

- the printed history (HistoryYear, tables "commercialisation" and "research") is city-wide: it
  has no programme or field, so it counts only when no programme or field filter is given; a
  printed block (e.g. 2005–2014) counts only when it lies wholly inside the year range;
- tracked reports (TrackingReport) count only when **accepted**, in the calendar year they cover;
  their money is integer won. Money is shown in million KRW (백만원) as the seed prints it:
  won sums are rounded half-up to whole million KRW once per cell (a row, a running total, a
  total is each rounded from its own won sum, so a total can differ from the sum of its rounded
  rows by less than one per row). The exact won sums are kept (`tracked_krw`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from config.params import ParamError, int_param
from programs.models import Field, Program
from tracking.models import HistoryTable, HistoryYear, OutcomeTally, ReportStatus, TrackingReport
from tracking.models.outcomes import TALLY_FIELDS

FIRST_YEAR, LAST_YEAR = 2000, 2100
HISTORY_FROM = 2005  # the printed outcome tables start in 2005 (seed 000)
# Money figures: (API key, history column in million KRW, report column in won).
MONEY = (
    ("sales_million_krw", "sales_million_krw", "sales_krw"),
    ("cost_savings_million_krw", "cost_savings_million_krw", "cost_savings_krw"),
    ("transfer_value_million_krw", "transfer_value_million_krw", "transfer_value_krw"),
)
HIRES = (
    ("research", "hires_research"),
    ("production", "hires_production"),
    ("other", "hires_other"),
)
COUNTS = (
    "papers_general",
    "papers_sci",
    "talks",
    "patents_filed",
    "patents_registered",
    "transfers",
)
# Every count the Figures hold: history column = report column, except awards + certifications.
COUNT_KEYS = (*(c for _k, c in HIRES), *COUNTS, "awards_certifications")
FIGURE_KEYS = (
    "sales_million_krw", "cost_savings_million_krw", "hires", "papers_general", "papers_sci",
    "talks", "patents_filed", "patents_registered", "transfers", "transfer_value_million_krw",
    "awards_certifications",
)  # fmt: skip
ROUNDING = (
    "Tracked money is summed in won and rounded half-up to whole million KRW once per cell "
    "(row, running total, total); the printed history is in million KRW as printed."
)
HISTORY_NOTE = {
    "ko": "2005~2019년 인쇄 실적(시드 000)은 서울시 전체 수치로 사업·분야 구분이 없어, 사업이나 "
    "분야를 고르지 않았을 때만 포함합니다.",
    "en": "The printed record of 2005–2019 (seed 000) is city-wide with no programme or field, so "
    "it counts only when no programme or field is chosen.",
}


def million(won: int) -> int:
    """Won → whole million KRW, rounded half-up (away from zero at .5)."""
    return int((Decimal(won) / 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Figures:
    """Outcome figures of a row or total: history money (million KRW), report money (won), counts."""

    history_million: dict[str, int] = field(default_factory=lambda: {k: 0 for k, _h, _r in MONEY})
    won: dict[str, int] = field(default_factory=lambda: {r: 0 for _k, _h, r in MONEY})
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))

    def add(self, other: Figures) -> None:
        for target, source in ((self.history_million, other.history_million),
                               (self.won, other.won), (self.counts, other.counts)):  # fmt: skip
            for key, value in source.items():
                target[key] += value

    def copy(self) -> Figures:
        out = Figures()
        out.add(self)
        return out

    def money(self, key: str) -> int:
        """A money figure in million KRW: printed history plus the rounded won of reports."""
        column = {k: r for k, _h, r in MONEY}[key]
        return self.history_million[key] + million(self.won[column])

    @property
    def hires(self) -> dict[str, int]:
        parts = {name: self.counts[column] for name, column in HIRES}
        return {**parts, "total": sum(parts.values())}

    def as_dict(self) -> dict:
        """Exactly the API's keys (FIGURE_KEYS), money in million KRW."""
        out = {}
        for key in FIGURE_KEYS:
            if key == "hires":
                out[key] = self.hires
            elif key.endswith("_million_krw"):
                out[key] = self.money(key)
            else:
                out[key] = self.counts[key]
        return out

    def flat(self) -> dict[str, int]:
        """One number per column, for tables, charts and spreadsheets."""
        d = self.as_dict()
        hires = d.pop("hires")
        return {**{f"hires_{k}": v for k, v in hires.items()}, **d}


@dataclass
class OutcomeFilters:
    first_year: int
    last_year: int
    program: Program | None = None
    field: Field | None = None

    @property
    def history_included(self) -> bool:
        return self.program is None and self.field is None

    def as_query(self) -> dict[str, str]:
        query = {"from": str(self.first_year), "to": str(self.last_year)}
        if self.program:
            query["program"] = self.program.code
        if self.field:
            query["field"] = self.field.code
        return query


@dataclass
class Period:
    first_year: int
    last_year: int
    history: bool = False
    reports: int = 0
    figures: Figures = field(default_factory=Figures)
    cumulative: Figures = field(default_factory=Figures)

    @property
    def label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


@dataclass
class Group:
    """A programme or a field, with its tracked (accepted reports) figures."""

    code: str
    name: str
    field_name: str = ""
    reports: int = 0
    figures: Figures = field(default_factory=Figures)


@dataclass
class OutcomesSummary:
    filters: OutcomeFilters
    periods: list[Period]
    totals: Figures
    history_totals: Figures | None
    tracked_totals: Figures
    reports: int
    by_program: list[Group]
    by_field: list[Group]
    history_outside: list[str]  # printed blocks only partly inside the range (not counted)


def catalogue() -> list[Program]:
    """Every programme with its field, in plan order (one query)."""
    return list(
        Program.objects.select_related("field")
        .only("code", "order", "name_ko", "name_en", "field__code", "field__name_ko",
              "field__name_en", "field__order")
        .order_by("order", "code")
    )  # fmt: skip


def seoul_year() -> int:
    return timezone.localdate().year


def _bad(name: str, ko: str, en: str, code: str = "invalid") -> ParamError:
    return ParamError(name, ko, en, code)


def parse_filters(*, params: Mapping, programs: list[Program]) -> OutcomeFilters:
    """The filters from request parameters `from`, `to`, `program`, `field`; refusals are
    ParamError (400) in Korean and English, naming the parameter."""
    first = int_param(params, "from", default=HISTORY_FROM, min_value=FIRST_YEAR,
                      max_value=LAST_YEAR)  # fmt: skip
    last = int_param(params, "to", default=max(seoul_year(), first), min_value=FIRST_YEAR,
                     max_value=LAST_YEAR)  # fmt: skip
    if first > last:
        raise _bad("to", f"to: 끝 연도({last})가 시작 연도({first})보다 앞설 수 없습니다.",
                   f"to: the last year ({last}) cannot be before the first year ({first}).",
                   "range")  # fmt: skip
    program_code = (params.get("program") or "").strip()
    field_code = (params.get("field") or "").strip()
    by_code = {p.code: p for p in programs}
    fields = {p.field.code: p.field for p in programs}
    program = by_code.get(program_code) if program_code else None
    if program_code and program is None:
        raise _bad("program", "program: 알 수 없는 단위사업입니다.",
                   "program: unknown programme.", "choice")  # fmt: skip
    chosen_field = fields.get(field_code) if field_code else None
    if field_code and chosen_field is None:
        raise _bad("field", "field: 알 수 없는 분야입니다.", "field: unknown field.", "choice")
    if program and chosen_field and program.field_id != chosen_field.pk:
        raise _bad("program", "program: 고른 분야에 속하지 않는 단위사업입니다.",
                   "program: the programme is not in the chosen field.", "mismatch")  # fmt: skip
    return OutcomeFilters(first, last, program, chosen_field)


def _history_figures(row: HistoryYear) -> Figures:
    figures = Figures()
    for key, column, _won in MONEY:
        figures.history_million[key] = getattr(row, column) or 0
    for column in COUNT_KEYS:
        figures.counts[column] = getattr(row, column) or 0
    return figures


def _report_figures(agg: dict) -> Figures:
    figures = Figures()
    for _k, _h, column in MONEY:
        figures.won[column] = int(agg[column] or 0)
    for column in COUNT_KEYS:
        if column == "awards_certifications":
            figures.counts[column] = int(agg["awards"] or 0) + int(agg["certifications"] or 0)
        else:
            figures.counts[column] = int(agg[column] or 0)
    return figures


def _scoped(qs, filters: OutcomeFilters):
    qs = qs.filter(covers_year__gte=filters.first_year, covers_year__lte=filters.last_year)
    if filters.program is not None:
        qs = qs.filter(program_id=filters.program.pk)
    if filters.field is not None:
        qs = qs.filter(program__field_id=filters.field.pk)
    return qs


def accepted_reports(*, filters: OutcomeFilters):
    """The accepted reports the summary counts (queryset, not evaluated)."""
    return _scoped(TrackingReport.objects.filter(status=ReportStatus.ACCEPTED), filters)


def report_aggregates(*, filters: OutcomeFilters) -> list[dict]:
    """ONE query: the accepted reports' sums per programme and covered year, read from their
    running totals (OutcomeTally, one row per programme and year, kept by the state changes)."""
    return list(
        _scoped(OutcomeTally.objects.filter(reports__gt=0), filters)
        .order_by()
        .values("program_id", "covers_year", "reports", *TALLY_FIELDS)
    )


def aggregate_reports(*, filters: OutcomeFilters) -> list[dict]:
    """The same rows aggregated from the reports themselves (checks and the benchmark)."""
    return list(
        accepted_reports(filters=filters)
        .order_by()
        .values("program_id", "covers_year")
        .annotate(reports=Count("pk"), **{f: Sum(f) for f in TALLY_FIELDS})
    )


def outcomes_summary(
    *, filters: OutcomeFilters, programs: list[Program] | None = None
) -> OutcomesSummary:
    """History and accepted reports by period, programme and field, with running totals."""
    programs = catalogue() if programs is None else programs
    periods: dict[tuple[int, int], Period] = {}
    history_totals, outside = None, []
    if filters.history_included:
        history_totals = Figures()
        rows = HistoryYear.objects.filter(
            table__in=[HistoryTable.COMMERCIALISATION, HistoryTable.RESEARCH],
            first_year__lte=filters.last_year, last_year__gte=filters.first_year,
        ).order_by("first_year", "table")  # fmt: skip
        for row in rows:
            key = (row.first_year, row.last_year)
            if row.first_year < filters.first_year or row.last_year > filters.last_year:
                if f"{key[0]}–{key[1]}" not in outside:
                    outside.append(f"{key[0]}–{key[1]}")
                continue
            period = periods.setdefault(key, Period(*key, history=True))
            figures = _history_figures(row)
            period.figures.add(figures)
            history_totals.add(figures)
    by_id = {p.pk: p for p in programs}
    groups: dict[int, Group] = {}
    fields: dict[str, Group] = {}
    tracked, n_reports = Figures(), 0
    for agg in report_aggregates(filters=filters):
        figures, year, n = _report_figures(agg), agg["covers_year"], agg["reports"]
        key = next(
            (k for k in periods if k[0] <= year <= k[1] and periods[k].history), (year, year)
        )
        period = periods.setdefault(key, Period(*key))
        period.figures.add(figures)
        period.reports += n
        tracked.add(figures)
        n_reports += n
        program = by_id[agg["program_id"]]
        group = groups.setdefault(program.pk, Group(program.code, program.name, program.field.name))
        group.figures.add(figures)
        group.reports += n
        f = fields.setdefault(program.field.code, Group(program.field.code, program.field.name))
        f.figures.add(figures)
        f.reports += n
    ordered = [periods[k] for k in sorted(periods)]
    running = Figures()
    for period in ordered:
        running.add(period.figures)
        period.cumulative = running.copy()
    totals = tracked.copy()
    if history_totals is not None:
        totals.add(history_totals)
    order = {p.pk: i for i, p in enumerate(programs)}
    field_order = {p.field.code: p.field.order for p in programs}
    return OutcomesSummary(
        filters=filters, periods=ordered, totals=totals, history_totals=history_totals,
        tracked_totals=tracked, reports=n_reports,
        by_program=[groups[k] for k in sorted(groups, key=order.get)],
        by_field=sorted(fields.values(), key=lambda g: field_order[g.code]), history_outside=outside,
    )  # fmt: skip


def summary_json(summary: OutcomesSummary) -> dict:
    """The API body (also what the Excel export is checked against)."""
    f = summary.filters
    return {
        "from": f.first_year, "to": f.last_year,
        "program": f.program.code if f.program else None,
        "field": f.field.code if f.field else None,
        "unit_money": "million KRW", "rounding": ROUNDING,
        "history": {
            "included": f.history_included, "note_ko": HISTORY_NOTE["ko"],
            "note_en": HISTORY_NOTE["en"], "blocks_outside_range": summary.history_outside,
            "totals": summary.history_totals.as_dict() if summary.history_totals else None,
        },
        "reports": {"status": ReportStatus.ACCEPTED.value, "count": summary.reports,
                    "totals": summary.tracked_totals.as_dict(),
                    "tracked_krw": dict(summary.tracked_totals.won)},
        "totals": summary.totals.as_dict(),
        "rows": [
            {"first_year": p.first_year, "last_year": p.last_year, "history": p.history,
             "accepted_reports": p.reports, "figures": p.figures.as_dict(),
             "cumulative": p.cumulative.as_dict()}
            for p in summary.periods
        ],
    }  # fmt: skip
