"""Excel exports of the money dashboard (XlsxWriter), one workbook per level, with the same
figures as the page and the API (tracking.domain.money_dashboard), to the won. Text cells go through
config.spreadsheet.safe_row / safe_cell."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from django.http import HttpResponse

from agreements.enums import LedgerKind
from config.spreadsheet import safe_cell, safe_row
from tracking.domain.money_dashboard import COHORT_NAMES, FIGURE_NAMES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FIGURE_HEADERS = {
    "budget_krw": "예산(원) Budget (KRW)",
    "envelope_krw": "공고 예산(원) Call envelope (KRW)",
    "slots": "선정 예정 과제 수 Slots",
    "submitted": "접수 과제 수 Submitted applications",
    "requested_krw": "신청 시지원금(원) Requested (KRW)",
    "competition_ratio": "경쟁률 Competition ratio",
    "agreements": "협약 과제 수 Agreements",
    "committed_krw": "협약 시지원금(원) Committed (KRW)",
    "paid_krw": "지급액(원) Paid (KRW)",
    "used_krw": "인정 집행액(원) Used (KRW)",
    "unspent_returned_krw": "잔액 반납(원) Unspent returned (KRW)",
    "recovered_krw": "환수 납부(원) Recovered (KRW)",
    "royalty_billed_krw": "기술료 부과(원) Royalty billed (KRW)",
    "royalty_paid_krw": "기술료 납부(원) Royalty paid (KRW)",
    "prize_paid_krw": "시상금 지급(원, 사업비 외) Prizes paid (KRW, outside the project budget)",
}
LEVEL_TITLES = {
    "city": "서울시 전체 (분야별) City, by field",
    "field": "분야 (단위사업별) Field, by programme",
    "program": "단위사업 (공고별) Programme, by call",
    "call": "공고 (과제별) Call, by project",
}
HEADERS = ["코드 Code", "이름 Name"] + [FIGURE_HEADERS[n] for n in FIGURE_NAMES]
COHORT = set(COHORT_NAMES)  # left empty for a call of another year than the filter


def _response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _write_figures(ws, r: int, fig, fmt: dict, bold=None) -> None:
    ws.write_row(r, 0, safe_row([fig.code, fig.name_ko]), bold)
    for c, name in enumerate(FIGURE_NAMES, start=2):
        value = getattr(fig, name)
        if value is None or (name in COHORT and not fig.cohort):
            ws.write_blank(r, c, None)
        elif name == "competition_ratio":
            ws.write_number(r, c, value, fmt["ratio"])
        else:
            ws.write_number(r, c, int(value), fmt["won"])


def _formats(wb) -> dict:
    return {"bold": wb.add_format({"bold": True}), "won": wb.add_format({"num_format": "#,##0"}),
            "ratio": wb.add_format({"num_format": "0.00"})}  # fmt: skip


def _scope_label(dash) -> str:
    scope = dash.field or dash.program or dash.call
    if scope is None:
        return "서울특별시 Seoul"
    code = getattr(scope, "code", scope.pk)
    return f"{code} {getattr(scope, 'name_ko', None) or scope.title}"


def dashboard_workbook(dash) -> bytes:
    """Sheet "dashboard": A1 the level, A2 the year; headers on row 4 (index 3), one row per child
    from index 4, then the total row."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    fmt = _formats(wb)
    ws = wb.add_worksheet("dashboard")
    ws.write_row(0, 0, safe_row([LEVEL_TITLES[dash.level], _scope_label(dash)]), fmt["bold"])
    ws.write_row(1, 0, safe_row(["연도 Year", dash.year]))
    ws.write_row(3, 0, safe_row(HEADERS), fmt["bold"])
    r = 3
    for r, fig in enumerate(dash.rows, start=4):
        _write_figures(ws, r, fig, fmt)
    _write_figures(ws, r + 1, dash.total, fmt, fmt["bold"])
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 40)
    ws.set_column(2, len(HEADERS), 18)
    ws.freeze_panes(4, 2)
    wb.close()
    return out.getvalue()


def dashboard_response(dash) -> HttpResponse:
    scope = dash.level if dash.level == "city" else f"{dash.level}-{_key(dash)}"
    return _response(dashboard_workbook(dash), f"money-dashboard-{scope}-{dash.year}.xlsx")


def _key(dash) -> str:
    if dash.field is not None:
        return dash.field.code
    if dash.program is not None:
        return dash.program.code
    return str(dash.call.pk)


LEDGER_HEADERS = ["일자 Date", "구분 Kind", "연차 Year", "기관 Institution", "금액(원) Amount (KRW)",
                  "참조 Reference", "비고 Note"]  # fmt: skip


def project_workbook(proj) -> bytes:
    """Sheet "project": the project's figures (headers row index 3, figures row index 4); sheet
    "ledger": its ledger rows of the fiscal year."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    fmt = _formats(wb)
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("project")
    ws.write_row(0, 0, safe_row(["과제 Project", proj.agreement.verify_code]), fmt["bold"])
    ws.write_row(1, 0, safe_row(["회계연도 Fiscal year", proj.year]))
    ws.write_row(3, 0, safe_row(HEADERS), fmt["bold"])
    _write_figures(ws, 4, proj.figures, fmt)
    ws.set_column(0, len(HEADERS), 18)
    ledger = wb.add_worksheet("ledger")
    ledger.write_row(0, 0, safe_row(LEDGER_HEADERS), fmt["bold"])
    for r, e in enumerate(proj.entries, start=1):
        ledger.write_datetime(r, 0, dt.datetime(e.occurred_on.year, e.occurred_on.month,
                                                e.occurred_on.day), date)  # fmt: skip
        ledger.write_row(r, 1, safe_row([str(LedgerKind(e.kind).label), e.year_no or "",
                                         e.institution.name if e.institution_id else ""]))  # fmt: skip
        ledger.write_number(r, 4, int(e.amount_krw), fmt["won"])
        ledger.write_string(r, 5, safe_cell(e.reference))
        ledger.write_string(r, 6, safe_cell(e.note))
    ledger.set_column(0, 6, 20)
    wb.close()
    return out.getvalue()


def project_response(proj) -> HttpResponse:
    name = f"money-project-{proj.agreement.verify_code}-{proj.year}.xlsx"
    return _response(project_workbook(proj), name)
