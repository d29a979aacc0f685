"""Result notice (선정평가 결과 통지서) as a Korean PDF rendered with WeasyPrint."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT_FILES = {
    "400": "vendor/pretendard-gov/PretendardGOV-Regular.otf",
    "700": "vendor/pretendard-gov/PretendardGOV-Bold.otf",
}


def font_faces() -> str:
    """@font-face rules pointing at the vendored Pretendard GOV files found by the staticfiles finders."""
    rules = []
    for weight, relative in FONT_FILES.items():
        found = finders.find(relative)
        if found:
            uri = Path(found).resolve().as_uri()
            rules.append(
                f"@font-face {{ font-family: 'Pretendard GOV'; font-weight: {weight}; src: url('{uri}'); }}"
            )
    return "\n".join(rules)


def render_result_notice(*, application, notice, results) -> bytes:
    """PDF bytes of the notice: selected or not, stage scores (no evaluator names), objection period."""
    from weasyprint import HTML

    from evaluation.domain.decisions import objection_deadline

    html = render_to_string("evaluation/notice_pdf.html", {
        "application": application, "notice": notice, "results": results, "font_faces": font_faces(),
        "deadline": objection_deadline(notice) if notice else None,
    })  # fmt: skip
    return HTML(string=html).write_pdf()
