"""Excel export of the budget overview (openpyxl)."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from config.spreadsheet import append_row
from programs.domain.budget import BudgetSummary

_MISMATCH = PatternFill("solid", fgColor="FFE0E0")


def budget_workbook(summaries: list[BudgetSummary]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for s in summaries:
        ws = wb.create_sheet(str(s.year))
        append_row(ws, [_("Budget by programme, %(year)s (million KRW)") % {"year": s.year}])
        ws["A1"].font = Font(bold=True)
        append_row(
            ws, [_("Code"), _("Programme"), _("Field"), _("Continuing"), _("New"), _("Amount")]
        )
        for r in s.by_program:
            append_row(ws, [r.key, r.name, r.field, r.continuing, r.new, r.amount_million_krw])
        append_row(ws, [])
        append_row(
            ws,
            [
                _("Field"),
                _("Continuing"),
                _("New"),
                _("Amount (computed)"),
                _("Amount (printed)"),
                _("Mismatch"),
            ],
        )
        for r in s.by_field:
            append_row(ws, [r.name, r.continuing, r.new, r.amount_million_krw,
                            r.printed_amount_million_krw, _("yes") if r.mismatch else ""])  # fmt: skip
            if r.mismatch:
                for cell in ws[ws.max_row]:
                    cell.fill = _MISMATCH
        append_row(ws, [])
        append_row(ws, [_("Project budget"), s.project_total_million_krw])
        append_row(ws, [_("Operating cost"), s.operating_million_krw])
        append_row(ws, [_("Joint-cooperation operating cost"), s.joint_operating_million_krw])
        append_row(ws, [_("Total (computed)"), s.total_million_krw])
        append_row(ws, [_("Total (printed in the plan)"), s.printed_total_million_krw])
        if s.total_mismatch:
            append_row(ws, [_("The printed total disagrees with the sum of its lines"),
                            (s.printed_total_million_krw or 0) - s.total_million_krw])  # fmt: skip
            for cell in ws[ws.max_row]:
                cell.fill = _MISMATCH
        append_row(ws, [_("National matching: city"), s.national_city_million_krw])
        append_row(ws, [_("National matching: national"), s.national_national_million_krw])
        append_row(ws, [_("Total with matching funds"), s.grand_total_with_matching_million_krw])
        ws.column_dimensions["B"].width = 50
    return wb


def budget_workbook_response(summaries: list[BudgetSummary]) -> HttpResponse:
    buf = BytesIO()
    budget_workbook(summaries).save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="budget-overview.xlsx"'
    return response
