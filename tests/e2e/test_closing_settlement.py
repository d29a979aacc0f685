"""Staff settle an agreement and bill its royalty in Chromium: both irreversible steps ask first
(form[data-confirm]); cancelling changes nothing; the Korean page shows the bills."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from agreements.domain.rounds import decide_final  # noqa: E402
from agreements.models.closing import Bill, Settlement  # noqa: E402
from tests.agreements.closing_helpers import money, scored_round  # noqa: E402
from tests.agreements.factories import agreement_for  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_settle_then_bill_royalty(browser_page, live_server, users, catalogue, e2e_login):
    staff = users[Role.STAFF]
    agreement = agreement_for()
    money(agreement, paid=400_000_000, executed=390_000_000, disallowed=5_000_000)
    decide_final(rnd=scored_round(agreement, "final", [80, 80, 80], actor=staff), success=True,
                 reason="목표 달성", actor=staff)  # fmt: skip
    page = browser_page
    e2e_login(page, staff)
    page.goto(f"{live_server.url}/agreements/{agreement.pk}/settlement/")
    assert "정산 및 청구" in page.title()

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#settle-btn")
    page.wait_for_timeout(300)
    assert not Settlement.objects.exists()

    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#settle-btn")
    bill = Bill.objects.get(agreement=agreement, kind="recovery")
    assert bill.amount_krw == 15_000_000  # unspent 10 M + disallowed 5 M
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#royalty-btn")
    royalty = Bill.objects.get(agreement=agreement, kind="royalty")
    assert royalty.amount_krw == 38_500_000  # 10 % of 385 M used
    table = page.locator("#bills").inner_text()
    assert bill.number in table and royalty.number in table and "38,500,000" in table
    assert page.external_requests == []
