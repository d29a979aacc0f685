"""An evaluator signs the COI pledge, scores an application in the web form, submits; the sheet locks."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from evaluation.domain.committees import auto_assign  # noqa: E402
from evaluation.models import Assignment, ScoreSheet  # noqa: E402
from tests.evaluation.factories import ApplicationFactory, committee_with_members  # noqa: E402
from tests.factories import CallFactory  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_evaluator_scores_and_submits(browser_page, live_server, users, catalogue, e2e_login):
    staff = users[Role.STAFF]
    call = CallFactory(slots=1)
    application = ApplicationFactory(call=call, summary="자율주행 배터리 진단 플랫폼")
    committee = committee_with_members(call, n=1, actor=staff, sign=False)
    auto_assign(committee=committee, applications=[application], actor=staff)
    assignment = Assignment.objects.get(application=application)
    evaluator = assignment.evaluator

    page = browser_page
    e2e_login(page, evaluator)
    page.goto(live_server.url + "/evaluation/my/")
    member = committee.members.get(evaluator=evaluator)
    page.click(f"#pledge-{member.pk}")
    page.click("label:has(#agree)")
    assert page.is_checked("#agree")
    with page.expect_navigation():
        page.click("#sign-pledge")
    with page.expect_navigation():
        page.click("a.score-link")
    assert "자율주행 배터리 진단 플랫폼" in page.content()

    page.fill("#points_excellence", "30")  # over the maximum (25): refused in Korean, nothing saved
    page.fill("#points_competence", "20")
    page.fill("#comment", "초안 의견")
    page.evaluate("document.querySelector('#points_excellence').removeAttribute('max')")
    with page.expect_navigation():
        page.click("#save-scores")
    error = page.locator("#score-error").inner_text()
    assert "25" in error and "이하" in error and "between 0 and 25" in error
    # the typed values are still in the form
    assert page.input_value("#points_excellence") == "30"
    assert page.input_value("#points_competence") == "20"
    assert page.input_value("#comment") == "초안 의견"
    assert not ScoreSheet.objects.filter(
        assignment=assignment, criteria__code="competence"
    ).exists()

    for code, points in {
        "excellence": "22",
        "competence": "20.5",
        "impact": "18",
        "budget": "15",
    }.items():
        page.fill(f"#points_{code}", points)
    page.fill("#comment", "사업화 가능성이 높음")
    with page.expect_navigation():
        page.click("#submit-scores")
    assert page.locator("#locked-note").is_visible()
    assert page.locator("#sheet-total").inner_text() == "75.50"
    assert page.locator("#points_impact").is_disabled()
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.status == "submitted" and sheet.total == 75.5
    assert page.external_requests == []
