"""The receipt as a PDF (WeasyPrint) with Hangul rendered from the vendored Pretendard GOV font."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT_FILES = {
    400: "vendor/pretendard-gov/PretendardGOV-Regular.otf",
    700: "vendor/pretendard-gov/PretendardGOV-Bold.otf",
}


def font_faces() -> list[dict]:
    """@font-face sources as file:// URLs resolved through the staticfiles finders."""
    faces = []
    for weight, rel in FONT_FILES.items():
        path = finders.find(rel)
        if path:
            faces.append({"weight": weight, "url": Path(path).resolve().as_uri()})
    return faces


def receipt_pdf(app) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "applications/receipt_pdf.html", {"app": app, "font_faces": font_faces()}
    )
    return HTML(string=html, base_url=str(Path(finders.find("vendor") or ".").parent)).write_pdf()
