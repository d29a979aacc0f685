"""The running totals the outcomes dashboard reads (OutcomeTally) stay equal to the accepted
reports: a report counts once when staff accept it, never before, never twice; rebuilding from the
reports gives the same rows."""

import pytest

from accounts.enums import Role
from tests.factories import UserFactory
from tests.tracking.outcomes_helpers import tracked_report
from tracking.domain.outcome_tallies import rebuild_outcome_tallies
from tracking.domain.outcomes import aggregate_reports, catalogue, parse_filters, report_aggregates
from tracking.domain.reports import set_report_status
from tracking.models import OutcomeTally, ReportStatus

pytestmark = pytest.mark.django_db


def _rows(fn) -> dict:
    filters = parse_filters(params={"from": "2000", "to": "2100"}, programs=catalogue())
    return {(r["program_id"], r["covers_year"]): r for r in fn(filters=filters)}


def test_accepting_through_the_state_function_counts_once(catalogue):
    staff = UserFactory(role=Role.STAFF)
    report = tracked_report(status=ReportStatus.SUBMITTED, sales_krw=5_000_000, talks=2)
    assert not OutcomeTally.objects.exists()  # a submitted report does not count
    set_report_status(report=report, status=ReportStatus.ACCEPTED, actor=staff)
    report.save()  # saved again, unchanged: nothing counts twice
    tally = OutcomeTally.objects.get()
    assert (tally.reports, tally.sales_krw, tally.talks) == (1, 5_000_000, 2)
    assert _rows(report_aggregates) == _rows(aggregate_reports)


def test_changes_and_deletions_of_accepted_reports_apply_the_difference(catalogue):
    a = tracked_report(program="R04", covers_year=2026, sales_krw=10, awards=1)
    tracked_report(program="R04", covers_year=2026, sales_krw=7, certifications=3)
    tracked_report(program="R05", covers_year=2027, hires_other=4)
    tracked_report(program="R05", covers_year=2027, status=ReportStatus.OPEN, hires_other=40)
    a.sales_krw = 15
    a.save()
    assert _rows(report_aggregates) == _rows(aggregate_reports)
    a.delete()
    a.project.delete()
    assert _rows(report_aggregates) == _rows(aggregate_reports)
    r04 = OutcomeTally.objects.get(program__code="R04")
    assert (r04.reports, r04.sales_krw, r04.awards, r04.certifications) == (1, 7, 0, 3)


def test_rebuild_gives_the_same_rows(catalogue):
    for i in range(6):
        tracked_report(program=("R01", "R08")[i % 2], covers_year=2026 + i % 3, patents_filed=i)
    before = _rows(report_aggregates)
    OutcomeTally.objects.all().delete()
    assert rebuild_outcome_tallies() == len(before) == 6
    assert _rows(report_aggregates) == before == _rows(aggregate_reports)


def test_rebuild_command(catalogue):
    from io import StringIO

    from django.core.management import call_command

    tracked_report(program="R04", covers_year=2026, talks=5)
    OutcomeTally.objects.all().delete()
    out = StringIO()
    call_command("rebuild_outcome_tallies", stdout=out)
    assert "1 programme-year" in out.getvalue() and OutcomeTally.objects.get().talks == 5
