"""Staff confirm an irreversible action in Chromium: the dialog says how many applicants will be
notified; cancelling sends nothing, accepting releases (static/js/portal.js, form[data-confirm])."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from evaluation.screening.models import ScreeningResult, ScreeningRun  # noqa: E402
from tests.evaluation.factories import ApplicationFactory  # noqa: E402
from tests.factories import CallFactory  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_screening_release_asks_for_confirmation(browser_page, live_server, users, catalogue,
                                                 e2e_login):  # fmt: skip
    staff = users[Role.STAFF]
    call = CallFactory(closed=True)
    run = ScreeningRun.objects.create(call=call, status="done", total=2, processed=2)
    for outcome in ("pass", "fail"):
        app = ApplicationFactory(call=call, status="submitted")
        ScreeningResult.objects.create(run=run, application=app, outcome=outcome, rules=[])
    page = browser_page
    e2e_login(page, staff)
    page.goto(f"{live_server.url}/screening/runs/{run.pk}/")

    seen = []

    def dismiss(dialog):
        seen.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#release-run")
    page.wait_for_timeout(300)
    run.refresh_from_db()
    assert run.released_at is None and page.locator("#release-run").is_enabled()
    assert "2명의 신청자에게" in seen[0] and "통과 1" in seen[0] and "탈락 1" in seen[0]

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#release-run")
    run.refresh_from_db()
    assert run.released_at is not None
    assert page.locator("#release-run").count() == 0
