"""A PI signs up in Chromium, follows the e-mailed link, and signs in with the new account."""

import re

import pytest
from django.core import mail

from accounts.enums import Role
from accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "blue-Harbour-2026"


def test_sign_up_verify_and_sign_in(browser_page, live_server, e2e_login):
    page = browser_page
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.click("header a[href='/accounts/signup/']")
    page.fill("#id_username", "pi.e2e")
    page.fill("#id_name", "박연구")
    page.fill("#id_email", "pi.e2e@example.kr")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    assert page.url.endswith("/accounts/signup/sent/")
    assert not User.objects.get(username="pi.e2e").is_active

    assert [m.to for m in mail.outbox] == [["pi.e2e@example.kr"]]
    link = re.search(r"https?://\S+/accounts/signup/verify/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(live_server.url)  # the link points at the site that was used
    page.goto(link)
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    assert page.url.endswith("/accounts/institution/")
    assert "이메일 주소가 확인되었습니다" in page.locator(".portal-messages").inner_text()
    user = User.objects.get(username="pi.e2e")
    assert user.is_active and user.role == Role.APPLICANT

    with page.expect_navigation():
        page.click("header form[action$='/logout/'] button")
    e2e_login(page, user, password=PASSWORD)
    assert "박연구" in page.locator(".portal-user").inner_text()
    assert violations == [] and page.external_requests == []


def test_account_and_help_pages_run_under_the_csp(browser_page, live_server):
    page = browser_page
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    for path in ["/accounts/signup/", "/accounts/password/reset/", "/notices/", "/en/help/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers  # Playwright lower-cases names
    page.goto(live_server.url + "/accounts/login/")
    with page.expect_navigation():
        page.click("a[href='/accounts/password/reset/']")
    page.fill("#id_email", "nobody@example.kr")
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    assert page.url.endswith("/accounts/password/reset/sent/")
    assert violations == [] and page.external_requests == []
