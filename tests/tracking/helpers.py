"""Helpers of the outcome-report tests: a completed project of an institution."""

import datetime as dt

from accounts.enums import Role
from agreements.enums import ProjectStatus
from agreements.models import Project
from programs.models import Program
from tests.factories import InstitutionFactory, UserFactory


def completed_project(*, result="normal", ends_on=dt.date(2025, 12, 31), institution=None):
    institution = institution or InstitutionFactory()
    program = Program.objects.order_by("pk").first()
    return Project.objects.create(
        program=program, lead_institution=institution, title="추적 과제", selected_on=dt.date(2024, 1, 1),
        starts_on=dt.date(2024, 1, 1), ends_on=ends_on, status=ProjectStatus.COMPLETED,
        final_result=result,
    )  # fmt: skip


def member(project, role=Role.APPLICANT):
    return UserFactory(role=role, institution=project.lead_institution)
