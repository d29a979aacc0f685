"""Helpers of the end-to-end journeys (tests/e2e/test_journey*.py): act as a role (one session
each), confirm irreversible actions in the dialog, tick KRDS check boxes, run axe-core in Korean
and, through the language switch, in English."""

from tests.e2e.axe import assert_accessible

STAFF_PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory

SESSIONS: dict[str, list] = {}  # username → the session cookies of that role's sign-in


def act_as(page, url: str, user, password: str, start: str) -> None:
    """Act as `user` from the page `start`: sign in through the login form the first time, later
    take up the same session again (each role keeps its session, as on its own computer)."""
    page.context.clear_cookies()
    if user.username in SESSIONS:
        page.context.add_cookies(SESSIONS[user.username])
        page.goto(url + start)
        return
    page.goto(f"{url}/accounts/login/?next={start}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("form.portal-login button[type=submit]")
    assert page.url == url + start, f"login failed for {user.username}: {page.url}"
    SESSIONS[user.username] = page.context.cookies()


def confirm_click(page, selector: str) -> str:
    """Click a button whose form asks for confirmation; accept the dialog; return its text."""
    seen: list[str] = []

    def accept(dialog):
        seen.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    with page.expect_navigation():
        page.click(selector)
    assert seen, f"{selector}: no confirmation was asked"
    return seen[0]


def tick(page, selector: str) -> None:
    """Tick a check box as a person does: KRDS draws its own boxes and people click the label;
    where the label is for screen readers only, they click the box itself."""
    box = page.locator(selector)
    box_id = box.get_attribute("id")
    label = page.locator(f"label[for='{box_id}']") if box_id else page.locator("label", has=box)
    if not label.count():
        label = page.locator("label", has=box)
    visible = label.count() and "sr-only" not in (label.first.get_attribute("class") or "")
    if visible:
        label.first.click()
    if not box.is_checked():  # a sr-only label, or a framed PDF viewer took the click: the keyboard
        box.focus()
        page.keyboard.press("Space")
    assert box.is_checked(), selector


def a11y(page, what: str) -> None:
    """axe-core on the page as it is now: 0 critical and 0 serious violations."""
    assert_accessible(page, context=f"journey: {what}")


def switch_language(page, code: str) -> None:
    page.select_option("#lang-select", code)
    with page.expect_navigation():
        page.click(".lang-form button[type=submit]")
    assert page.locator("html").get_attribute("lang") == code


def a11y_en(page, what: str) -> None:
    """The same page in English through the language switch, checked with axe-core; then back
    to Korean the same way (the switch keeps the user on the same page both ways)."""
    before = page.url
    switch_language(page, "en")
    assert "/en/" in page.url
    a11y(page, f"{what} (en)")
    switch_language(page, "ko")
    assert page.url == before


def messages_text(page) -> str:
    return (
        page.locator(".portal-messages").inner_text()
        if page.locator(".portal-messages").count()
        else ""
    )
