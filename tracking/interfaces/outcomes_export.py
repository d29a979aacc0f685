"""Excel (XlsxWriter) and PDF (WeasyPrint, Pretendard GOV for Hangul) of the outcomes dashboard.

Both are made from the same OutcomesSummary as the page and the API, so they reproduce what is on
screen: the filters, the sources note, the totals, the figures per period with their running
totals, by programme and by field. Text cells go through config.spreadsheet.safe_row / safe_cell.
"""

from __future__ import annotations

import io

import xlsxwriter
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from config.pdf import PDF_FONT_FAMILY, font_face_css
from config.spreadsheet import safe_cell, safe_row
from tracking.domain.outcomes import HISTORY_NOTE, ROUNDING, OutcomesSummary

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Flat columns of Figures.flat(): key → (Korean, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "sales_million_krw": ("매출(백만원)", "Sales (million KRW)"),
    "cost_savings_million_krw": ("비용절감(백만원)", "Cost savings (million KRW)"),
    "hires_research": ("고용: 연구인력", "Hires: research"),
    "hires_production": ("고용: 생산인력", "Hires: production"),
    "hires_other": ("고용: 기타인력", "Hires: other"),
    "hires_total": ("신규고용 계", "Hires: total"),
    "papers_general": ("논문(일반)", "Papers (general)"),
    "papers_sci": ("논문(SCI)", "Papers (SCI)"),
    "talks": ("학술발표", "Conference talks"),
    "patents_filed": ("특허출원", "Patents filed"),
    "patents_registered": ("특허등록", "Patents registered"),
    "transfers": ("기술이전(건)", "Technology transfers"),
    "transfer_value_million_krw": ("기술이전 계약액(백만원)", "Transfer value (million KRW)"),
    "awards_certifications": ("수상·인증", "Awards and certifications"),
}


def column_labels() -> list[tuple[str, str]]:
    en = translation.get_language() == "en"
    return [(k, en and v[1] or v[0]) for k, v in COLUMNS.items()]


def _bilingual(key: str) -> str:
    ko, en = COLUMNS[key]
    return f"{ko} {en}"


def filter_lines(summary: OutcomesSummary) -> list[tuple[str, str]]:
    f = summary.filters
    return [
        ("기간 Years", f"{f.first_year}–{f.last_year}"),
        ("분야 Field", f"{f.field.name_ko} {f.field.name_en}" if f.field else "전체 All"),
        (
            "단위사업 Programme",
            f"{f.program.code} {f.program.name_ko}" if f.program else "전체 All",
        ),
        ("승인된 보고서 Accepted reports", f"{summary.reports:,}"),
        ("인쇄 실적 포함 Printed record included", "예 Yes" if f.history_included else "아니오 No"),
    ]


