"""End to end in Chromium: the plan form's live feedback. Budget totals follow the typing; a
refused autosave puts its message under the field (aria-invalid) without touching the input and
clears it once saved; at 390 px the page does not scroll sideways (the tables scroll inside
their own region); deleting a draft asks first."""

import os

import pytest

from applications.domain.drafts import create_draft
from applications.models import Application
from tests.applications.factories import applicant_with_institution, make_call

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_live_totals_inline_autosave_errors_and_narrow_screen(
    browser_page, live_server, e2e_login, catalogue
):
    from playwright.sync_api import expect

    page = browser_page
    user = applicant_with_institution(username="e2e-planform")
    call = make_call()
    app = create_draft(call=call, applicant=user, program=call.programs.first())
    e2e_login(page, user)
    page.goto(f"{live_server.url}/applications/{app.pk}/")

    # live totals, in won, before any save
    page.fill("#bud-900-city", "1200000")
    page.fill("#bud-900-cash", "300,000")
    page.fill("#bud-901-inkind", "55000")
    expect(page.locator('[data-col-total="all"]')).to_have_text("1,555,000")
    expect(page.locator('[data-col-total="city"]')).to_have_text("1,200,000")
    expect(page.locator("#bud-900-city").locator("xpath=ancestor::tr")
           .locator("[data-row-total]")).to_have_text("1,500,000")  # fmt: skip

    # a refused autosave: message under the field, input kept, then cleared once valid
    page.fill("#res-900-no", "12345678")
    page.fill("#res-900-name", "홍길동")
    page.fill("#res-900-rate", "150")
    page.locator("#res-900-rate").dispatch_event("change")
    rate = page.locator("#res-900-rate")
    expect(rate).to_have_attribute("aria-invalid", "true")
    expect(rate).to_have_attribute("aria-describedby", "res-900-rate-error")
    expect(page.locator("#res-900-rate-error")).to_contain_text("참여율은 100% 이하여야 합니다")
    expect(page.locator("#errors-researchers a[href='#res-900-rate']")).to_be_visible()
    assert rate.input_value() == "150"
    page.fill("#res-900-rate", "40")
    page.locator("#res-900-rate").dispatch_event("change")
    expect(page.locator("#res-900-rate-error")).to_have_count(0)
    expect(rate).not_to_have_attribute("aria-invalid", "true")
    assert app.researchers.filter(rate_pct=40).exists()

    # 390 px: the page itself never scrolls sideways
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    widest = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                      && !(el.parentElement && el.parentElement.closest('.table-scroll')))
        .slice(0, 8).map(el => el.tagName + '#' + el.id + '.' + el.className + ':' + Math.round(el.getBoundingClientRect().right) + ':' + getComputedStyle(el).position)""")
    assert overflow <= 0, (overflow, widest)
    region = page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls inside

    # deleting the draft asks first; cancelling keeps it
    page.goto(f"{live_server.url}/applications/")
    page.once("dialog", lambda d: d.dismiss())
    page.locator(f"form[action='/applications/{app.pk}/delete/'] button").click()
    assert Application.objects.filter(pk=app.pk).exists()
    page.once("dialog", lambda d: d.accept())
    page.locator(f"form[action='/applications/{app.pk}/delete/'] button").click()
    page.wait_for_url(f"{live_server.url}/applications/")
    assert not Application.objects.filter(pk=app.pk).exists()
