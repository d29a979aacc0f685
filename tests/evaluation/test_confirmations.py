"""Every irreversible staff action asks for confirmation (``<form data-confirm>``, static/js/
portal.js) and says what it will do, with counts computed server-side; the page also says
beforehand why the timeline would refuse it."""

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from evaluation.domain.committees import auto_assign, request_exclusion
from evaluation.domain.decisions import decide_candidate, file_objection, publish_results
from evaluation.domain.results import compute_stage_results
from evaluation.models import StageResult
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all

pytestmark = pytest.mark.django_db

POINTS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [18, 18, 18, 16], [10] * 4]


def confirms(body: str) -> list[str]:
    """The data-confirm messages of the page's forms (unescaped)."""
    return [html.unescape(m) for m in re.findall(r'<form[^>]*data-confirm="([^"]*)"', body)]


@pytest.fixture
def client_staff(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def presented(call, committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications, actor=staff)
    for app, points in zip(applications, POINTS, strict=True):
        score_all(committee, app, [points] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    pres = committee_with_members(call, n=3, stage="presentation", actor=staff)
    advancing = [
        r.application
        for r in StageResult.objects.filter(call=call, stage="document", advances=True)
    ]
    auto_assign(committee=pres, applications=advancing, actor=staff)
    for app, points in zip(advancing, POINTS, strict=False):
        score_all(pres, app, [points] * 3)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    return applications


def test_portal_js_confirms_forms_before_sending():
    js = (Path(settings.BASE_DIR) / "static/js/portal.js").read_text()
    assert 'hasAttribute("data-confirm")' in js and "window.confirm" in js
    assert "event.preventDefault()" in js and "event.defaultPrevented" in js


def test_screening_release_says_how_many_applicants_are_notified(call, staff, client_staff):
    run = ScreeningRun.objects.create(call=call, status="done", total=3, processed=3)
    for outcome in ("pass", "pass", "fail"):
        app = ApplicationFactory(call=call, status="submitted")
        ScreeningResult.objects.create(run=run, application=app, outcome=outcome, rules=[])
    body = client_staff.get(reverse("screening:run", args=[run.pk])).content.decode()
    [message] = confirms(body)
    assert "3명의 신청자에게" in message and "통과 2" in message and "탈락 1" in message
    assert 'id="release-refused"' not in body  # the call has closed: nothing to refuse
    try:
        english = client_staff.get("/en" + reverse("screening:run", args=[run.pk]))
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the /en request leaves "en" active
    [message_en] = confirms(english.content.decode())
    assert message_en.startswith("3 applicants will be notified") and "2 pass, 1 fail" in message_en


def test_screening_release_page_says_why_it_would_be_refused(call, staff, client_staff):
    call.closes_at = timezone.now() + dt.timedelta(days=1)
    call.save()
    run = ScreeningRun.objects.create(call=call, status="done", total=0, processed=0)
    body = client_staff.get(reverse("screening:run", args=[run.pk])).content.decode()
    assert 'id="release-refused"' in body and "The call is still open" in body


def test_ranking_compute_says_how_many_applications(call, presented, client_staff):
    body = client_staff.get(reverse("evaluation:ranking", args=[call.pk, "document"])).content
    [message] = confirms(body.decode())
    assert "5건" in message and "순위" in message
    pres = client_staff.get(reverse("evaluation:ranking", args=[call.pk, "presentation"]))
    [message] = confirms(pres.content.decode())
    assert "4건" in message  # four advanced to the presentation


def test_committee_page_confirms_each_decision_and_publication(
    call, presented, staff, client_staff
):
    url = reverse("evaluation:committee-decisions", args=[call.pk])
    body = client_staff.get(url).content.decode()
    messages = confirms(body)
    candidates = StageResult.objects.filter(call=call, stage="presentation", advances=True)
    assert len(messages) == candidates.count() + 1  # one per candidate's decision, and publish
    for result in candidates:
        assert any(result.application.receipt_no in m for m in messages)
    publish = messages[-1]
    assert "5명의 신청자에게" in publish and "선정 0건" in publish
    assert 'id="publish-refused"' in body and "실무조정위원회 결정이 3건 남았습니다" in body
    for order, result in enumerate(candidates.order_by("rank"), start=1):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="순위", actor=staff)  # fmt: skip
    body = client_staff.get(url).content.decode()
    assert "5명의 신청자에게" in confirms(body)[-1] and "선정 3건" in confirms(body)[-1]
    assert 'id="publish-refused"' not in body


def test_objection_and_coi_decisions_ask_for_confirmation(call, presented, staff, client_staff):
    for order, result in enumerate(
        StageResult.objects.filter(call=call, stage="presentation", advances=True).order_by("rank"),
        start=1,
    ):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="순위", actor=staff)  # fmt: skip
    publish_results(call=call, actor=staff)
    app = presented[4]
    objection = file_objection(application=app, stage="document", text="이의", actor=app.applicant)
    body = client_staff.get(reverse("evaluation:objection", args=[objection.pk])).content.decode()
    [message] = confirms(body)
    assert app.receipt_no in message and "통지" in message
    request_exclusion(application=app, named_person="홍길동", reason="이해관계",
                      actor=app.applicant)  # fmt: skip
    body = client_staff.get(reverse("evaluation:coi", args=[call.pk])).content.decode()
    [message] = confirms(body)
    assert app.receipt_no in message and "기피" in message
