"""The outcome report is pre-filled with the performance certificates issued to the institution in
the year it covers (testbed programme), shown under "what the portal already knows"."""

import datetime as dt

import pytest
from django.test import Client

from agreements.enums import ProjectStatus
from agreements.models import Project
from applications.models.testbed import TestbedStep as T
from tests.applications.testbed_factories import advance, make_testbed_world, propose
from tests.factories import UserFactory
from tracking.domain.certificates import certificates_issued
from tracking.domain.reports import prefill
from tracking.models import TrackingReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(catalogue):
    w = make_testbed_world(prefix="pc")
    proposal = advance(w, propose(w), to=T.CERTIFIED)
    return proposal.certificate, proposal.application.lead_institution


def _report(institution, year: int) -> TrackingReport:
    project = Project.objects.create(
        program=TrackingReport._meta.get_field("program").related_model.objects.first(),
        lead_institution=institution, title="추적 과제", selected_on=dt.date(2020, 1, 1),
        starts_on=dt.date(2020, 1, 1), ends_on=dt.date(year - 1, 12, 31),
        status=ProjectStatus.COMPLETED, final_result="normal",
    )  # fmt: skip
    return TrackingReport.objects.create(
        project=project, program=project.program, institution=institution, report_year_no=1,
        covers_year=year, due_on=dt.date(year + 1, 3, 31),
    )  # fmt: skip


def test_certificates_of_the_covered_year_prefill_the_report(certified):
    certificate, institution = certified
    year = certificate.issued_on.year
    assert certificates_issued(institution_id=institution.pk, year=year) == 1
    assert certificates_issued(institution_id=institution.pk, year=year - 1) == 0
    this_year = prefill(report=_report(institution, year))
    assert this_year["known"]["certificates_issued"] == 1
    assert this_year["values"]["certifications"] == 1
    other = _report(institution, year - 1)
    assert prefill(report=other)["known"]["certificates_issued"] == 0
    assert "certifications" not in prefill(report=other)["values"]


def test_the_form_shows_the_certificates(certified):
    certificate, institution = certified
    report = _report(institution, certificate.issued_on.year)
    client = Client()
    client.force_login(UserFactory(username="pc-member", role="applicant", institution=institution))
    html = client.get(f"/tracking/reports/{report.pk}/").content.decode()
    assert 'id="known-certificates"' in html and 'name="certifications"' in html
    assert 'value="1"' in html.split('name="certifications"')[1][:80] or 'value="1"' in html
