"""Every staff, evaluator and applicant page (the a11y scenario's pages, Korean and English) has a
title of its own and shows no internal code: rule codes (`seoul_location`), outcomes
(`needs_review`), stages (`document`), methods (`trimmed_mean`, `tfidf`) appear only as labels.

The check (`label_problems`) runs on every page of tests/e2e/test_a11y_pages.py, on the HTML the
server sent, in the same pass as axe-core (one scenario and one render per page instead of two);
its parts are tested here, and parts of the portal use them on their own pages."""

import re
from html.parser import HTMLParser

from django.utils import translation

from evaluation.enums import StageCode
from evaluation.screening.domain.rules import RULES
from evaluation.screening.enums import Outcome
from programs.enums import Aggregation

SNAKE_CODES = {
    *(code for code in RULES if "_" in code),
    *(c.value for c in Outcome if "_" in c.value),
    *(c.value for c in StageCode if "_" in c.value),
    *(c.value for c in Aggregation if "_" in c.value),
    "half_up",
}
# single-word codes: wrong only when a text shows the bare code (e.g. a table cell "document")
WORD_CODES = {
    *(code for code in RULES if "_" not in code), *(c.value for c in Outcome), *(c.value for c in StageCode), *(c.value for c in Aggregation),
    "tfidf", "ceil", "floor",
}  # fmt: skip
SNAKE_RE = re.compile(r"\b(" + "|".join(sorted(SNAKE_CODES, key=len, reverse=True)) + r")\b")


class _Text(HTMLParser):
    """The title and the visible text nodes (not scripts, styles or attributes)."""

    def __init__(self):
        super().__init__()
        self.title, self.texts, self._skip, self._in_title = "", [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip and data.strip():
            self.texts.append(data.strip())


def raw_codes(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        found += [m.group(1) for m in SNAKE_RE.finditer(text)]
        if text in WORD_CODES:
            found.append(text)
    return found


def test_raw_code_finder_catches_the_codes_of_the_issue():
    assert raw_codes(["seoul_location", "검토 필요", "document", "needs_review 2"]) == [
        "seoul_location", "document", "needs_review",
    ]  # fmt: skip
    assert raw_codes(["서류평가", "Document evaluation", "Pass rate"]) == []


def generic_titles() -> set[str]:
    """The portal's own name in both languages: a page titled only that has no title of its own."""
    generic = set()
    for lang in ("ko", "en"):
        with translation.override(lang):
            generic.add(translation.gettext("Seoul R&D portal"))
    return generic


def label_problems(html: str, *, name: str, label: str, generic: set[str]) -> list[str]:
    """A page's own <title> (except the home page) and no raw code among its visible texts."""
    parser = _Text()
    parser.feed(html)
    problems = []
    page_title = parser.title.split("|")[0].strip()
    if name != "home" and page_title in generic:
        problems.append(f"{label}: generic <title> {parser.title.strip()!r}")
    codes = raw_codes(parser.texts)
    if codes:
        problems.append(f"{label}: raw codes shown {sorted(set(codes))}")
    return problems


def test_generic_title_and_raw_codes_are_reported():
    generic = generic_titles()
    assert "서울형 R&D 포털" in generic
    page = (
        "<html><head><title>서울형 R&D 포털</title></head><body><td>needs_review</td></body></html>"
    )
    problems = label_problems(page, name="screening", label="staff: screening", generic=generic)
    assert len(problems) == 2 and "generic <title>" in problems[0] and "needs_review" in problems[1]
    own = "<html><head><title>심사 | 서울형 R&D 포털</title></head><body><td>검토 필요</td></body></html>"
    assert label_problems(own, name="screening", label="x", generic=generic) == []
