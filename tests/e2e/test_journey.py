"""The whole journey of one call in Chromium, each role in the browser as they would work:

staff open a call in the admin → a PI signs up (e-mailed link), registers the institution, fills in
every section of the plan, uploads a PDF and submits (receipt) → after the close staff screen and
release → an evaluator signs the pledge, reads the dossier and its attachment, scores and submits
(document and presentation stages) → staff aggregate, confirm the single-score results, record the
site check, decide in committee and publish → the PI reads the result and the notice PDF in the hub
and files an objection.

Set up in Python only: the catalogue, the staff and evaluator accounts, and the clock (the call's
close is moved into the past between steps). Every irreversible staff action is confirmed in the
dialog that static/js/portal.js opens.
"""

import datetime as dt
import os
import re

import pytest
from django.core import mail
from django.utils import timezone

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from accounts.models import User  # noqa: E402
from applications.enums import ApplicationStatus  # noqa: E402
from applications.models import Application  # noqa: E402
from evaluation.models import CommitteeDecision, ResultNotice, ScoreSheet, StageResult  # noqa: E402
from programs.models import Call, Program  # noqa: E402
from tests.applications.files import pdf_bytes  # noqa: E402
from tests.e2e.journey import (  # noqa: E402
    SESSIONS,
    STAFF_PASSWORD,
    a11y,
    a11y_en,
    act_as,
    confirm_click,
    messages_text,
    tick,
)
from tests.factories import UserFactory  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "blue-Harbour-2026"
CALL_TITLE = "2026년 중소기업 기술상용화 지원 공고(여정)"
PLAN_TEXT = {
    "title_ko": "수소 연료전지 진단 플랫폼",
    "title_en": "Hydrogen fuel-cell diagnostics platform",
    "summary": "연료전지 스택의 열화를 조기에 진단합니다.",
    "objectives": "진단 정확도 95% 달성",
    "content": "센서 데이터 수집과 열화 모델 개발",
    "expected_outcomes": "정비 비용 30% 절감",
    "outcome_use": "버스 운수사 대상 사업화",
    "tech_classification": "에너지-수소",
    "keywords": "수소, 연료전지, 진단",
}
SCORES = {"creativity": "22", "market": "21", "concreteness": "20", "commercialisation": "19.5"}


# -- the steps -------------------------------------------------------------------------------------


def staff_opens_call(page, url, staff) -> Call:
    act_as(page, url, staff, STAFF_PASSWORD, "/staff/")
    a11y(page, "staff home")
    with page.expect_navigation():
        page.click("header a[href$='/admin/']")
    with page.expect_navigation():
        page.click("a[href$='/admin/programs/call/add/']")
    a11y(page, "admin: add a call")
    page.fill("#id_title", CALL_TITLE)
    page.fill("#id_title_en", "2026 SME technology commercialisation call (journey)")
    page.fill("#id_description", "중소기업의 기술상용화를 지원합니다.")
    page.select_option("#id_programs", str(Program.objects.get(code="R01").pk))
    today = timezone.localdate()
    page.fill("#id_opens_at", f"{today - dt.timedelta(days=1)}T09:00")
    page.fill("#id_closes_at", f"{today + dt.timedelta(days=14)}T16:00")
    page.fill("#id_slots", "1")
    page.fill("#id_budget_envelope_krw", "100000000")
    # the standard documents are ticked by name; this call asks only for the plan
    assert page.locator("input[name=standard_documents][value=plan]").is_checked()
    page.uncheck("input[name=standard_documents][value=registry]")
    page.uncheck("input[name=standard_documents][value=financials]")
    page.select_option("#id_status", "published")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".errornote").count() == 0, page.locator("#content").inner_text()
    call = Call.objects.get(title=CALL_TITLE)
    assert call.is_open and [p.code for p in call.programs.all()] == ["R01"]
    return call


