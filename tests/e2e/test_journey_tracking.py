"""The journey continues after the final evaluation (issue 13), in Chromium: a project whose final
result is a success gets its first outcome report (추적조사) → the institution files it in the
browser → SBA staff accept it → a city official signs in and sees its figures on the outcomes
dashboard, beside the city's printed record.

The state before (agreement, final round scored by three evaluators, success decided, the yearly
job opening the report) is built with the same domain functions as the closing and tracking tests
(tests/agreements/closing_helpers.py, tests/tracking/helpers.py); only the tracking part is clicked.
"""

import datetime as dt
import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from accounts.enums import Role  # noqa: E402
from agreements.domain.rounds import decide_final  # noqa: E402
from agreements.enums import ProjectStatus  # noqa: E402
from agreements.models import Project  # noqa: E402
from tests.agreements.closing_helpers import scored_round, staff  # noqa: E402
from tests.agreements.factories import agreement_for  # noqa: E402
from tests.e2e.journey import SESSIONS, STAFF_PASSWORD, a11y, a11y_en, act_as, confirm_click  # noqa: E402
from tests.factories import UserFactory  # noqa: E402
from tracking.domain.history import load_history  # noqa: E402
from tracking.domain.obligations import run_report_obligations  # noqa: E402
from tracking.models import ReportStatus, TrackingReport  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SALES_KRW = 2_500_000_000  # 2,500 million KRW


@pytest.fixture
def first_report(catalogue):
    """A one-year agreement of 2025 judged a success; the job of 2 Jan 2027 opens the report for
    2026, the first of its five tracking years."""
    load_history()
    agreement = agreement_for(starts_on=dt.date(2025, 1, 1))
    Project.objects.create(
        program=agreement.program, application=agreement.application,
        lead_institution=agreement.lead_institution, title="수소 진단 키트 사업화",
        selected_on=dt.date(2024, 12, 1), starts_on=agreement.starts_on,
        ends_on=agreement.ends_on, status=ProjectStatus.RUNNING,
    )  # fmt: skip
    rnd = scored_round(agreement, "final", [90, 88, 86])
    decide_final(rnd=rnd, success=True, reason="최종 목표 달성", actor=staff())
    run_report_obligations(today=dt.date(2027, 1, 2))
    report = TrackingReport.objects.get(project__application=agreement.application)
    assert report.covers_year == 2026 and report.status == ReportStatus.OPEN
    return report


def institution_files(page, url, report):
    applicant = report.project.application.applicant
    act_as(page, url, applicant, STAFF_PASSWORD, "/tracking/reports/")
    a11y(page, "outcome reports (institution)")
    with page.expect_navigation():
        page.click(f"a[href$='/tracking/reports/{report.pk}/']")
    a11y(page, "outcome report form")
    page.fill("#id_sales_krw", str(SALES_KRW))
    page.fill("#id_hires_research", "3")
    page.fill("#id_hires_production", "1")
    page.fill("#id_patents_filed", "2")
    # The "Save and file" button carries data-confirm, but static/js/portal.js asks only for a
    # form's data-confirm: accept a dialog if one comes, without requiring it (reported).
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#report-form button[value=submit]")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED, page.locator("main").inner_text()[:500]


def staff_accepts(page, url, report):
    reviewer = UserFactory(username="track-staff", role=Role.STAFF, first_name="김검토")
    act_as(page, url, reviewer, STAFF_PASSWORD, f"/tracking/reports/{report.pk}/")
    page.select_option("#id_decision", "accept")
    confirm_click(page, "#review-form button[type=submit]")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def official_sees_it(page, url, report):
    official = UserFactory(username="track-official", role=Role.OFFICIAL, first_name="이주무")
    act_as(page, url, official, STAFF_PASSWORD, "/")
    with page.expect_navigation():
        page.click("nav a[href$='/tracking/outcomes/']")
    page.wait_for_selector("#sales-chart[data-chart-ready=true]")
    a11y(page, "outcomes dashboard")
    row = page.locator("#period-2026").inner_text()
    assert "2,500" in row and "1" in row, row  # 2,500 million KRW from the accepted report
    totals = page.locator("#totals-total").inner_text()
    assert f"{503005 + 2500:,}" in totals, totals  # the printed 2005–2019 sales + the report
    code = report.program.code
    page.select_option("#f-program", code)
    with page.expect_navigation():
        page.click("#outcomes-filter button[type=submit]")
    assert "2,500" in page.locator(f"#program-{code}").inner_text()
    assert "503,005" not in page.locator("#totals-total").inner_text()  # no city-wide history
    a11y_en(page, "outcomes dashboard (one programme)")


def test_success_to_first_report_to_officials_dashboard(browser_page, live_server, first_report):
    page, url = browser_page, live_server.url
    SESSIONS.clear()
    institution_files(page, url, first_report)
    staff_accepts(page, url, first_report)
    official_sees_it(page, url, first_report)
    assert page.external_requests == []
