"""Testbed Seoul in Chromium (issue 14): a company proposes on a demand topic → the intake agency
checks the requirements → the demonstration site gives its opinion → the agency records the
written and presentation reviews → SBA records the plan, the agreement, the end of monitoring and
the demonstration evaluation → anyone checks the certificate on the public page.

The people, the rolling call and the topic come from tests/applications/testbed_factories.py."""

import datetime as dt
import os
import urllib.request

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.utils import timezone  # noqa: E402

from applications.models import TestbedProposal as Proposal  # noqa: E402
from tests.applications.testbed_factories import make_testbed_world  # noqa: E402
from tests.e2e.journey import SESSIONS, STAFF_PASSWORD, a11y, a11y_en, act_as, confirm_click, tick  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(catalogue):
    return make_testbed_world(prefix="e2e-tb")


def proposer_proposes(page, url, w) -> Proposal:
    act_as(page, url, w["proposer"], STAFF_PASSWORD, "/testbed/")
    a11y(page, "testbed topics")
    with page.expect_navigation():
        page.click(f"a[href$='/testbed/propose/?topic={w['topic'].pk}']")
    tick(page, "#id_track_0")  # budget support
    page.fill("#id_title_ko", "드론 기반 교량 안전 점검")
    page.fill("#id_title_en", "Drone bridge inspection")
    page.fill("#id_summary", "드론으로 교량 하부를 점검합니다.")
    page.select_option("#id_tech_field", "drone")
    page.fill("#id_current_trl", "7")
    page.fill("#id_city_krw", "400000001")  # one won over the cap: refused next to the field
    page.fill("#id_company_krw", "100000000")
    with page.expect_navigation():
        page.click("#proposal-form button[type=submit]")
    assert page.locator("#id_city_krw_error").count() == 1
    assert page.input_value("#id_title_ko") == "드론 기반 교량 안전 점검"  # input kept
    a11y(page, "testbed proposal form with an error")
    page.fill("#id_city_krw", "400000000")
    with page.expect_navigation():
        page.click("#proposal-form button[type=submit]")
    proposal = Proposal.objects.get(application__applicant=w["proposer"])
    assert page.locator("#proposal-step").inner_text().strip() == "요건심사"
    assert page.locator("#answer-clock").count() == 1
    return proposal


def agency_checks(page, url, w, proposal):
    act_as(page, url, w["agency"], STAFF_PASSWORD, "/testbed/intake/")
    a11y(page, "testbed intake")
    with page.expect_navigation():
        page.click(f"#intake a[href$='/testbed/proposals/{proposal.pk}/']")
    a11y(page, "testbed requirements check")
    tick(page, "#id_decision_0")
    page.select_option("#id_site", str(w["site"].pk))
    page.fill("#id_note", "TRL 7, 드론 분야, 자부담 20% 충족")
    confirm_click(page, "#requirements-form button[type=submit]")
    assert page.locator("#proposal-step").inner_text().strip() == "실증기관 의견"


def site_answers(page, url, w, proposal):
    act_as(page, url, w["site_user"], STAFF_PASSWORD, "/testbed/site/")
    a11y(page, "site opinions")
    with page.expect_navigation():
        page.click(f"#site-waiting a[href$='/testbed/proposals/{proposal.pk}/']")
    tick(page, "#id_fit_0")
    page.fill("#id_comment", "교량 하부 점검 현장에 적합")
    confirm_click(page, "#opinion-form button[type=submit]")
    assert "적합" in page.locator("#site-opinion").inner_text()


def agency_reviews(page, url, w, proposal):
    act_as(page, url, w["agency"], STAFF_PASSWORD, f"/testbed/proposals/{proposal.pk}/")
    for score, text in (("82", "기술성 우수"), ("78", "효과·사업성 양호")):
        page.fill("#id_score", score)
        page.fill("#id_note", text)
        confirm_click(page, "#review-form button[type=submit]")
    assert page.locator("#proposal-step").inner_text().strip() == "실증계획"


def sba_demonstrates(page, url, w, proposal) -> str:
    act_as(page, url, w["staff"], STAFF_PASSWORD, "/testbed/demonstrations/")
    a11y(page, "testbed demonstrations")
    with page.expect_navigation():
        page.click(f"#demonstrations a[href$='/testbed/proposals/{proposal.pk}/']")
    start = timezone.localdate()
    page.fill("#id_plan", "한강 교량 3곳에서 6개월 실증")
    page.fill("#id_starts_on", start.isoformat())
    page.fill("#id_ends_on", (start + dt.timedelta(days=180)).isoformat())
    with page.expect_navigation():
        page.click("#plan-form button[type=submit]")
    confirm_click(page, "#agreement-form button[type=submit]")
    confirm_click(page, "#monitoring-form button[type=submit]")
    a11y(page, "testbed demonstration evaluation")
    tick(page, "#id_decision_0")
    page.fill("#id_result_ko", "점검 시간 40% 단축")
    page.fill("#id_result_en", "Inspection time cut by 40 %")
    confirm_click(page, "#evaluation-form button[type=submit]")
    code = page.locator("#certificate-code a").inner_text().strip()
    assert code.startswith("T") and len(code) == 13
    return code


def anyone_checks(page, url, code):
    page.context.clear_cookies()
    page.goto(f"{url}/verify/{code}/")
    summary = page.locator("#certificate-summary").inner_text()
    assert "드론 기반 교량 안전 점검" in summary and "Inspection time cut by 40 %" in summary
    a11y(page, "certificate check")
    a11y_en(page, "certificate check")
    tampered = code[:-1] + ("B" if code[-1] != "B" else "C")
    response = page.goto(f"{url}/verify/{tampered}/")
    assert response.status == 404 and page.locator("#verify-unknown").count() == 1


def test_proposal_to_certificate_checked_on_the_public_page(browser_page, live_server, world):
    page, url = browser_page, live_server.url
    SESSIONS.clear()
    urllib.request.urlopen(
        f"{url}/accounts/login/", timeout=120
    ).close()  # first request loads the URLconf
    proposal = proposer_proposes(page, url, world)
    agency_checks(page, url, world, proposal)
    site_answers(page, url, world, proposal)
    agency_reviews(page, url, world, proposal)
    code = sba_demonstrates(page, url, world, proposal)
    anyone_checks(page, url, code)
    assert page.external_requests == []
