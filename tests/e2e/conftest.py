"""Playwright + Chromium fixtures for end-to-end tests against pytest-django's ``live_server``.

Usage in a test module::

    pytest.mark.e2e  # mark every e2e test (``-m e2e`` / ``-m "not e2e"``)

    @pytest.mark.e2e
    def test_something(browser_page, live_server, users, e2e_login):
        e2e_login(browser_page, users[Role.OFFICIAL])        # signs in through the login form
        browser_page.goto(live_server.url + "/dashboard/budget/")

``browser_page`` is a fresh page in a fresh browser context (no shared cookies) of one Chromium
process per test session (the Debian ``/usr/bin/chromium``; no Playwright browser download).
Requests to hosts other than the live server are blocked, so a test fails visibly if a page
tries to load anything from the internet (the portal must work on a closed network); blocked
URLs are collected in ``browser_page.external_requests``.
"""

import os
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio loop in the test thread; Django's ORM refuses to run in a
# thread with a running loop unless this is set. Tests stay synchronous, so it is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_PATH = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # Only the live server answers: every other host name fails to resolve. (Not a Playwright
    # route: routing every request through the test process turns off the HTTP cache, and each
    # page then downloads the style sheets, scripts and fonts again.)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Password set by tests.factories.UserFactory.
E2E_PASSWORD = "pw-for-tests-1"
DEFAULT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def _playwright() -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM_PATH):
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH}")
    with sync_api.sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_browser(_playwright) -> Iterator:
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_page(chromium_browser, live_server) -> Iterator:
    """A Playwright ``Page`` (Korean locale, 1280x900) that may only talk to the live server."""
    context = chromium_browser.new_context(
        locale="ko-KR", timezone_id="Asia/Seoul", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    allowed = urlsplit(live_server.url).netloc
    external: list[str] = []

    def watch(request):  # other hosts do not resolve (CHROMIUM_ARGS); here they are listed
        url = request.url
        if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != allowed:
            external.append(url)

    context.on("request", watch)
    page = context.new_page()
    page.external_requests = external
    yield page
    context.close()


@pytest.fixture
def e2e_login(live_server) -> Callable:
    """Return ``login(page, user, password=E2E_PASSWORD)`` that signs in via the login form."""

    def login(page, user, password: str = E2E_PASSWORD) -> None:
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("form.portal-login button[type=submit]")
        if "/accounts/login/" in page.url:
            raise AssertionError(f"login failed for {user.username}")

    return login


@pytest.fixture
def e2e_sign_in(live_server) -> Callable:
    """Return ``sign_in(context, user)``: puts a signed-in session of ``user`` into a browser
    context's cookies without the login form (Django's ``force_login``, which sends the same
    ``user_logged_in`` signal). For tests about other pages that sign many roles in; the login form
    itself is driven by ``e2e_login`` and the journeys."""
    from django.conf import settings
    from django.test import Client

    def sign_in(context, user) -> None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        name = settings.SESSION_COOKIE_NAME
        context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
        )

    return sign_in
