"""Selector of Testbed Seoul follow-up outcomes for the tracking dashboards (read-only).

``testbed_outcomes_summary()`` returns the company rows, their totals (public procurement KRW,
investment KRW, exports USD, MOUs) and the seed's printed table (seed 000 Ⅳ-⑧) with a flag when its
printed total disagrees with its groups (38 companies printed vs 12 + 27). Two queries.
"""

from django.db.models import Count, Sum

from tracking.models import TestbedOutcome

FIGURES = ("procurement_krw", "investment_krw", "exports_usd", "mou_count")


def testbed_outcomes_summary(*, institution=None) -> dict:
    companies = TestbedOutcome.objects.filter(institution__isnull=False).select_related(
        "institution"
    )
    if institution is not None:
        companies = companies.filter(institution=institution)
    rows = list(companies.order_by("-year", "institution__name"))
    totals = {f: sum(getattr(r, f) for r in rows) for f in FIGURES}
    totals["companies"] = len({r.institution_id for r in rows})
    printed = (
        []
        if institution is not None
        else list(
            TestbedOutcome.objects.filter(institution__isnull=True).order_by(
                "is_printed_total", "id"
            )
        )
    )
    groups = [r for r in printed if not r.is_printed_total]
    total_row = next((r for r in printed if r.is_printed_total), None)
    mismatches = []
    if total_row is not None and groups:
        for f in (*FIGURES, "company_count"):
            summed = sum(getattr(r, f) or 0 for r in groups)
            if summed != (getattr(total_row, f) or 0):
                mismatches.append({"field": f, "printed": getattr(total_row, f), "summed": summed})
    return {"rows": rows, "totals": totals, "printed": printed, "printed_mismatches": mismatches}


def testbed_outcomes_by_year() -> list[dict]:
    """Company rows summed per year (for charts)."""
    return list(
        TestbedOutcome.objects.filter(institution__isnull=False).values("year")
        .annotate(companies=Count("institution", distinct=True),
                  **{f: Sum(f) for f in FIGURES}).order_by("year")
    )  # fmt: skip
