"""An evaluator excluded for a conflict of interest no longer sees the application's title."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from evaluation.domain.committees import auto_assign, decide_exclusion_request, request_exclusion
from evaluation.models import Assignment
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def excluded(committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications[:1], actor=staff)
    assignment = Assignment.objects.filter(application=applications[0]).first()
    app = applications[0]
    app.title_ko = "기밀 과제명 COI-TITLE-7731"
    app.save()
    client = Client()
    client.force_login(assignment.evaluator)
    page = client.get(reverse("evaluation:score", args=[assignment.pk]))
    assert page.status_code == 200 and app.title_ko in page.content.decode()  # active: shown
    record = request_exclusion(
        application=app, named_person=assignment.evaluator.last_name, reason="공동연구 이력",
        actor=app.applicant,
    )  # fmt: skip
    decide_exclusion_request(
        record=record, uphold=True, actor=staff, decision_reason="이해충돌 인정",
        evaluator=assignment.evaluator,
    )  # fmt: skip
    assignment.refresh_from_db()
    assert assignment.status == "excluded"
    return assignment, client


def test_excluded_evaluator_pages_hide_the_title(excluded):
    assignment, client = excluded
    title = assignment.application.title_ko
    for url in (
        reverse("evaluation:score", args=[assignment.pk]),
        reverse("evaluation:my-assignments"),
        reverse("evaluation:recuse", args=[assignment.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (200, 403), url
        assert title not in response.content.decode(), url
    for name in ("evaluation:dossier", "evaluation:dossier-pdf"):
        assert client.get(reverse(name, args=[assignment.application_id])).status_code == 403
    saved = client.post(
        reverse("evaluation:score-save", args=[assignment.pk]), {"comment": "x"}, follow=True
    )
    assert title not in saved.content.decode()


def test_excluded_evaluator_api_hides_the_title(excluded):
    assignment, _client = excluded
    title = assignment.application.title_ko
    api = client_for(assignment.evaluator)
    listed = api.get(reverse("evaluation-api-assignments"))
    assert listed.status_code == 200 and title not in json.dumps(listed.json(), ensure_ascii=False)
    dossier = api.get(reverse("evaluation-api-dossier", args=[assignment.pk]))
    assert dossier.status_code in (403, 404)
    assert title not in dossier.content.decode()
    for name in ("evaluation-api-scores", "evaluation-api-submit"):
        response = api.post(reverse(name, args=[assignment.pk]), {"criteria": []}, format="json")
        assert response.status_code < 500
        assert title not in json.dumps(response.json(), ensure_ascii=False), name
