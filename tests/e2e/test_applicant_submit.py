"""End to end in Chromium: an applicant fills in the plan (autosave), uploads and submits."""

import os
import re

import pytest

from applications.enums import ApplicationStatus
from applications.models import Application
from tests.applications.factories import PLAN, applicant_with_institution, make_call
from tests.applications.files import pdf_bytes

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_applicant_fills_uploads_and_submits(
    browser_page, live_server, e2e_login, catalogue, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.MEDIA_ROOT = str(tmp_path / "media")
    page = browser_page
    user = applicant_with_institution(username="e2e-applicant")
    call = make_call()
    e2e_login(page, user)

    page.goto(f"{live_server.url}/applications/calls/{call.pk}/apply/")
    page.click("section.call-actions button[type=submit]")
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    app = Application.objects.get(applicant=user)

    # Plan: typed in, saved by htmx autosave without a page reload.
    for name in (
        "title_ko",
        "title_en",
        "summary",
        "objectives",
        "content",
        "expected_outcomes",
        "outcome_use",
        "tech_classification",
        "keywords",
    ):
        page.fill(f"#id_{name}", PLAN[name])
    for name in ("current_trl", "target_trl", "period_months"):
        page.fill(f"#id_{name}", str(PLAN[name]))
    page.fill("#id_starts_on", "2023-10-01")
    page.fill("#id_ends_on", "2024-09-30")
    page.locator("#id_ends_on").dispatch_event("change")
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"\d\d:\d\d:\d\d"))
    page.wait_for_function(
        "() => !['과제명(국문)을', '연구개발기간(개월)을', '종료일을']"
        ".some(t => document.querySelector('#problems').textContent.includes(t))"
    )
    app.refresh_from_db()
    assert app.title_ko == PLAN["title_ko"] and app.period_months == 12

    page.fill("#res-900-no", "20230101")
    page.fill("#res-900-name", "홍길동")
    page.select_option("#res-900-role", "pi")
    page.fill("#res-900-rate", "40")
    page.fill("#res-901-no", "20230102")
    page.fill("#res-901-name", "김영희")
    page.fill("#res-901-rate", "50")
    with page.expect_navigation():
        page.click("#researchers button[type=submit]")

    page.select_option("#bud-900-inst", str(user.institution_id))
    page.select_option("#bud-900-cat", "personnel")
    page.fill("#bud-900-city", "400,000,000")
    page.fill("#bud-900-cash", "13,334,000")
    page.fill("#bud-900-inkind", "120,000,000")
    with page.expect_navigation():
        page.click("#budget button[type=submit]")
    expect(page.locator("#budget")).to_contain_text("533,334,000")

    # KRDS draws its own check boxes: people click the labels.
    for box in page.locator("#forms input[type=checkbox][name^=elig-]").all():
        page.click(f"label[for='{box.get_attribute('id')}']")
    page.click("label[for='privacy_consent']")
    with page.expect_navigation():
        page.click("#forms button[type=submit]")

    for code in ("plan", "registry", "financials"):
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(pdf_bytes(code))
        page.select_option("#doc_code", code)
        page.set_input_files("#files", str(path))
        with page.expect_navigation():
            page.click("#attachments form.portal-form button[type=submit]")
    # A renamed archive is refused with a clear message and nothing else changes.
    bad = tmp_path / "sneaky.pdf"
    bad.write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 64)
    page.set_input_files("#files", str(bad))
    with page.expect_navigation():
        page.click("#attachments form.portal-form button[type=submit]")
    expect(page.locator(".portal-messages")).to_contain_text("압축파일(7z)")
    assert app.attachments.count() == 3

    expect(page.locator("#problems")).not_to_contain_text("필수 서류")
    page.click(f"a[href$='/applications/{app.pk}/submit/']")  # "최종 제출…" / "Final submission…"
    page.click("label[for='confirm']")
    with page.expect_navigation():
        page.click("#submit-btn")
    expect(page.locator("#receipt-no")).to_contain_text("-00001")
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED and len(app.digest) == 64
    assert page.external_requests == []
