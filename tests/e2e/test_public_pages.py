"""Public pages and the officials' budget overview in real Chromium."""

import pytest

from accounts.enums import Role
from tests.factories import CallFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _focus_style(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement; const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {text: el.textContent.trim(), href: el.getAttribute('href'), outline: cs.outlineStyle,
                outlineWidth: parseFloat(cs.outlineWidth), shadow: cs.boxShadow,
                width: r.width, height: r.height}; }"""
    )


def test_official_sees_chart_and_2020_mismatch(
    browser_page, live_server, users, catalogue, e2e_login
):
    page = browser_page
    e2e_login(page, users[Role.OFFICIAL])
    page.goto(live_server.url + "/dashboard/budget/?year=2020")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.wait_for_selector("#field-chart[data-chart-ready='true']")
    size = page.evaluate(
        "() => { const c = document.getElementById('field-chart'); return [c.width, c.height]; }"
    )
    assert size[0] > 200 and size[1] > 100
    drawn = page.evaluate(
        """() => { const c = document.getElementById('field-chart');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    assert drawn > 1000, "the chart canvas is blank"
    assert page.evaluate("window.portalBudgetChart.data.datasets.length") == 2
    badge = page.locator("[data-mismatch='total']")
    assert badge.is_visible()
    assert page.locator("#mismatch-alert").is_visible()
    assert "47,392" in page.locator("#total-printed").inner_text()
    assert "47,663" in page.locator("#total-computed").inner_text()

    page.goto(live_server.url + "/dashboard/budget/?year=2021")
    page.wait_for_selector("#field-chart[data-chart-ready='true']")
    assert page.locator("[data-mismatch='total']").count() == 0
    assert page.external_requests == []


def test_public_pages_skip_link_and_focus(browser_page, live_server, catalogue):
    CallFactory(programs=["INV"], title="공개 공고 예시", title_en="Sample open call")
    page = browser_page
    page.goto(live_server.url + "/calls/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("table caption").count() == 1
    assert page.locator("text=공개 공고 예시").is_visible()
    # Pretendard GOV is the page font and it was loaded from our own static files.
    assert "Pretendard GOV" in page.evaluate("getComputedStyle(document.body).fontFamily")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Pretendard GOV\"', '공고')")

    # First Tab: the skip link becomes visible and shows a focus indicator.
    page.keyboard.press("Tab")
    focused = _focus_style(page)
    assert focused["href"] == "#main"
    assert focused["width"] > 10 and focused["height"] > 10, "skip link stays hidden on focus"
    assert focused["outline"] != "none" or focused["shadow"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Tabbing on reaches the call link with a visible outline.
    for _ in range(30):
        page.keyboard.press("Tab")
        if _focus_style(page)["text"] == "공개 공고 예시":
            break
    focused = _focus_style(page)
    assert focused["text"] == "공개 공고 예시"
    assert focused["outline"] != "none" and focused["outlineWidth"] >= 2

    # English version.
    page.goto(live_server.url + "/en/calls/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("text=Sample open call").is_visible()
    assert page.locator("h1").inner_text() == "Calls for proposals"
    assert page.external_requests == []


def test_swagger_ui_renders_offline(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Seoul R&D portal API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.external_requests == []


def test_language_switch_both_ways_keeps_the_page(browser_page, live_server, catalogue):
    """From /en/ choosing 한국어 leads to the same page in Korean, and back (issue 10)."""
    call = CallFactory(programs=["INV"], title="언어 전환 공고", title_en="Language switch call")
    page = browser_page
    for path in ("/calls/", f"/calls/{call.pk}/"):
        page.goto(live_server.url + "/en" + path)
        assert page.locator("html").get_attribute("lang") == "en"
        page.select_option("#lang-select", "ko")
        with page.expect_navigation():
            page.locator(".lang-form button[type=submit]").click()
        assert page.url == live_server.url + path
        assert page.locator("html").get_attribute("lang") == "ko"
        assert page.locator("#lang-select").input_value() == "ko"
        page.select_option("#lang-select", "en")
        with page.expect_navigation():
            page.locator(".lang-form button[type=submit]").click()
        assert page.url == live_server.url + "/en" + path
        assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("text=Language switch call").first.is_visible()
    assert page.external_requests == []
