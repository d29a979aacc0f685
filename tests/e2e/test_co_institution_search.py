"""End to end in Chromium: typing a co-institution's name in the plan form suggests registered
institutions with their business number (the search API, under the CSP)."""

import os

import pytest

from applications.domain.drafts import create_draft
from tests.applications.factories import applicant_with_institution, make_call
from tests.factories import InstitutionFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_plan_form_suggests_co_institutions(browser_page, live_server, e2e_login, catalogue):
    from playwright.sync_api import expect

    page = browser_page
    partner = InstitutionFactory(name="주식회사 한강소재")
    user = applicant_with_institution(username="e2e-coinst")
    call = make_call()
    app = create_draft(call=call, applicant=user, program=call.programs.first())
    e2e_login(page, user)
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    page.locator("#inst-new").press_sequentially("한강소재", delay=20)
    option = page.locator(f'#inst-new-list option[value="{partner.business_no}"]')
    expect(option).to_have_count(1)
    assert "주식회사 한강소재" in option.get_attribute("label")
    expect(page.locator("#inst-new-found-status")).to_have_text("검색된 기관 1곳")
    # the page also links to the search and invitation page
    page.click("text=공동기관 사업자등록번호 찾기 또는 미등록 기관 초대")
    expect(page).to_have_title("공동기관 찾기 | 서울경제진흥원")
