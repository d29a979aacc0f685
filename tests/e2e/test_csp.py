"""The Content-Security-Policy blocks nothing the pages need, in real Chromium.

Chromium reports each blocked script, style or resource as a `securitypolicyviolation` event and
a console error; both are collected and must stay empty while the pages work (the chart draws,
htmx loads, the double-submit guard runs, Swagger UI renders).
"""

import pytest

from accounts.enums import Role
from tests.factories import CallFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLLECT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(browser_page):
    page = browser_page
    page.context.add_init_script(COLLECT)
    console: list[str] = []
    page.on(
        "console",
        lambda msg: (
            console.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.csp_console = console
    return page


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.csp_console


def test_pages_run_under_the_policy(watched, live_server, users, catalogue, e2e_login):
    page = watched
    CallFactory(programs=["INV"], title="공개 공고 예시", title_en="Sample open call")
    response = page.goto(live_server.url + "/calls/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_function("() => window.htmx !== undefined")
    assert _violations(page) == []

    e2e_login(page, users[Role.OFFICIAL])
    page.goto(live_server.url + "/dashboard/budget/?year=2021")
    page.wait_for_selector("#field-chart[data-chart-ready='true']")
    assert _violations(page) == []


def test_staff_pages_and_admin_run_under_the_policy(watched, live_server, users, e2e_login):
    page = watched
    admin = UserFactory(username="e2e-admin", role=Role.STAFF, is_superuser=True)
    e2e_login(page, admin)
    for path in ["/staff/", "/screening/", "/admin/", "/admin/accounts/user/add/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert _violations(page) == [], path


def test_api_docs_render_under_the_policy(watched, live_server):
    page = watched
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert _violations(page) == []


def test_locked_out_page_under_the_policy(watched, live_server, users, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    page = watched
    for _ in range(2):
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", "t-applicant")
        page.fill("#id_password", "wrong-password")
        with page.expect_navigation():
            page.click("form.portal-login button[type=submit]")
    assert page.locator("#lockout-message").is_visible()
    assert "로그인" in page.locator("#lockout-message").inner_text()
    assert _violations(page) == []


def test_application_form_runs_under_the_policy(watched, live_server, e2e_login, catalogue):
    """The applicant's sectioned form: htmx autosave and its client script, under the policy."""
    import re

    from tests.applications.factories import applicant_with_institution, make_call

    page = watched
    user = applicant_with_institution(username="e2e-csp-applicant")
    call = make_call()
    e2e_login(page, user)
    page.goto(f"{live_server.url}/applications/calls/{call.pk}/apply/")
    page.click("section.call-actions button[type=submit]")
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    page.fill("#id_title_ko", "CSP 점검 과제")
    page.locator("#id_title_ko").dispatch_event("change")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []
