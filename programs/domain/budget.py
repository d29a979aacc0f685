"""Selectors for the officials' budget overview: totals are computed from the lines."""

from dataclasses import dataclass, field

from programs.domain.national_matching import listed_continuing, national_row
from programs.enums import BudgetLineKind, PrintedTotalScope
from programs.models import BudgetLine, Field, PrintedTotal


@dataclass
class Row:
    key: str
    name: str
    field: str = ""
    amount_million_krw: int = 0
    continuing: int = 0
    new: int = 0
    printed_amount_million_krw: int | None = None
    printed_continuing: int | None = None
    printed_new: int | None = None

    @property
    def mismatch(self) -> bool:
        if self.printed_amount_million_krw is None:
            return False
        return (self.printed_amount_million_krw, self.printed_continuing or 0, self.printed_new or 0) != (
            self.amount_million_krw, self.continuing, self.new,
        )  # fmt: skip


@dataclass
class BudgetSummary:
    year: int
    by_program: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    project_total_million_krw: int = 0
    operating_million_krw: int = 0
    joint_operating_million_krw: int = 0
    total_million_krw: int = 0
    total_continuing: int = 0
    total_new: int = 0
    printed_total_million_krw: int | None = None
    printed_continuing: int | None = None
    printed_new: int | None = None
    national_city_million_krw: int = 0
    national_national_million_krw: int = 0
    printed_national_city_million_krw: int | None = None
    printed_national_national_million_krw: int | None = None
    national_rows: list = field(default_factory=list)  # with continuing counts (national_matching)
    # prize money outside the budget table, per programme (flow ``challenge.prize_budget_krw``,
    # e.g. R09 2021: 기타보상금 700백만원 별도); never part of the totals above
    prize_rows: list = field(default_factory=list)

    @property
    def prize_million_krw(self) -> int:
        return sum(r["amount_million_krw"] for r in self.prize_rows)

    @property
    def total_mismatch(self) -> bool:
        return self.printed_total_million_krw is not None and (
            self.printed_total_million_krw != self.total_million_krw
            or (self.printed_continuing or 0) != self.total_continuing
            or (self.printed_new or 0) != self.total_new
        )

    @property
    def national_mismatch(self) -> bool:
        return self.printed_national_city_million_krw is not None and (
            self.printed_national_city_million_krw != self.national_city_million_krw
            or self.printed_national_national_million_krw != self.national_national_million_krw
        )

    @property
    def grand_total_with_matching_million_krw(self) -> int:
        return self.total_million_krw + self.national_city_million_krw

    @property
    def national_continuing(self) -> int:
        """Continuing national-matching projects: the plan's listed rows (R16: 19 in 2021), else
        the counts printed on the national-matching lines."""
        return sum(r["continuing"] or 0 for r in self.national_rows)

    @property
    def all_continuing(self) -> int:
        """Every continuing project of the year: the city programmes' and the national-matching."""
        return self.total_continuing + self.national_continuing

    @property
    def continuing_rows(self) -> list[dict]:
        """Per programme (and national-matching line) with continuing projects: the count next to
        the amounts (million KRW); national-matching lines give the city and national amounts."""
        rows = [
            {"code": r.key, "name": r.name, "kind": "programme", "continuing": r.continuing,
             "amount_million_krw": r.amount_million_krw, "national_million_krw": None,
             "listed": False}
            for r in self.by_program if r.continuing
        ]  # fmt: skip
        rows += [
            {"code": m["code"], "name": m["name"], "kind": "national_matching",
             "continuing": m["continuing"], "amount_million_krw": m["city_million_krw"],
             "national_million_krw": m["national_million_krw"], "listed": m["listed"]}
            for m in self.national_rows if m["continuing"]
        ]  # fmt: skip
        return rows

    @property
    def mismatches(self) -> list[str]:
        out = [r.name for r in self.by_field if r.mismatch]
        if self.total_mismatch:
            out.append("total")
        if self.national_mismatch:
            out.append("national")
        return out


def available_years() -> list[int]:
    return sorted(set(BudgetLine.objects.values_list("year", flat=True)))


def budget_summary(*, year: int) -> BudgetSummary:
    """Budget by programme and by field for one year, with the seed's printed totals beside them."""
    summary = BudgetSummary(year=year)
    lines = list(
        BudgetLine.objects.filter(year=year)
        .select_related("program__field")
        .annotate(listed_continuing=listed_continuing(year=year))
        .order_by("program__order", "id")
    )
    printed = list(PrintedTotal.objects.filter(year=year).select_related("field"))
    fields = {f.pk: Row(key=f.code, name=f.name) for f in Field.objects.all()}
    for line in lines:
        if line.kind == BudgetLineKind.PROGRAMME:
            program = line.program
            row = Row(
                key=program.code, name=program.name, field=program.field.name,
                amount_million_krw=line.amount_million_krw,
                continuing=line.continuing or 0, new=line.new or 0,
            )  # fmt: skip
            summary.by_program.append(row)
            frow = fields[program.field_id]
            frow.amount_million_krw += row.amount_million_krw
            frow.continuing += row.continuing
            frow.new += row.new
            summary.project_total_million_krw += row.amount_million_krw
            summary.total_continuing += row.continuing
            summary.total_new += row.new
        elif line.kind == BudgetLineKind.OPERATING:
            summary.operating_million_krw += line.amount_million_krw
        elif line.kind == BudgetLineKind.JOINT_OPERATING:
            summary.joint_operating_million_krw += line.amount_million_krw
        elif line.kind == BudgetLineKind.NATIONAL_MATCHING:
            summary.national_city_million_krw += line.amount_million_krw
            summary.national_national_million_krw += line.national_million_krw
            summary.national_rows.append(national_row(line))
    summary.total_million_krw = (
        summary.project_total_million_krw
        + summary.operating_million_krw
        + summary.joint_operating_million_krw
    )
    field_by_pk = {pk: row for pk, row in fields.items()}
    for p in printed:
        if p.scope == PrintedTotalScope.CITY_GRAND_TOTAL:
            summary.printed_total_million_krw = p.amount_million_krw
            summary.printed_continuing, summary.printed_new = p.continuing, p.new
        elif p.scope == PrintedTotalScope.FIELD_SUBTOTAL and p.field_id in field_by_pk:
            row = field_by_pk[p.field_id]
            row.printed_amount_million_krw = p.amount_million_krw
            row.printed_continuing, row.printed_new = p.continuing, p.new
        elif p.scope == PrintedTotalScope.NATIONAL_MATCHING_TOTAL:
            summary.printed_national_city_million_krw = p.amount_million_krw
            summary.printed_national_national_million_krw = p.national_million_krw
    summary.by_field = [
        r for r in fields.values() if r.amount_million_krw or r.printed_amount_million_krw
    ]
    summary.prize_rows = prize_budget_rows(
        year=year, programs=[line.program for line in lines if line.program_id]
    )
    return summary


def prize_budget_rows(*, year: int, programs) -> list[dict]:
    """The programmes' prize money of the year paid outside the project budget (flow data), for
    the programmes of the year's budget lines (already loaded: no query)."""
    rows, seen = [], set()
    for program in programs:
        if program.pk in seen:
            continue
        seen.add(program.pk)
        budget = ((program.flow or {}).get("challenge") or {}).get("prize_budget_krw") or {}
        amount = budget.get(str(year))
        if amount:
            rows.append({"code": program.code, "name": program.name,
                         "amount_million_krw": int(amount) // 1_000_000})  # fmt: skip
    return rows