def workbook(*, summary: OutcomesSummary) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    bold, num = wb.add_format({"bold": True}), wb.add_format({"num_format": "#,##0"})
    keys = list(COLUMNS)

    ws = wb.add_worksheet("summary")
    for r, (label, value) in enumerate(filter_lines(summary)):
        ws.write_row(r, 0, safe_row([label, value]))
    line = len(filter_lines(summary)) + 1
    ws.write_string(line, 0, safe_cell(HISTORY_NOTE["ko"] + " " + HISTORY_NOTE["en"]))
    ws.write_string(line + 1, 0, safe_cell(ROUNDING))
    line += 3
    ws.write_row(line, 0, safe_row(["구분 Totals", *[_bilingual(k) for k in keys]]), bold)
    parts = [("합계 Total", summary.totals), ("추적조사 Tracked reports", summary.tracked_totals)]
    if summary.history_totals is not None:
        parts.insert(1, ("인쇄 실적 Printed record", summary.history_totals))
    for label, figures in parts:
        line += 1
        ws.write_string(line, 0, safe_cell(label), bold)
        flat = figures.flat()
        for c, k in enumerate(keys, start=1):
            ws.write_number(line, c, flat[k], num)
    ws.set_column(0, 0, 34)
    ws.set_column(1, len(keys), 16)

    for name, attr in (("periods", "figures"), ("cumulative", "cumulative")):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, safe_row(["기간 Period", "인쇄 실적 Printed", "승인 보고서 Reports",
                                     *[_bilingual(k) for k in keys]]), bold)  # fmt: skip
        for r, period in enumerate(summary.periods, start=1):
            ws.write_row(
                r, 0, safe_row([period.label, "Y" if period.history else "", period.reports])
            )
            flat = getattr(period, attr).flat()
            for c, k in enumerate(keys, start=3):
                ws.write_number(r, c, flat[k], num)
        ws.set_column(0, 2, 14)
        ws.set_column(3, len(keys) + 2, 16)
        ws.freeze_panes(1, 1)

    for name, groups in (("programmes", summary.by_program), ("fields", summary.by_field)):
        ws = wb.add_worksheet(name)
        head = (
            ["코드 Code", "이름 Name", "분야 Field"]
            if name == "programmes"
            else ["코드 Code", "이름 Name"]
        )
        ws.write_row(
            0, 0, safe_row([*head, "승인 보고서 Reports", *[_bilingual(k) for k in keys]]), bold
        )
        for r, g in enumerate(groups, start=1):
            cells = [g.code, g.name, g.field_name] if name == "programmes" else [g.code, g.name]
            ws.write_row(r, 0, safe_row([*cells, g.reports]))
            flat = g.figures.flat()
            for c, k in enumerate(keys, start=len(cells) + 1):
                ws.write_number(r, c, flat[k], num)
        ws.set_column(0, len(head) + len(keys), 16)
    wb.close()
    return out.getvalue()


def _filename(summary: OutcomesSummary, ext: str) -> str:
    f = summary.filters
    scope = f.program.code if f.program else (f.field.code if f.field else "city")
    return f"outcomes-{scope}-{f.first_year}-{f.last_year}.{ext}"


def workbook_response(*, summary: OutcomesSummary) -> HttpResponse:
    response = HttpResponse(workbook(summary=summary), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(summary, "xlsx")}"'
    return response


def tables(summary: OutcomesSummary, *, formatted: bool = False) -> dict:
    """The dashboard's tables as rows of numbers in COLUMNS order (page and PDF); `formatted`
    gives them as text with thousands separators (as `intcomma`, a thousand times cheaper)."""
    keys = list(COLUMNS)

    def values(figures) -> list:
        flat = figures.flat()
        return [f"{flat[k]:,}" if formatted else flat[k] for k in keys]

    parts = [("total", summary.totals), ("tracked", summary.tracked_totals)]
    if summary.history_totals is not None:
        parts.insert(1, ("history", summary.history_totals))
    return {
        "totals": [(kind, values(f)) for kind, f in parts],
        "periods": [(p, values(p.figures), values(p.cumulative)) for p in summary.periods],
        "programs": [(g, values(g.figures)) for g in summary.by_program],
        "fields": [(g, values(g.figures)) for g in summary.by_field],
    }


TOTAL_LABELS = {
    "total": "합계 Total",
    "tracked": "추적조사 Tracked",
    "history": "인쇄 실적 Printed",
}


def render_pdf(*, summary: OutcomesSummary) -> bytes:
    from weasyprint import HTML

    t = tables(summary)
    t["totals"] = [(TOTAL_LABELS[kind], v) for kind, v in t["totals"]]
    html = render_to_string("tracking/outcomes/outcomes_pdf.html", {
        **t, "s": summary, "filters": filter_lines(summary), "note": HISTORY_NOTE,
        "rounding": ROUNDING, "headers": list(COLUMNS.values()),
        "font_faces": font_face_css(), "font_family": PDF_FONT_FAMILY,
    })  # fmt: skip
    return HTML(string=html).write_pdf()


def pdf_response(*, summary: OutcomesSummary) -> HttpResponse:
    response = HttpResponse(render_pdf(summary=summary), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(summary, "pdf")}"'
    return response