def applicant_signs_up(page, url) -> User:
    page.context.clear_cookies()
    page.goto(url + "/")
    a11y(page, "home")
    with page.expect_navigation():
        page.click("header a[href='/accounts/signup/']")
    a11y(page, "sign-up")
    page.fill("#id_username", "journey.pi")
    page.fill("#id_name", "한수소")
    page.fill("#id_email", "journey.pi@example.kr")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    a11y(page, "sign-up: e-mail sent")
    link = re.search(r"https?://\S+/accounts/signup/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    a11y(page, "sign-up: confirm the address")
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    assert page.url.endswith("/accounts/institution/")  # signed in, asked for the institution
    a11y(page, "register an institution")
    page.fill("#id_name", "주식회사 수소진단")
    page.fill("#id_name_en", "H2 Diagnostics Inc.")
    page.select_option("#id_type", "company")
    page.fill("#id_business_no", "124-81-00998")
    page.fill("#id_corporate_no", "130111-0006246")
    page.fill("#id_representative", "한수소")
    page.fill("#id_incorporated_on", (timezone.localdate() - dt.timedelta(days=400)).isoformat())
    tick(page, "#id_is_sme")
    if not page.is_checked("#id_is_corporation"):
        tick(page, "#id_is_corporation")
    tick(page, "#id_seoul_tax_office")
    page.fill("#id_hq_address", "서울특별시 성북구 화랑로 14길 5")
    page.select_option("#id_hq_district", "성북구")
    with page.expect_navigation():
        page.click("form.portal-form button[type=submit]")
    assert page.locator("#my-institution").is_visible(), page.locator("main").inner_text()
    a11y(page, "my institution")
    user = User.objects.get(username="journey.pi")
    assert user.is_active and user.institution.name == "주식회사 수소진단"
    return user


def applicant_fills_and_submits(page, url, user, call, tmp_path) -> Application:
    with page.expect_navigation():
        page.click("header a[href='/applications/']")
    a11y(page, "my applications (empty)")
    with page.expect_navigation():
        page.click(f"a[href='/applications/calls/{call.pk}/apply/']")
    a11y(page, "apply to the call")
    with page.expect_navigation():
        page.click("section.call-actions button[type=submit]")
    a11y(page, "plan form (new draft)")
    app = Application.objects.get(applicant=user)
    # 1. plan (autosaved); R01 has two tracks (crowdfunding / open evaluation): one is required
    page.select_option("#id_track", "open_evaluation")
    for name, value in PLAN_TEXT.items():
        page.fill(f"#id_{name}", value)
    page.fill("#id_current_trl", "6")
    page.fill("#id_target_trl", "8")
    page.fill("#id_period_months", "6")
    starts, ends = _six_months_from_next_month()
    page.fill("#id_starts_on", starts.isoformat())
    page.fill("#id_ends_on", ends.isoformat())
    page.locator("#id_ends_on").dispatch_event("change")
    page.wait_for_function(
        "() => /\\d\\d:\\d\\d:\\d\\d/.test(document.querySelector('#autosave-status').textContent)"
    )
    # 2. institutions: the lead's role in the project
    page.fill("#institutions input[name$='-role_description']", "총괄 및 플랫폼 개발")
    with page.expect_navigation():
        page.click("#institutions button[type=submit]")
    # 3. researchers
    page.fill("#res-900-no", "20260101")
    page.fill("#res-900-name", "한수소")
    page.select_option("#res-900-role", "pi")
    page.fill("#res-900-rate", "40")
    page.fill("#res-901-no", "20260102")
    page.fill("#res-901-name", "김연구")
    page.fill("#res-901-rate", "50")
    with page.expect_navigation():
        page.click("#researchers button[type=submit]")
    # 4. budget (city 30 M, cash 4 M, in kind 8 M: private 28.6 %, cash 13 % of the city grant)
    page.select_option("#bud-900-inst", str(user.institution_id))
    page.select_option("#bud-900-cat", "personnel")
    page.fill("#bud-900-city", "30,000,000")
    page.fill("#bud-900-cash", "4,000,000")
    page.fill("#bud-900-inkind", "8,000,000")
    with page.expect_navigation():
        page.click("#budget button[type=submit]")
    assert "42,000,000" in page.locator("#budget").inner_text()
    # 5. electronic forms: eligibility answers, consent, one R&D record row
    for box in page.locator("#forms input[type=checkbox][name^=elig-]").all():
        page.click(f"label[for='{box.get_attribute('id')}']")
    page.click("label[for='privacy_consent']")
    first = page.locator("#f-rnd_record tbody tr").first
    first.locator("input[name$='-year']").fill("2025")
    first.locator("input[name$='-title']").fill("연료전지 센서 시제품")
    first.locator("input[name$='-agency']").fill("서울경제진흥원")
    first.locator("input[name$='-amount_krw']").fill("20000000")
    with page.expect_navigation():
        page.click("#forms button[type=submit]")
    # 6. attachments: the plan as a PDF
    plan_pdf = tmp_path / "plan.pdf"
    plan_pdf.write_bytes(pdf_bytes("plan"))
    page.select_option("#doc_code", "plan")
    page.set_input_files("#files", str(plan_pdf))
    with page.expect_navigation():
        page.click("#attachments form.portal-form button[type=submit]")
    problems = page.locator("#problems").inner_text()
    assert app.attachments.count() == 1, problems
    a11y(page, "plan form (complete)")
    # submit
    with page.expect_navigation():
        page.click(f"a[href$='/applications/{app.pk}/submit/']")
    a11y(page, "final submission")
    page.click("label[for='confirm']")
    with page.expect_navigation():
        page.click("#submit-btn")
    assert re.search(r"-\d{5}", page.locator("#receipt-no").inner_text())
    a11y(page, "receipt")
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED and len(app.digest) == 64
    assert app.rnd_record and app.researchers.count() == 2
    return app


def _six_months_from_next_month() -> tuple[dt.date, dt.date]:
    """The project period: six months (R01's maximum) from the first day of next month."""
    today = timezone.localdate()
    starts = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    after = dt.date(starts.year + (starts.month + 5) // 12, (starts.month + 5) % 12 + 1, 1)
    return starts, after - dt.timedelta(days=1)


def close_call(call) -> None:
    """The clock: the call closed a minute ago (its open moved back too, so it stays valid)."""
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(minutes=1)
    )


def staff_records_credit_check(page, url, staff, institution) -> None:
    """Screening data staff keep in the admin: the lead institution's credit check (신용조회)."""
    act_as(page, url, staff, STAFF_PASSWORD, "/admin/screening/creditstatus/add/")
    a11y(page, "admin: add a credit check")
    page.fill("#id_institution", str(institution.pk))
    page.fill("#id_checked_on", (timezone.localdate() - dt.timedelta(days=2)).isoformat())
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".errornote").count() == 0, page.locator("#content").inner_text()
    assert institution.credit_statuses.count() == 1


