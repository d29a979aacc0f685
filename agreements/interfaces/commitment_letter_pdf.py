"""The city's commitment letter (확약서) of a national-matching request, as a Korean PDF."""

from django.template.loader import render_to_string
from django.utils import timezone

from config.pdf import PDF_FONT_FAMILY, font_face_css


def render_commitment_letter(*, request, rules) -> bytes:
    """PDF bytes of the letter (WeasyPrint): parties, national programme, per year the national
    grant and the city share, the ratio and rounding, and the verification code."""
    from weasyprint import HTML

    from agreements.domain.national_matching import ratio_percent

    rows = [
        {"year_no": n, "national": g, "city": c}
        for n, (g, c) in enumerate(
            zip(request.national_grants_krw, request.city_shares_krw, strict=True), start=1
        )
    ]
    ctx = {
        "r": request, "rows": rows, "percent": ratio_percent(rules),
        "unit": rules.rounding_unit_krw, "national_total": request.national_total_krw,
        "issued_on": timezone.localdate(request.letter_issued_at),
        "font_faces": font_face_css(), "font_family": PDF_FONT_FAMILY,
    }  # fmt: skip
    html = render_to_string("national_matching/letter_pdf.html", ctx)
    return HTML(string=html).write_pdf()
