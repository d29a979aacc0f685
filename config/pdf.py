"""Fonts for WeasyPrint PDFs.

WeasyPrint renders on the server, so it needs the font files themselves (not the web woff2
subsets). The subset-free Pretendard GOV OTF files are vendored under
``static/vendor/pretendard-gov/`` and located through the staticfiles finders, so this works
in development and tests without ``collectstatic``.

Usage::

    from config.pdf import font_face_css
    html = f"<style>{font_face_css()} body {{ font-family: {PDF_FONT_FAMILY}; }}</style>..."
    weasyprint.HTML(string=html).write_pdf()
"""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders

PDF_FONT_FAMILY = "'Pretendard GOV', sans-serif"

# (static path, CSS font-weight)
PDF_FONT_FILES: tuple[tuple[str, int], ...] = (
    ("vendor/pretendard-gov/PretendardGOV-Regular.otf", 400),
    ("vendor/pretendard-gov/PretendardGOV-Bold.otf", 700),
)


def font_path(static_path: str) -> Path:
    """Absolute filesystem path of a vendored static file; raises if it is missing."""
    found = finders.find(static_path)
    if not found:
        raise FileNotFoundError(f"static file {static_path!r} not found by staticfiles finders")
    return Path(found).resolve()


@cache
def font_face_css() -> str:
    """@font-face rules (family "Pretendard GOV", weights 400/700) with file:// URLs."""
    rules = []
    for static_path, weight in PDF_FONT_FILES:
        url = font_path(static_path).as_uri()
        rules.append(
            "@font-face { font-family: 'Pretendard GOV'; font-style: normal; "
            f"font-weight: {weight}; src: url('{url}') format('opentype'); }}"
        )
    return "\n".join(rules)