def staff_screens_and_releases(page, url, staff, call) -> None:
    page.goto(url + "/staff/")  # the staff home: the call's pipeline counts one submission
    assert page.locator(f"#pipeline-{call.pk} [data-stage=submitted]").inner_text() == "1"
    a11y_en(page, "staff home")
    with page.expect_navigation():
        page.click("header a[href$='/screening/']")
    a11y(page, "screening: calls")
    with page.expect_navigation():
        page.click(f"a[href$='/screening/calls/{call.pk}/']")
    a11y(page, "screening: runs of the call")
    with page.expect_navigation():
        page.click(f"form[action$='/screening/calls/{call.pk}/start/'] button")
    page.wait_for_selector("#release-run", timeout=20_000)
    outcome = page.locator("table.screening-results tbody tr").first.inner_text()
    assert "적합" in outcome, outcome  # pass
    a11y(page, "screening run")
    message = confirm_click(page, "#release-run")
    assert "1명" in message, message
    a11y(page, "screening run (released)")
    a11y_en(page, "screening run (released)")


def staff_sets_up_committee(page, url, call, stage: str, evaluator) -> None:
    page.goto(url + "/staff/")
    with page.expect_navigation():
        page.click(f"#pipeline-{call.pk} a[href$='/evaluation/calls/{call.pk}/']")
    a11y(page, "evaluation of the call")
    form = page.locator("form:has(button:text-matches('위원회'))").last
    form.locator("select[name=stage]").select_option(stage)
    form.locator("input[name=name]").fill(f"{stage} 평가위원회")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.click(f"a:text('{stage} 평가위원회')")
    member = page.locator("form:has(input[name=op][value=member])")
    member.locator("select[name=evaluator]").select_option(str(evaluator.pk))
    with page.expect_navigation():
        member.locator("button").click()
    with page.expect_navigation():
        page.click("form:has(input[name=op][value=auto]) button")
    assert "배정" in messages_text(page) or page.locator("table tbody tr").count() >= 1
    a11y(page, f"{stage} committee with its assignment")


