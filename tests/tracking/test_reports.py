"""Outcome reports: transition table, audit, pre-fill from last year and the portal, jump check,
evidence checked by content, staff review."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from accounts.models import AuditEntry
from config.locking import AlreadyDecided
from tests.postgres_only import needs_postgresql_sql
from tests.tracking.helpers import completed_project, member
from tracking.domain.evidence import add_evidence
from tracking.domain.obligations import run_report_obligations
from tracking.domain.reports import ReportRefused, prefill, save_figures, set_report_status, submit
from tracking.models import ReportStatus

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


def two_years():
    project = completed_project()
    run_report_obligations(today=dt.date(2027, 1, 2))
    run_report_obligations(today=dt.date(2028, 1, 2))
    first, second = project.tracking_reports.order_by("report_year_no")
    return project, first, second


def test_filing_then_review_follows_the_table_and_is_audited(catalogue):
    project, first, _second = two_years()
    user, staff = member(project), member(project, Role.STAFF)
    save_figures(report=first, values={"sales_krw": 50_000_000, "hires_research": 2}, actor=user)
    submit(report=first, actor=user)
    with pytest.raises(AlreadyDecided):
        submit(report=first, actor=user)  # a double click files once
    with pytest.raises(AlreadyDecided):
        save_figures(report=first, values={"sales_krw": 1}, actor=user)
    set_report_status(report=first, status=ReportStatus.CHANGES_REQUESTED, actor=staff, note="증빙")
    submit(report=first, actor=user)
    set_report_status(report=first, status=ReportStatus.ACCEPTED, actor=staff)
    first.refresh_from_db()
    assert first.status == ReportStatus.ACCEPTED and first.reviewed_by == staff
    actions = list(
        AuditEntry.objects.filter(object_id=str(first.pk)).values_list("action", flat=True)
    )
    assert actions.count("tracking.report.submitted") == 2 and "tracking.report.accepted" in actions
    assert "tracking.report.edit" in actions


def test_prefill_uses_last_year_and_other_selections(catalogue):
    project, first, second = two_years()
    user = member(project)
    save_figures(report=first, values={"sales_krw": 70_000_000, "patents_filed": 3}, actor=user)
    completed_project(institution=project.lead_institution, ends_on=dt.date(2028, 6, 30))
    other = project.lead_institution.led_projects.exclude(pk=project.pk).get()
    other.selected_on = dt.date(second.covers_year, 2, 1)
    other.title = "후속 과제"
    other.save()
    known = prefill(report=second)
    assert known["values"]["sales_krw"] == 70_000_000 and known["values"]["patents_filed"] == 3
    assert known["known"]["seoul_rnd_selections"] == ["후속 과제"]


@pytest.mark.parametrize(
    ("values", "jumped"),
    [({"sales_krw": 100_000_001}, True), ({"sales_krw": 100_000_000}, False),
     ({"hires_research": 0, "hires_other": 0}, True), ({"hires_research": 1}, False)],
)  # fmt: skip
def test_a_jump_beyond_the_rule_needs_a_note(catalogue, values, jumped):
    project, first, second = two_years()
    user = member(project)
    save_figures(report=first, values={"sales_krw": 10_000_000, "hires_research": 2}, actor=user)
    base = {"sales_krw": 10_000_000, "hires_research": 2}
    if jumped:
        with pytest.raises(ReportRefused) as exc:
            save_figures(report=second, values={**base, **values}, actor=user)
        assert exc.value.code == "jump_note_required"
        save_figures(report=second, values={**base, **values}, actor=user, note="신제품 출시")
        second.refresh_from_db()
        assert second.jump_note == "신제품 출시"
    else:
        save_figures(report=second, values={**base, **values}, actor=user)


def test_evidence_is_checked_by_content(catalogue):
    project, first, _ = two_years()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    with pytest.raises(ReportRefused) as exc:
        add_evidence(report=first, uploaded=fake, actor=member(project))
    assert exc.value.code == "evidence_refused"
    assert first.evidence.count() == 0
