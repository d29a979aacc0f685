"""Excel export of the investor-relations list (XlsxWriter)."""

from __future__ import annotations

import io

import xlsxwriter

from agreements.domain.ir_list import IREntry
from config.spreadsheet import safe_cell, safe_row

HEADERS = (
    "반기 / Half", "순위 / Rank", "기관 / Company", "사업자등록번호 / Business no.",
    "과제 / Project", "사업 / Programme", "협약번호 / Agreement", "최종평가 점수 / Score",
    "등급 / Grade", "결정일 / Decided on",
)  # fmt: skip


def ir_workbook(*, year: int, halves: dict[int, list[IREntry]]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(f"IR {year}")
    bold = book.add_format({"bold": True})
    score = book.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, HEADERS, bold)
    row = 1
    for half in (1, 2):
        for entry in halves.get(half, []):
            rnd, agreement = entry.round, entry.round.agreement
            sheet.write_row(row, 0, safe_row((
                f"{year}-H{half}", entry.rank, agreement.lead_institution.name,
                agreement.lead_institution.business_no, agreement.application.title_ko or agreement.application.title_en,
                agreement.program.code, agreement.verify_code,
            )))  # fmt: skip
            sheet.write_number(row, 7, float(rnd.score), score)
            sheet.write_string(row, 8, safe_cell(str(rnd.decision_label)))
            sheet.write(row, 9, rnd.decided_at.date().isoformat())
            row += 1
    sheet.set_column(0, 9, 18)
    book.close()
    return out.getvalue()
