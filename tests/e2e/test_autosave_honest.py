"""End to end in Chromium: autosave never lies. A failed save shows "저장 실패 — 다시 시도 중",
is retried with backoff until the server stores it, and leaving with unsaved changes asks first."""

import os
import re

import pytest

from applications.domain.drafts import create_draft
from applications.models import Application
from tests.applications.factories import applicant_with_institution, make_call

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAILED = "저장 실패 — 다시 시도 중"


def test_failed_autosave_is_shown_retried_and_then_saved(
    browser_page, live_server, e2e_login, catalogue
):
    from playwright.sync_api import expect

    page = browser_page
    user = applicant_with_institution(username="e2e-autosave")
    call = make_call()
    app = create_draft(call=call, applicant=user, program=call.programs.first())
    e2e_login(page, user)

    calls = {"n": 0}

    def flaky_server(route, request):
        calls["n"] += 1
        if calls["n"] <= 2:  # the server fails the first two saves of the plan section
            route.fulfill(status=500, body="Server Error (500)", content_type="text/html")
        else:
            route.continue_()

    page.route(re.compile(r".*/applications/\d+/save/plan/$"), flaky_server)
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    status = page.locator("#autosave-status")

    page.fill("#id_title_ko", "재시도 후 저장되는 과제명")
    assert page.evaluate("() => window.portalAutosave.unsaved()") is True  # typed, not sent yet
    page.locator("#id_title_ko").dispatch_event("change")
    expect(status).to_contain_text(FAILED)  # honest: not "저장됨"
    assert status.get_attribute("data-autosave-state") == "failed"
    assert page.evaluate("() => window.portalAutosave.unsaved()") is True
    # Retried with backoff (1 s, 2 s): the third attempt reaches the server and is stored.
    expect(status).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"), timeout=15_000)
    expect(status).not_to_contain_text(FAILED)
    assert calls["n"] == 3
    app.refresh_from_db()
    assert app.title_ko == "재시도 후 저장되는 과제명"
    assert page.evaluate("() => window.portalAutosave.unsaved()") is False

    # Unsaved changes: leaving the page asks first (beforeunload is cancelled by the page).
    page.unroute(re.compile(r".*/applications/\d+/save/plan/$"))
    page.fill("#id_summary", "아직 저장되지 않은 요약")
    asks = page.evaluate(
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )
    assert asks is True
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert Application.objects.get(pk=app.pk).summary == ""
