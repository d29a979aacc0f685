"""Excel exports of money (XlsxWriter): an agreement's ledger and the programme-year summary.

Both read the same selectors as the pages and the API (agreements.domain.money_summary), so the
figures agree to the won. Text cells go through config.spreadsheet.safe_row / safe_cell.
"""

import io

import xlsxwriter
from django.http import HttpResponse

from agreements.domain.money_summary import KINDS, Money
from agreements.enums import LedgerKind
from config.spreadsheet import safe_cell, safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LEDGER_HEADERS = [
    "일자 Date", "구분 Kind", "연차 Year", "비목 Category", "기관 Institution",
    "금액(원) Amount (KRW)", "참조 Reference", "비고 Note",
]  # fmt: skip

SUMMARY_FIELDS = [
    ("paid", "지급액 Paid"), ("cash", "현금 입금 Cash deposited"), ("executed", "집행액 Executed"),
    ("disallowed", "불인정 Disallowed"), ("used", "인정 집행 Used"),
    ("unspent_returned", "잔액 반납 Unspent returned"), ("recovery_paid", "환수 납부 Recovery paid"),
    ("recovery_outstanding", "환수 미납 Recovery outstanding"),
    ("royalty_outstanding", "기술료 미납 Royalty outstanding"),
    ("penalty_outstanding", "제재부가금 미납 Penalty outstanding"),
    ("balance", "계좌 잔액 Account balance"), ("grant_open", "미정산 시지원금 Grant open"),
    ("prize_paid", "시상금 지급(사업비 외) Prizes paid (outside the project budget)"),
]  # fmt: skip


def _kind_label(kind: str) -> str:
    try:
        return str(LedgerKind(kind).label)
    except ValueError:
        return kind


def _response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ledger_workbook(*, agreement, rows, money: Money) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    bold, won = wb.add_format({"bold": True}), wb.add_format({"num_format": "#,##0"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("ledger")
    ws.write_row(0, 0, safe_row(LEDGER_HEADERS), bold)
    r = 0
    for r, e in enumerate(rows, start=1):
        ws.write_datetime(r, 0, _as_datetime(e.occurred_on), date)
        ws.write_row(r, 1, safe_row([
            _kind_label(e.kind), e.year_no or "", e.get_category_display() if e.category else "",
            e.institution.name if e.institution_id else "",
        ]))  # fmt: skip
        ws.write_number(r, 5, int(e.amount_krw), won)
        ws.write_string(r, 6, safe_cell(e.reference))
        ws.write_string(r, 7, safe_cell(e.note))
    ws.set_column(0, 0, 12)
    ws.set_column(1, 7, 22)
    ws.freeze_panes(1, 0)
    summary = wb.add_worksheet("summary")
    summary.write_row(0, 0, safe_row(["협약 Agreement", agreement.verify_code]), bold)
    line = 2
    summary.write_row(line, 0, safe_row(["구분 Kind", "금액(원) Amount (KRW)"]), bold)
    for kind in KINDS:
        line += 1
        summary.write_string(line, 0, safe_cell(_kind_label(kind)))
        summary.write_number(line, 1, money.k(kind), won)
    line += 1
    for attr, label in SUMMARY_FIELDS:
        line += 1
        summary.write_string(line, 0, safe_cell(label), bold)
        summary.write_number(line, 1, getattr(money, attr), won)
    summary.set_column(0, 0, 34)
    summary.set_column(1, 1, 20)
    wb.close()
    return out.getvalue()


def ledger_response(*, agreement, rows, money: Money) -> HttpResponse:
    data = ledger_workbook(agreement=agreement, rows=rows, money=money)
    return _response(data, f"ledger-{agreement.verify_code}.xlsx")


SUMMARY_HEADERS = ["회계연도 Fiscal year", "단위사업 Programme", "사업명 Name"] + [
    label for _attr, label in SUMMARY_FIELDS
]


def summary_workbook(*, rows, city: Money) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    bold, won = wb.add_format({"bold": True}), wb.add_format({"num_format": "#,##0"})
    ws = wb.add_worksheet("programme-year")
    ws.write_row(0, 0, safe_row(SUMMARY_HEADERS), bold)
    r = 0
    for r, py in enumerate(rows, start=1):
        ws.write_row(r, 0, safe_row([py.fiscal_year, py.program_code, py.program_name_ko]))
        for c, (attr, _label) in enumerate(SUMMARY_FIELDS, start=3):
            ws.write_number(r, c, getattr(py.money, attr), won)
    ws.write_row(r + 1, 0, safe_row(["", "합계 City total", ""]), bold)
    for c, (attr, _label) in enumerate(SUMMARY_FIELDS, start=3):
        ws.write_number(r + 1, c, getattr(city, attr), won)
    ws.set_column(0, 2, 16)
    ws.set_column(3, len(SUMMARY_HEADERS), 18)
    ws.freeze_panes(1, 3)
    wb.close()
    return out.getvalue()


def summary_response(*, rows, city: Money, fiscal_year: int | None) -> HttpResponse:
    name = f"money-summary-{fiscal_year or 'all'}.xlsx"
    return _response(summary_workbook(rows=rows, city=city), name)


def _as_datetime(day):
    import datetime

    return datetime.datetime(day.year, day.month, day.day)
