"""The performance certificate as a PDF (WeasyPrint; Hangul and Latin in Pretendard GOV)."""

from django.template.loader import render_to_string

from applications.domain.testbed_certificates import certificate_data
from config.pdf import PDF_FONT_FAMILY, font_face_css


def certificate_pdf(certificate) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "testbed/certificate_pdf.html",
        {"c": certificate_data(certificate), "font_css": font_face_css(),
         "font_family": PDF_FONT_FAMILY},
    )  # fmt: skip
    return HTML(string=html).write_pdf()
