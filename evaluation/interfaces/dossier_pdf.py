"""The application dossier as a PDF (WeasyPrint), Hangul set in the vendored Pretendard GOV font."""

from django.template.loader import render_to_string

from config.pdf import PDF_FONT_FAMILY, PDF_FONT_FILES, font_face_css, font_path


def _allowed_urls() -> set[str]:
    return {font_path(static_path).as_uri() for static_path, _weight in PDF_FONT_FILES}


def _fetcher():
    """A URL fetcher for the font files only: text typed by applicants never makes the renderer
    fetch anything (no network, no other local file)."""
    from weasyprint.urls import URLFetcher

    allowed = _allowed_urls()

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"not fetched in a dossier PDF: {url[:80]}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols=["file"])


def dossier_pdf(dossier) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "applications/dossier_pdf.html",
        {
            "dossier": dossier,
            "app": dossier.app,
            "font_css": font_face_css(),
            "font_family": PDF_FONT_FAMILY,
            "pdf": True,
        },
    )
    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()
