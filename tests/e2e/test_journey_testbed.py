"""Testbed Seoul in Chromium (issue 14): a company proposes on a demand topic → the intake agency
checks the requirements → the demonstration site gives its opinion → the agency assigns its
committee's evaluators, one evaluator scores in the browser, the agency closes the written and
presentation reviews with the committee's trimmed mean → SBA records the plan, the agreement, the end of monitoring and
the demonstration evaluation → anyone checks the certificate on the public page.

The people, the rolling call and the topic come from tests/applications/testbed_factories.py."""

import datetime as dt
import os
import urllib.request

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.utils import timezone  # noqa: E402

from applications.models import TestbedProposal as Proposal  # noqa: E402
from evaluation.domain.scoring import criteria_for, save_scores, submit_sheet  # noqa: E402
from evaluation.models import Assignment  # noqa: E402
from tests.applications.testbed_factories import (  # noqa: E402
    make_testbed_world,
    review_committee,
    score_review,
    sheet,
)
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
    """The committees are formed and the evaluators seated by domain calls (short journey); in the
    browser the agency assigns the written review, one evaluator scores on the existing evaluator
    pages, the agency closes both reviews with the committee's trimmed mean."""
    review_committee(w, "document")
    review_committee(w, "presentation")
    act_as(page, url, w["agency"], STAFF_PASSWORD, f"/testbed/proposals/{proposal.pk}/")
    with page.expect_navigation():
        page.click("#assign-form button[type=submit]")
    assert page.locator("#review-assignments tbody tr").count() == 3
    first, *others = Assignment.objects.filter(application=proposal.application).order_by(
        "evaluator_id"
    )
    for assignment, total in zip(others, (70, 90), strict=True):
        save_scores(assignment=assignment, criteria=sheet(total, criteria_for(assignment)),
                    comment="", actor=assignment.evaluator)  # fmt: skip
        submit_sheet(assignment=assignment, actor=assignment.evaluator)
    act_as(page, url, first.evaluator, STAFF_PASSWORD, "/evaluation/my/")
    with page.expect_navigation():
        page.click(f"a[href$='/evaluation/assignments/{first.pk}/']")
    for code, points in (("innovation", "20"), ("maturity", "20"), ("safety", "20"),
                         ("differentiation", "20")):  # fmt: skip
        page.fill(f"#points_{code}", points)
    confirm_click(page, "#submit-scores")
    assert page.locator("#points_innovation").is_disabled()
    act_as(page, url, w["agency"], STAFF_PASSWORD, f"/testbed/proposals/{proposal.pk}/")
    assert page.locator("#review-score").inner_text().strip() == "80.00"  # 70 / 80 / 90 → 80
    page.fill("#id_note", "기술성 우수")
    confirm_click(page, "#review-form button[type=submit]")
    assert page.locator("#proposal-step").inner_text().strip() == "발표심사(효과·사업성)"
    proposal.refresh_from_db()
    score_review(w, proposal, totals=(75, 78, 81))  # the page's close form is already there
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