def evaluator_scores(page, url, evaluator, app, *, stage_label: str, read_dossier: bool) -> None:
    act_as(page, url, evaluator, STAFF_PASSWORD, "/evaluation/my/")
    a11y(page, "my evaluations")
    with page.expect_navigation():
        page.click("a[id^=pledge-]")
    a11y(page, "COI pledge")
    page.click("label:has(#agree)")
    with page.expect_navigation():
        page.click("#sign-pledge")
    if read_dossier:
        with page.expect_navigation():
            page.click("a.dossier-link")
        assert PLAN_TEXT["title_ko"] in page.locator("main").inner_text()
        assert "42,000,000" in page.locator("#budget-total").inner_text()
        a11y(page, "dossier")
        # the attachment opens in a new window (the browser's PDF viewer), served inline
        link = page.locator("a.dossier-file-open").first
        href = link.get_attribute("href")
        with page.context.expect_page() as opened:
            link.click()
        viewer = opened.value
        viewer.wait_for_load_state()
        assert viewer.url == url + href
        viewer.close()
        shown = page.request.get(url + href)
        assert shown.status == 200 and shown.headers["content-type"] == "application/pdf"
        assert shown.headers["content-disposition"].startswith("inline")
        page.go_back()
    with page.expect_navigation():
        page.locator("tr", has_text=stage_label).locator("a.score-link").click()
    assert page.locator("#dossier-pane").is_visible()
    a11y(page, f"score sheet beside the dossier ({stage_label})")
    for code, points in SCORES.items():
        page.fill(f"#points_{code}", points)
    page.fill("#comment", "사업화 계획이 구체적임")
    assert page.locator("#running-total").inner_text() == "82.50"
    assert "잠" in confirm_click(page, "#submit-scores")
    assert page.locator("#locked-note").is_visible()
    a11y(page, "score sheet (submitted, locked)")


def staff_aggregates(page, url, staff, call, stage: str, app) -> None:
    act_as(page, url, staff, STAFF_PASSWORD, f"/evaluation/calls/{call.pk}/ranking/{stage}/")
    confirm_click(page, "#compute-stage")
    a11y(page, f"{stage} ranking")
    # one evaluator: the fallback result waits for staff confirmation, with a reason
    flagged = page.locator(f"form[action$='/flagged/{app.pk}/']")
    if flagged.count():
        flagged.locator("select[name=decision]").select_option("confirmed")
        flagged.locator("input[name=reason]").fill("평가위원 1인 평가로 진행(소규모 공고)")
        with page.expect_navigation():
            flagged.locator("button[type=submit]").click()
    result = StageResult.objects.get(application=app, stage=stage)
    assert result.advances, (stage, result.__dict__)
    a11y(page, f"{stage} ranking (confirmed)")


