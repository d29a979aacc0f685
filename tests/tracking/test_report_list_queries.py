"""The outcome-report list pages and API (tracking/interfaces/reports_pages.py, reports_api.py) run
the same number of queries for 2 and for 20 reports, for staff, officials and the institution."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.tracking.helpers import completed_project
from tracking.models import ReportStatus, TrackingReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
BOUND = 12


def _reports(institution, n: int, start: int) -> None:
    for i in range(start, start + n):
        project = completed_project(institution=institution)
        TrackingReport.objects.create(
            project=project, program=project.program, institution=institution, report_year_no=1,
            covers_year=2026, due_on=dt.date(2027, 3, 31) + dt.timedelta(days=i),
            status=ReportStatus.SUBMITTED if i % 2 else ReportStatus.OPEN,
        )  # fmt: skip


def _count(get) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = get()
        assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICIAL, Role.APPLICANT])
def test_report_lists_do_not_grow_with_the_reports(role, django_assert_max_num_queries):
    project = completed_project()
    institution = project.lead_institution
    user = UserFactory(username=f"rq-{role}", role=role,
                       institution=institution if role == Role.APPLICANT else None)  # fmt: skip
    page = Client()
    page.force_login(user)
    api = client_for(user)
    _reports(institution, 2, 0)
    page.get("/tracking/reports/")  # warm-up: the first request of a session writes it
    small = (_count(lambda: page.get("/tracking/reports/")),
             _count(lambda: api.get("/api/v1/tracking/reports/")))  # fmt: skip
    _reports(institution, 18, 2)
    with django_assert_max_num_queries(BOUND):
        html = page.get("/tracking/reports/")
    assert len(re.findall(r'id="report-\d+"', html.content.decode())) == 20
    large = (_count(lambda: page.get("/tracking/reports/")),
             _count(lambda: api.get("/api/v1/tracking/reports/")))  # fmt: skip
    assert large == small
    assert len(api.get("/api/v1/tracking/reports/").json()) >= 20 or role != Role.APPLICANT
