"""Excel export of a call's applications (openpyxl)."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from config.spreadsheet import append_row
from programs.domain.flows import track_name

HEADERS = [
    "접수번호 Receipt no.", "상태 Status", "단위사업 Programme", "과제명 Title",
    "주관연구개발기관 Lead institution", "사업자등록번호 Business no.", "신청자 Applicant",
    "주관연구책임자 PI", "시지원연구개발비 City grant (KRW)", "현금 Cash (KRW)",
    "현물 In-kind (KRW)", "총사업비 Total (KRW)", "제출일시 Submitted (KST)",
    "SHA-256", "유형 Track",
]  # fmt: skip


def applications_workbook_response(call, applications) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = "applications"
    append_row(ws, HEADERS)
    for app in applications:
        append_row(ws, [
            app.receipt_no, app.get_status_display(), app.program.code, app.title_ko,
            app.lead_institution.name, app.lead_institution.business_no, app.applicant.username,
            app.pi.name if app.pi else "", app.city_grant_krw, app.institution_cash_krw,
            app.institution_inkind_krw, app.total_krw,
            timezone.localtime(app.submitted_at).strftime("%Y-%m-%d %H:%M:%S")
            if app.submitted_at else "",
            app.digest,
            # last, so the columns before keep their places: the track's name, never its code
            track_name(program=app.program, code=app.track),
        ])  # fmt: skip
    for col in range(9, 13):
        for cell in ws.iter_cols(min_col=col, max_col=col, min_row=2):
            for c in cell:
                c.number_format = "#,##0"
    for i, _h in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 20
    ws.freeze_panes = "A2"
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="applications-call-{call.pk}.xlsx"'
    return response