def staff_decides_and_publishes(page, url, call, app) -> None:
    page.goto(f"{url}/evaluation/calls/{call.pk}/committee/")
    a11y(page, "coordination committee")
    with page.expect_navigation():
        page.click(f"a[href$='/applications/{app.pk}/site-check/']")
    a11y(page, "site check")
    for name in ("researchers_ok", "facilities_ok", "infrastructure_ok"):
        tick(page, f"input[name={name}]")
    page.select_option("select[name=result]", "pass")
    page.fill("input[name=checked_on]", timezone.localdate().isoformat())
    with page.expect_navigation():
        page.click("form:has(select[name=result]) button")
    decide = page.locator(
        f"form:has(input[name=application][value='{app.pk}']):has(select[name=selected])"
    )
    decide.locator("select[name=selected]").select_option("1")
    decide.locator("input[name=order]").fill("1")
    decide.locator("input[name=reason]").fill("발표평가 1위, 현장점검 적합")
    seen: list[str] = []
    page.once("dialog", lambda d: (seen.append(d.message), d.accept()))
    with page.expect_navigation():
        decide.locator("button").click()
    assert seen and CommitteeDecision.objects.get(application=app).selected
    message = confirm_click(page, "#publish-results")
    assert "1" in message, message
    assert ResultNotice.objects.filter(application=app).exists()
    a11y(page, "coordination committee (published)")
    a11y_en(page, "coordination committee (published)")


def applicant_reads_result_and_objects(page, url, user, app) -> None:
    act_as(page, url, user, PASSWORD, "/")
    with page.expect_navigation():
        page.click("header a[href='/applications/']")
    card = page.locator(f"#application-{app.pk}")
    assert card.locator("[data-step=result]").get_attribute("data-state") == "done"
    assert "선정" in card.locator("[data-step=result]").inner_text()
    a11y(page, "my applications (result published)")
    # the screening outcome with its reasons, and the submitted plan (read-only), from the hub
    with page.expect_navigation():
        card.locator("a.hub-link--screening").click()
    assert "적합" in page.locator("main").inner_text()
    a11y(page, "screening result and reasons")
    page.go_back()
    with page.expect_navigation():
        card.locator("a.hub-link--dossier").click()
    assert PLAN_TEXT["title_ko"] in page.locator("main").inner_text()
    assert page.locator("main form[method=post]").count() == 0  # nothing to change any more
    a11y(page, "submitted application (read-only)")
    page.go_back()
    pdf_href = card.locator("a.hub-link--pdf").get_attribute("href")
    pdf = page.request.get(url + pdf_href)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    with page.expect_navigation():
        card.locator("a.hub-link--objection").click()
    a11y(page, "result and objection form")
    form = page.locator("form[action$='/objection/']")
    form.locator("textarea[name=text]").fill("발표평가 점수 산정 근거를 확인하고 싶습니다.")
    form.locator("select[name=stage]").select_option("presentation")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.goto(url + "/applications/")
    objections = page.locator(f"#application-{app.pk} .hub-objections").inner_text()
    assert "발표평가" in objections
    a11y(page, "my applications (objection filed)")
    a11y_en(page, "my applications (objection filed)")


# -- the journey ----------------------------------------------------------------------------------


def test_one_call_from_opening_to_objection(
    browser_page, live_server, catalogue, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    page, url = browser_page, live_server.url
    SESSIONS.clear()
    staff = UserFactory(username="journey-staff", role=Role.STAFF, first_name="김담당")
    evaluator = UserFactory(username="journey-evaluator", role=Role.EVALUATOR, first_name="이평가")

    call = staff_opens_call(page, url, staff)
    user = applicant_signs_up(page, url)
    app = applicant_fills_and_submits(page, url, user, call, tmp_path)

    close_call(call)
    staff_records_credit_check(page, url, staff, user.institution)
    staff_screens_and_releases(page, url, staff, call)
    staff_sets_up_committee(page, url, call, "document", evaluator)
    evaluator_scores(page, url, evaluator, app, stage_label="서류평가", read_dossier=True)
    staff_aggregates(page, url, staff, call, "document", app)
    staff_sets_up_committee(page, url, call, "presentation", evaluator)
    evaluator_scores(page, url, evaluator, app, stage_label="발표평가", read_dossier=False)
    staff_aggregates(page, url, staff, call, "presentation", app)
    staff_decides_and_publishes(page, url, call, app)
    assert ScoreSheet.objects.filter(assignment__application=app, status="submitted").count() == 2

    applicant_reads_result_and_objects(page, url, user, app)
    # (Chromium's own PDF viewer loads chrome:// resources; nothing from the internet)
    assert [u for u in page.external_requests if not u.startswith("chrome")] == []
