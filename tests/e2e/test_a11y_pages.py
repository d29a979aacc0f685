"""axe-core on every page of every role, in Korean and in English: 0 critical, 0 serious; and
each page has a title of its own and shows no raw code (tests/test_page_labels.py).

One scenario (tests/e2e/a11y_scenario.py) gives each page something to show; one browser context
per role signs in once and opens each page under ``/`` and ``/en/``. Every page is checked before
the test fails, so one run lists all the violations (rule, impact, elements, help).
"""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from tests.e2e.a11y_scenario import build_scenario  # noqa: E402
from tests.e2e.axe import axe_violations, format_violations  # noqa: E402
from tests.e2e.conftest import DEFAULT_TIMEOUT_MS  # noqa: E402
from tests.test_page_labels import generic_titles, label_problems  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _context(browser, live_server):
    context = browser.new_context(
        locale="ko-KR", timezone_id="Asia/Seoul", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


PARTS = 2  # each language's pages in this many tests, so they run on several workers at once


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize(("lang", "prefix"), [("ko", ""), ("en", "/en")])
def test_every_page_has_no_critical_or_serious_violation(
    chromium_browser, live_server, users, catalogue, e2e_sign_in, lang, prefix, part
):
    """Every page of every role in one language; part k of PARTS takes every PARTS-th page of
    each role, starting at the k-th (together the parts check every page). One browser context
    serves every role in turn (cookies cleared between roles), so style sheets, scripts and fonts
    come from its HTTP cache after the first page."""
    scenario = build_scenario(users)
    generic = generic_titles()
    problems: list[str] = []
    checked = 0
    context = _context(chromium_browser, live_server)
    page = context.new_page()
    for role, all_pages in scenario.pages.items():
        pages = all_pages[part::PARTS]
        if not pages:
            continue
        context.clear_cookies()
        user = scenario.users[role]
        if user is not None:
            e2e_sign_in(context, user)
        for name, path in pages:
            label = f"{role}: {name} ({lang})"
            response = page.goto(live_server.url + prefix + path)
            if response is None or response.status != 200:
                problems.append(f"{label} {path}: HTTP {response and response.status}")
                continue
            if page.locator("html").get_attribute("lang") != lang:
                problems.append(f"{label} {path}: <html lang> is not {lang}")
            if user is not None and "/accounts/login/" in page.url:
                problems.append(f"{label} {path}: {role} is not signed in")
                continue
            checked += 1
            # its own title and no raw code (tests/test_page_labels.py), on the HTML as sent
            problems += label_problems(response.text(), name=name, label=f"{label} {path}",
                                       generic=generic)  # fmt: skip
            violations = axe_violations(page)
            if violations:
                problems.append(format_violations(violations, context=label, url=path))
    context.close()
    assert checked >= 70 // PARTS
    assert not problems, "\n".join(problems)
