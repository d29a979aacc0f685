"""The city's printed R&D support record (seed 000): loading it and reading it back with totals.

`load_history()` is idempotent (run twice, nothing changes). `history_record()` returns every table
with its rows, the totals computed from the rows, the totals printed in the seed, and the places
where the two disagree (three queries whatever the number of years).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum

from tracking.data import history as data
from tracking.models import HistoryTable, HistoryYear, PrintedHistoryTotal

SOURCE = "seed 000 · 참고: '20년 R&D 지원 추진 결과"

COLUMNS: dict[str, list[str]] = {
    HistoryTable.SUPPORT: ["projects", "projects_new", "projects_continuing", "amount_million_krw"],
    HistoryTable.COMMERCIALISATION: [
        "sales_million_krw", "cost_savings_million_krw", "hires", "hires_research",
        "hires_production", "hires_other",
    ],
    HistoryTable.RESEARCH: [
        "papers_general", "papers_sci", "talks", "patents_filed", "patents_registered",
        "transfers", "transfer_value_million_krw", "awards_certifications",
    ],
    HistoryTable.MATCHING: [
        "projects", "amount_million_krw", "projects_new", "amount_new_million_krw",
        "projects_continuing", "amount_continuing_million_krw",
    ],
}  # fmt: skip
# A row's printed total column and the columns it is the sum of.
ROW_SUMS: dict[str, list[tuple[str, list[str]]]] = {
    HistoryTable.SUPPORT: [("projects", ["projects_new", "projects_continuing"])],
    HistoryTable.COMMERCIALISATION: [
        ("hires", ["hires_research", "hires_production", "hires_other"])
    ],
    HistoryTable.RESEARCH: [],
    HistoryTable.MATCHING: [
        ("projects", ["projects_new", "projects_continuing"]),
        ("amount_million_krw", ["amount_new_million_krw", "amount_continuing_million_krw"]),
    ],
}
CUMULATIVE: dict[str, list[str]] = {
    HistoryTable.SUPPORT: ["projects", "amount_million_krw"],
    HistoryTable.COMMERCIALISATION: ["sales_million_krw", "hires"],
    HistoryTable.RESEARCH: ["patents_filed", "patents_registered"],
    HistoryTable.MATCHING: ["projects", "amount_million_krw"],
}
UNITS = {
    HistoryTable.SUPPORT: "count, million KRW",
    HistoryTable.COMMERCIALISATION: "persons, million KRW",
    HistoryTable.RESEARCH: "count, million KRW",
    HistoryTable.MATCHING: "count, million KRW",
}
ALL_FIGURES = sorted({c for cols in COLUMNS.values() for c in cols})


def _figures(table: str, row: tuple) -> tuple[dict, dict]:
    first, last, *values = row
    keys = COLUMNS[table]  # in the order the seed prints them (see tracking/data/history.py)
    return {"table": table, "first_year": first}, {
        "last_year": last, **dict(zip(keys, values, strict=True)), "source": SOURCE,
    }  # fmt: skip


_TABLES = [
    (HistoryTable.SUPPORT, data.SUPPORT, data.SUPPORT_PRINTED_TOTAL),
    (HistoryTable.COMMERCIALISATION, data.COMMERCIALISATION, data.COMMERCIALISATION_PRINTED_TOTAL),
    (HistoryTable.RESEARCH, data.RESEARCH, data.RESEARCH_PRINTED_TOTAL),
    (HistoryTable.MATCHING, data.MATCHING, data.MATCHING_PRINTED_TOTAL),
]


@transaction.atomic
def load_history() -> dict[str, int]:
    """Create or update the seed's history rows and printed totals. Returns the changed counts."""
    changed = {"history_rows": 0, "printed_history_totals": 0}
    for table, rows, printed in _TABLES:
        for row in rows:
            lookup, values = _figures(table, row)
            changed["history_rows"] += _upsert(HistoryYear, lookup, values)
        lookup, values = _figures(table, printed)
        values["first_year"] = lookup.pop("first_year")
        changed["printed_history_totals"] += _upsert(PrintedHistoryTotal, lookup, values)
    return changed


def _upsert(model, lookup: dict, values: dict) -> int:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return 1
    dirty = [k for k, v in values.items() if getattr(obj, k) != v]
    for key in dirty:
        setattr(obj, key, values[key])
    if dirty:
        obj.save(update_fields=dirty)
    return int(bool(dirty))


