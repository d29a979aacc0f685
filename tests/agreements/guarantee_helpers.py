"""Shared builders for the guarantee tests: a real one-page PDF and a valid registration."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from agreements.domain.guarantees import register_guarantee
from agreements.models import Agreement


def policy_pdf(name: str = "증권.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def valid_fields(agreement: Agreement, year_no: int = 1, policy_no: str | None = None) -> dict:
    """Fields of a policy that exactly covers the year + 6 months for its city grant."""
    year = agreement.years.get(year_no=year_no)
    return {
        "year_no": year_no,
        "insurer": "서울보증보험",
        "policy_no": policy_no or f"P-{agreement.pk}-{year_no}",
        "amount_krw": year.city_grant_krw,
        "starts_on": year.starts_on,
        "ends_on": year.guarantee_required_until,
    }


def register(agreement: Agreement, actor, year_no: int = 1, **overrides):
    fields = {**valid_fields(agreement, year_no), **overrides}
    fields.setdefault("pdf", None)
    return register_guarantee(agreement=agreement, actor=actor, **fields)


def iso(day: dt.date) -> str:
    return day.isoformat()
