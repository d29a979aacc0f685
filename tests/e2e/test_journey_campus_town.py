"""Campus-town matching in Chromium: a startup posts its technical problem, finds an expert of the
pool and proposes a 1:1 match; the expert accepts; the startup starts the joint plan; both accounts
edit it (a stale save is refused instead of overwriting the other's text); the startup submits.

The designation, the call and the plan's tables are set up by factories (tested elsewhere)."""

import os
import re

import pytest

from applications.enums import ApplicationStatus
from applications.models import Application, ExpertMatch
from tests.applications import campus_town_factories as ct
from tests.e2e.journey import a11y, confirm_click

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fill_rest(app, startup):
    """Researchers, budget, forms and files of the joint plan (factories: tested elsewhere)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.domain.attachments import add_attachments
    from applications.domain.drafts import update_draft
    from tests.applications.files import pdf_bytes
    from tests.factories import ResearcherFactory

    lead = startup.institution
    pi = ResearcherFactory(institution=lead, user=startup)
    update_draft(application=app, actor=startup, data={
        **ct.R03_PLAN,
        "researchers": [{"researcher": pi, "institution": lead, "role": "pi", "rate_pct": 40},
                        {"researcher": ResearcherFactory(institution=lead), "institution": lead,
                         "role": "researcher", "rate_pct": 50}],
        "budget_items": ct.r03_budget(lead),
    })  # fmt: skip
    for doc in app.call.required_documents:
        add_attachments(application=app, actor=startup, doc_code=doc["code"],
                        files=[SimpleUploadedFile(f"{doc['code']}.pdf", pdf_bytes(doc["code"]))])  # fmt: skip


def _login(page, url, user):
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-for-tests-1")
    with page.expect_navigation():
        page.click("form.portal-login button[type=submit]")
    assert "/accounts/login/" not in page.url


def _saved(page):
    from playwright.sync_api import expect

    expect(page.locator("#autosave-status")).to_have_attribute("data-autosave-state", "saved")


def test_problem_match_joint_plan_submitted(
    browser_page, chromium_browser, live_server, catalogue, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = str(tmp_path / "media")
    url = live_server.url
    from django.urls import reverse

    reverse("campus_town:problems")  # load the URLconf here, not within the browser's first timeout
    ct.designated()
    ct.r03_call()
    startup = ct.startup_user(username="ct-startup")
    expert = ct.expert(username="ct-expert", fields=("energy",), keywords="배터리, 수명 예측",
                       first_name="이배터리")  # fmt: skip
    ct.expert(username="ct-other", fields=("bio",), keywords="단백질")

    page = browser_page
    _login(page, url, startup)
    # 1. The startup posts its technical problem and sees the ranked candidates of the pool.
    page.goto(f"{url}/campus-town/problems/new/")
    a11y(page, "post a technical problem")
    page.fill("#id_title", "배터리 잔존수명 예측")
    page.select_option("#id_field", "energy")
    page.fill("#id_keywords", "배터리")
    page.fill("#id_description", "전동킥보드 배터리의 잔존수명을 예측하고 싶습니다.")
    with page.expect_navigation():
        page.click("#problem-submit")
    expect(page.locator("#expert-candidates tbody tr").first).to_contain_text("이배터리")
    a11y(page, "problem with expert candidates")
    # 2. It proposes the 1:1 match (a confirmation), the expert accepts in another browser.
    confirm_click(page, f"#propose-{expert.pk}")
    assert re.search(r"/campus-town/matches/\d+/$", page.url)
    match = ExpertMatch.objects.get()
    other_ctx = chromium_browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul",
                                             viewport={"width": 1280, "height": 900})  # fmt: skip
    try:
        epage = other_ctx.new_page()
        _login(epage, url, expert)
        epage.goto(f"{url}/campus-town/matches/{match.pk}/")
        confirm_click(epage, "#accept-match")
        expect(epage.locator("#match-status")).to_contain_text("양측 수락")
        # 3. The startup starts the joint plan; the tables are filled by factories.
        page.reload()
        with page.expect_navigation():
            page.click("#start-plan")
        app = Application.objects.get(expert_match=match)
        _fill_rest(app, startup)
        page.goto(f"{url}/applications/{app.pk}/")
        expect(page.locator("#joint-plan-notice")).to_contain_text("이배터리")
        # 4. Both edit: the expert saves first; the startup's page is now stale and its save is
        # refused with the reason instead of overwriting; after a reload it saves.
        epage.goto(f"{url}/applications/{app.pk}/")
        epage.fill("#id_content", "전문가: 전기화학 임피던스 기반 잔존수명 모델을 적용합니다.")
        epage.locator("#id_content").dispatch_event("change")
        _saved(epage)
        assert epage.locator(f"a[href$='/applications/{app.pk}/submit/']").count() == 0
        page.fill("#id_summary", "창업기업이 고친 요약")
        page.locator("#id_summary").dispatch_event("change")
        expect(page.locator("#autosave-status")).to_contain_text("공동 작성자")
        page.reload()
        expect(page.locator("#id_content")).to_have_value(re.compile("임피던스"))
        page.fill("#id_summary", "창업기업이 고친 요약")
        page.locator("#id_summary").dispatch_event("change")
        _saved(page)
    finally:
        other_ctx.close()
    app.refresh_from_db()
    assert "임피던스" in app.content and app.summary == "창업기업이 고친 요약"
    # 5. Only the startup submits.
    page.click(f"a[href$='/applications/{app.pk}/submit/']")
    page.click("label[for='confirm']")
    with page.expect_navigation():
        page.click("#submit-btn")
    expect(page.locator("#receipt-no")).to_contain_text("-00001")
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert page.external_requests == []