@dataclass
class Mismatch:
    column: str
    printed: int
    computed: int
    where: str  # "total": the printed total row vs the sum of the rows; "row": a row's own parts


@dataclass
class HistoryRow:
    first_year: int
    last_year: int
    values: dict[str, int | None]
    cumulative: dict[str, int] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def period(self) -> str:
        if not self.first_year:
            return "-"
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    def cells(self, columns: list[str]) -> list[tuple[str, int | None, Mismatch | None]]:
        marks = {m.column: m for m in self.mismatches}
        return [(c, self.values.get(c), marks.get(c)) for c in columns]


@dataclass
class HistoryTableView:
    table: str
    label: str
    columns: list[str]
    rows: list[HistoryRow]
    computed: HistoryRow
    printed: HistoryRow | None
    cumulative_columns: list[str]

    @property
    def mismatches(self) -> list[Mismatch]:
        found = [m for r in self.rows for m in r.mismatches]
        found += self.printed.mismatches if self.printed else []
        return found

    @staticmethod
    def column_label(key: str) -> str:
        return str(HistoryYear._meta.get_field(key).verbose_name)

    @property
    def headers(self) -> list[tuple[str, str]]:
        return [(c, self.column_label(c)) for c in self.columns]

    @property
    def cumulative_headers(self) -> list[tuple[str, str]]:
        return [(c, self.column_label(c)) for c in self.cumulative_columns]

    @property
    def body(self) -> list[tuple[HistoryRow, list]]:
        return [(r, r.cells(self.columns), list(r.cumulative.values())) for r in self.rows]

    @property
    def computed_cells(self) -> list:
        return self.computed.cells(self.columns)

    @property
    def printed_cells(self) -> list:
        return self.printed.cells(self.columns) if self.printed else []

    @property
    def notes(self) -> list[tuple[str, str, Mismatch]]:
        """(period, column label, mismatch) for each disagreement, for the notice above the table."""
        rows = [*self.rows, *([self.printed] if self.printed else [])]
        return [(r.period, self.column_label(m.column), m) for r in rows for m in r.mismatches]


def _row_checks(table: str, row: HistoryRow) -> None:
    for total, parts in ROW_SUMS[table]:
        printed = row.values.get(total)
        if printed is None or any(row.values.get(p) is None for p in parts):
            continue
        computed = sum(row.values[p] for p in parts)
        if computed != printed:
            row.mismatches.append(Mismatch(total, printed, computed, "row"))


def history_record() -> list[HistoryTableView]:
    """Every seed table with rows, running totals, computed and printed totals, and mismatches."""
    by_table: dict[str, list[HistoryRow]] = {t: [] for t in HistoryTable.values}
    for obj in HistoryYear.objects.order_by("table", "first_year"):
        values = {c: getattr(obj, c) for c in COLUMNS[obj.table]}
        by_table[obj.table].append(HistoryRow(obj.first_year, obj.last_year, values))
    printed = {p.table: p for p in PrintedHistoryTotal.objects.all()}
    sums = {
        s.pop("table"): s
        for s in HistoryYear.objects.order_by()
        .values("table")
        .annotate(**{f"sum_{c}": Sum(c) for c in ALL_FIGURES})
    }
    views = []
    for table in HistoryTable:
        rows, columns = by_table[table.value], COLUMNS[table.value]
        running = dict.fromkeys(CUMULATIVE[table.value], 0)
        for row in rows:
            _row_checks(table.value, row)
            for c in running:
                running[c] += row.values.get(c) or 0
            row.cumulative = dict(running)
        agg = sums.get(table.value, {})
        computed = HistoryRow(
            rows[0].first_year if rows else 0,
            rows[-1].last_year if rows else 0,
            {c: agg.get(f"sum_{c}") for c in columns},
        )
        printed_row = None
        if (p := printed.get(table.value)) is not None:
            printed_row = HistoryRow(p.first_year, p.last_year, {c: getattr(p, c) for c in columns})
            _row_checks(table.value, printed_row)
            for c in columns:
                pv, cv = printed_row.values[c], computed.values[c]
                if pv is not None and pv != cv:
                    printed_row.mismatches.append(Mismatch(c, pv, cv or 0, "total"))
        views.append(
            HistoryTableView(table.value, str(table.label), columns, rows, computed, printed_row,
                             CUMULATIVE[table.value])
        )  # fmt: skip
    return views
