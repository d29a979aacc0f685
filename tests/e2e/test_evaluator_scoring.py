"""An evaluator signs the COI pledge, reads the dossier and an attachment, scores the application in
the web form beside the dossier (running total), confirms the submit; the sheet locks."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from accounts.models import AuditEntry  # noqa: E402
from evaluation.domain.committees import auto_assign  # noqa: E402
from evaluation.models import Assignment, ScoreSheet  # noqa: E402
from tests.applications.factories import complete_application, make_call  # noqa: E402
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
    assert page.locator("#running-total").inner_text() == "75.50"  # summed as typed (static JS)
    # cancelling the confirmation submits nothing (the buttons stay usable)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#submit-scores")
    page.wait_for_timeout(300)
    assert not ScoreSheet.objects.filter(assignment=assignment, status="submitted").exists()
    assert page.locator("#submit-scores").is_enabled()
    confirmations = []

    def accept(dialog):
        confirmations.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    with page.expect_navigation():
        page.click("#submit-scores")
    assert page.locator("#locked-note").is_visible()
    assert page.locator("#sheet-total").inner_text() == "75.50"
    assert page.locator("#points_impact").is_disabled()
    assert confirmations and "잠" in confirmations[0]  # the dialog said submitting locks the sheet
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert sheet.status == "submitted" and sheet.total == 75.5
    assert page.external_requests == []


def test_evaluator_reads_dossier_and_attachment_beside_the_sheet(
    browser_page, live_server, users, catalogue, e2e_login, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    staff = users[Role.STAFF]
    call = make_call()
    application = complete_application(call=call)
    committee = committee_with_members(call, n=1, actor=staff, sign=True)
    evaluator = committee.members.get().evaluator
    assignment = Assignment.objects.create(
        committee=committee, call=call, stage="document", application=application,
        evaluator=evaluator,
    )  # fmt: skip

    page = browser_page
    e2e_login(page, evaluator)
    page.goto(live_server.url + "/evaluation/my/")
    with page.expect_navigation():
        page.click("a.dossier-link")
    assert "신청서 열람" in page.title()
    assert "533,334,000" in page.locator("#budget-total").inner_text()
    assert page.locator("#dossier-attachments").is_visible()
    # the attachment opens in the browser (PDF inline) through the permission-checked view
    href = page.locator("a.dossier-file-open").first.get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    attachment = application.attachments.get(pk=int(href.rstrip("/").rsplit("/", 1)[1]))
    assert response.body() == attachment.file.open("rb").read()
    # the download button downloads it under its own name
    with page.expect_download() as download:
        page.click(f"tr:has(a[href='{href}']) a.dossier-file-download")
    assert download.value.suggested_filename == attachment.original_name
    # navigating to it shows it in the browser's PDF viewer (a download would fail page.goto)
    shown = page.goto(live_server.url + href)
    assert shown.status == 200 and shown.headers["content-type"] == "application/pdf"
    assert page.url == live_server.url + href
    # the score sheet shows the dossier beside the form, with criteria guidance
    page.goto(live_server.url + f"/evaluation/assignments/{assignment.pk}/")
    assert page.locator("#dossier-pane #budget-total").is_visible()
    assert page.locator("#guide-excellence").inner_text()
    page.fill("#points_excellence", "20")
    page.fill("#points_budget", "12.5")
    assert page.locator("#running-total").inner_text() == "32.50"
    actions = set(AuditEntry.objects.filter(actor=evaluator).values_list("action", flat=True))
    assert {
        "application.dossier.view",
        "application.attachment.view",
        "application.attachment.download",
    } <= actions
    # (Chromium's own PDF viewer loads chrome:// resources; nothing from the internet)
    assert [
        u for u in page.external_requests if not u.startswith(("chrome:", "chrome-extension:"))
    ] == []
