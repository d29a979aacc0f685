"""Loading and reading the continuing national-matching projects (seed 000 Ⅳ-⑯; idempotent)."""

import calendar
import datetime as dt

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery

from programs.data import national_matching as data
from programs.models import BudgetLine, ContinuingNationalProject, Program


def _first(ym) -> dt.date:
    return dt.date(ym[0], ym[1], 1)


def _last(ym) -> dt.date:
    return dt.date(ym[0], ym[1], calendar.monthrange(ym[0], ym[1])[1])


@transaction.atomic
def load_continuing_projects() -> dict[str, int]:
    """Create or update the rows of the 2021 table (R16). Returns {"continuing_projects": changed}."""
    program = Program.objects.filter(flow__has_key="national_matching").order_by("order").first()
    if program is None:
        return {"continuing_projects": 0}
    changed = 0
    for row_no, (sel, ministry, name, start, end) in enumerate(data.CONTINUING_2021, start=1):
        values = {
            "program": program, "selection_year": sel, "ministry": ministry,
            "national_programme": name, "starts_on": _first(start),
            "ends_on": _last(end) if end else None,
        }  # fmt: skip
        obj, created = ContinuingNationalProject.objects.get_or_create(
            plan_year=data.PLAN_YEAR, row_no=row_no, defaults=values
        )
        if created:
            changed += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            changed += 1
    stale = ContinuingNationalProject.objects.filter(
        plan_year=data.PLAN_YEAR, row_no__gt=len(data.CONTINUING_2021)
    ).delete()[0]
    return {"continuing_projects": changed + stale}


def continuing_counts(*, year: int) -> dict[str, int]:
    """Programme code → number of continuing national-matching projects listed for `year`."""
    counts: dict[str, int] = {}
    for code in ContinuingNationalProject.objects.filter(plan_year=year).values_list(
        "program__code", flat=True
    ):
        counts[code] = counts.get(code, 0) + 1
    return counts


def listed_continuing(*, year: int) -> Subquery:
    """For BudgetLine rows: how many continuing projects the plan lists for the line's programme."""
    return Subquery(
        ContinuingNationalProject.objects.filter(plan_year=year, program_id=OuterRef("program_id"))
        .order_by()
        .values("program_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def national_row(line) -> dict:
    """One national-matching budget line (annotated with ``listed_continuing``) for the overview:
    the continuing count from the listed rows when the plan lists them, else as printed."""
    listed = getattr(line, "listed_continuing", None)
    return {
        "label": line.label, "code": line.program.code if line.program_id else "",
        "name": line.program.name if line.program_id else line.label,
        "continuing": listed if listed is not None else (line.continuing or 0),
        "listed": listed is not None, "printed_continuing": line.continuing, "new": line.new or 0,
        "city_million_krw": line.amount_million_krw, "national_million_krw": line.national_million_krw,
    }  # fmt: skip


def matching_overview(*, year: int) -> list[dict]:
    """Every national-matching budget line of `year` with its continuing-project count (one query)."""
    lines = (
        BudgetLine.objects.filter(year=year, kind="national_matching")
        .select_related("program")
        .annotate(listed_continuing=listed_continuing(year=year))
        .order_by("id")
    )
    return [national_row(line) for line in lines]
