"""The bank-transfer file of an approved payment batch (CSV and Excel, XlsxWriter).

One row per instalment: institution name, business registration number, amount (integer won) and
the transfer reference (적요: batch reference / agreement code-year). The CSV is UTF-8 with a BOM
so spreadsheet programs read Hangul; every text cell goes through config.spreadsheet.safe_cell.
"""

import csv
import io

import xlsxwriter

from config.spreadsheet import safe_row

HEADERS = [
    "기관명 Institution", "사업자등록번호 Business no.", "금액(원) Amount (KRW)",
    "적요 Reference", "협약 Agreement", "연차 Year",
]  # fmt: skip


def transfer_rows(*, batch, instalments) -> list[list]:
    return [
        safe_row([
            i.agreement.lead_institution.name, i.agreement.lead_institution.business_no,
            int(i.amount_krw), f"{batch.reference}/{i.transfer_reference}",
            i.agreement.verify_code, i.year_no,
        ])
        for i in instalments
    ]  # fmt: skip


def transfer_csv(*, batch, instalments) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(safe_row(HEADERS))
    writer.writerows(transfer_rows(batch=batch, instalments=instalments))
    total = sum(int(i.amount_krw) for i in instalments)
    writer.writerow(safe_row(["합계 Total", "", total, batch.reference, "", ""]))
    return buf.getvalue().encode("utf-8-sig")


def transfer_xlsx(*, batch, instalments) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("transfer")
    bold = wb.add_format({"bold": True})
    money = wb.add_format({"num_format": "#,##0"})
    ws.write_row(0, 0, safe_row(HEADERS), bold)
    rows = transfer_rows(batch=batch, instalments=instalments)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
        ws.write_number(r, 2, row[2], money)
    total = sum(int(i.amount_krw) for i in instalments)
    ws.write_row(len(rows) + 1, 0, safe_row(["합계 Total", "", "", batch.reference]), bold)
    ws.write_number(len(rows) + 1, 2, total, money)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 5, 20)
    ws.freeze_panes(1, 0)
    wb.close()
    return out.getvalue()
