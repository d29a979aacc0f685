"""Builders of the outcomes-dashboard tests: accepted (and other) outcome reports of projects."""

import datetime as dt

from agreements.enums import ProjectStatus
from agreements.models import Project
from programs.models import Program
from tests.factories import InstitutionFactory
from tracking.domain.history import load_history
from tracking.models import ReportStatus, TrackingReport


def tracked_report(*, program: str = "R04", covers_year: int = 2026, status=ReportStatus.ACCEPTED,
                   institution=None, **figures) -> TrackingReport:  # fmt: skip
    """A report of a new completed project of `program` (code) for `covers_year`."""
    institution = institution or InstitutionFactory()
    prog = Program.objects.get(code=program)
    project = Project.objects.create(
        program=prog, lead_institution=institution, title=f"성과 과제 {program}",
        selected_on=dt.date(2023, 1, 1), starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(covers_year - 1, 12, 31), status=ProjectStatus.COMPLETED,
        final_result="normal",
    )  # fmt: skip
    return TrackingReport.objects.create(
        project=project, program=prog, institution=institution, report_year_no=1,
        covers_year=covers_year, due_on=dt.date(covers_year + 1, 3, 31), status=status, **figures,
    )  # fmt: skip


def with_history():
    load_history()
