"""The agreement (협약서) as a Korean PDF rendered with WeasyPrint from a version's snapshot.

The PDF is made only from the snapshot, so a version's PDF always shows what the version froze:
parties, period, per year the city grant, institution cash and in-kind by institution and budget
category, totals, the terms, and — where the committee adjusted the grant — the difference from
the applied plan.
"""

from django.template.loader import render_to_string

from applications.enums import BudgetCategory
from config.pdf import PDF_FONT_FAMILY, font_face_css


def _category_label(code: str) -> str:
    try:
        return str(BudgetCategory(code).label)
    except ValueError:
        return code


def _money_row(row: dict) -> dict:
    city, cash, inkind = (
        row["city_grant_krw"],
        row["institution_cash_krw"],
        row["institution_inkind_krw"],
    )
    return {"city": city, "cash": cash, "inkind": inkind, "total": city + cash + inkind}


def pdf_context(snapshot: dict, reason: str = "") -> dict:
    years = []
    for year in snapshot["years"]:
        lines = [
            {
                "institution": line["institution"],
                "category": _category_label(line["category"]),
                **_money_row(line),
            }  # fmt: skip
            for line in year["lines"]
        ]
        years.append({**year, "rows": lines, "sum": _money_row(year),
                      "difference": year["city_grant_krw"] - year["applied_city_grant_krw"]})  # fmt: skip
    totals = _money_row(snapshot)
    adjusted = snapshot["city_grant_krw"] != snapshot["applied_city_grant_krw"]
    return {
        "s": snapshot, "years": years, "totals": totals, "adjusted": adjusted,
        "adjustment": snapshot["city_grant_krw"] - snapshot["applied_city_grant_krw"],
        "terms": [p for p in snapshot["terms"].splitlines() if p.strip()],
        "reason": reason, "font_faces": font_face_css(), "font_family": PDF_FONT_FAMILY,
    }  # fmt: skip


def render_agreement_pdf(*, snapshot: dict, reason: str = "") -> bytes:
    """PDF bytes of the agreement version described by `snapshot`."""
    from weasyprint import HTML

    html = render_to_string("agreements/core/agreement_pdf.html", pdf_context(snapshot, reason))
    return HTML(string=html).write_pdf()
