"""Every staff, evaluator and applicant page (the a11y scenario's pages, Korean and English) has a
title of its own and shows no internal code: rule codes (`seoul_location`), outcomes
(`needs_review`), stages (`document`), methods (`trimmed_mean`, `tfidf`) appear only as labels.

Fast: the Django test client, no browser (tests/e2e/test_a11y_pages.py checks the same pages with
axe-core in Chromium)."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import translation

from evaluation.enums import StageCode
from evaluation.screening.domain.rules import RULES
from evaluation.screening.enums import Outcome
from programs.enums import Aggregation
from tests.e2e.a11y_scenario import build_scenario

pytestmark = pytest.mark.django_db

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


def test_pages_have_their_own_title_and_no_raw_codes(users, catalogue):
    generic = set()
    for lang in ("ko", "en"):
        with translation.override(lang):
            generic.add(translation.gettext("Seoul R&D portal"))
    assert "서울형 R&D 포털" in generic
    scenario = build_scenario(users)
    problems = []
    checked = 0
    for role, pages in scenario.pages.items():
        client = Client()
        if scenario.users[role] is not None:
            client.force_login(scenario.users[role])
        for name, path in pages:
            for lang, prefix in (("ko", ""), ("en", "/en")):
                label = f"{role}: {name} ({lang}) {prefix}{path}"
                response = client.get(prefix + path)
                if response.status_code != 200:
                    problems.append(f"{label}: HTTP {response.status_code}")
                    continue
                parser = _Text()
                parser.feed(response.content.decode())
                checked += 1
                page_title = parser.title.split("|")[0].strip()
                if name != "home" and page_title in generic:
                    problems.append(f"{label}: generic <title> {parser.title.strip()!r}")
                codes = raw_codes(parser.texts)
                if codes:
                    problems.append(f"{label}: raw codes shown {sorted(set(codes))}")
    assert checked >= 70
    assert not problems, "\n".join(problems)
