"""The timeline is enforced server-side: screening release, aggregation, committee decisions and
publication are refused before the call has closed, and a later stage before the earlier one is
complete; each refusal says why in Korean and English (evaluation.domain.timeline)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from evaluation.domain import EvaluationError
from evaluation.domain.committees import auto_assign
from evaluation.domain.decisions import decide_candidate, publish_results
from evaluation.domain.results import compute_stage_results
from evaluation.domain.timeline import ACTIONS, GUARDS, TimelineRefused, check
from evaluation.models import ResultNotice, StageResult
from evaluation.screening.domain.runs import release_run
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all

pytestmark = pytest.mark.django_db

POINTS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [18, 18, 18, 16], [10] * 4]


def _reopen(call):
    """Move the call's close into the future (the call is open again)."""
    call.closes_at = timezone.now() + dt.timedelta(days=3)
    call.save(update_fields=["closes_at"])


def _close(call):
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.save(update_fields=["closes_at"])


def _refused(exc_info, code: str) -> TimelineRefused:
    exc = exc_info.value
    assert isinstance(exc, TimelineRefused) and isinstance(exc, EvaluationError)
    assert exc.code == code
    assert exc.message_ko and exc.message_en and exc.message_ko != exc.message_en
    return exc


@pytest.fixture
def documented(call, committee, applications, staff):
    """Document stage scored by three evaluators per application (not yet aggregated)."""
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications, actor=staff)
    for app, points in zip(applications, POINTS, strict=True):
        score_all(committee, app, [points] * 3)
    return applications


def _presentation(call, staff):
    pres = committee_with_members(call, n=3, stage="presentation", actor=staff)
    advancing = [
        r.application
        for r in StageResult.objects.filter(call=call, stage="document", advances=True)
    ]
    auto_assign(committee=pres, applications=advancing, actor=staff)
    for app, points in zip(advancing, POINTS, strict=False):
        score_all(pres, app, [points] * 3)


def _decide_all(call, staff):
    candidates = StageResult.objects.filter(call=call, stage="presentation", advances=True)
    for order, result in enumerate(candidates.order_by("rank"), start=1):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="발표평가 순위", actor=staff)  # fmt: skip


def test_every_action_names_known_guards_and_starts_with_the_close():
    for action, guards in ACTIONS.items():
        assert guards[0] == "call_closed", action
        assert all(name in GUARDS for name in guards)


# -- screening release --------------------------------------------------------------------------


def _done_run(call, staff):
    run = ScreeningRun.objects.create(call=call, status="done", total=1, processed=1)
    app = ApplicationFactory(call=call, status="submitted")
    ScreeningResult.objects.create(run=run, application=app, outcome="pass", rules=[])
    return run, app


def test_screening_release_refused_before_close_then_allowed(call, staff):
    run, app = _done_run(call, staff)
    _reopen(call)
    with pytest.raises(TimelineRefused) as refused:
        release_run(run=run, actor=staff)
    exc = _refused(refused, "call_open")
    assert "마감" in exc.message_ko and "still open" in exc.message_en
    run.refresh_from_db()
    app.refresh_from_db()
    assert run.released_at is None and app.status == "submitted"
    assert not AuditEntry.objects.filter(action="screening.run.release").exists()
    _close(call)
    release_run(run=run, actor=staff)
    run.refresh_from_db()
    app.refresh_from_db()
    assert run.released_at is not None and app.status == "in_evaluation"


def test_screening_release_page_shows_the_reason(call, staff):
    run, _app = _done_run(call, staff)
    _reopen(call)
    client = Client()
    client.force_login(staff)
    response = client.post(reverse("screening:release", args=[run.pk]), follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "공고 접수가 아직 마감되지 않았습니다" in body and "The call is still open" in body
    run.refresh_from_db()
    assert run.released_at is None


# -- aggregation / ranking ----------------------------------------------------------------------


def test_document_aggregation_refused_before_close_then_allowed(call, documented, staff):
    _reopen(call)
    with pytest.raises(TimelineRefused) as refused:
        compute_stage_results(call=call, stage="document", actor=staff)
    _refused(refused, "call_open")
    assert not StageResult.objects.filter(call=call).exists()
    _close(call)
    assert compute_stage_results(call=call, stage="document", actor=staff) == 5


def test_ranking_page_and_api_refuse_before_close_with_the_reason(call, documented, staff):
    _reopen(call)
    client = Client()
    client.force_login(staff)
    page = client.post(reverse("evaluation:ranking", args=[call.pk, "document"]), follow=True)
    assert page.status_code == 200
    assert "The call is still open" in page.content.decode()
    api = client.post(reverse("evaluation-api-aggregate", args=[call.pk, "document"]))
    assert api.status_code == 409 and api.json()["code"] == "call_open"  # at once, not in a worker
    assert api.json()["message_ko"].startswith("공고 접수가")
    assert not StageResult.objects.filter(call=call).exists()


def test_presentation_aggregation_needs_complete_document_results(call, documented, staff):
    with pytest.raises(TimelineRefused) as refused:
        compute_stage_results(call=call, stage="presentation", actor=staff)
    exc = _refused(refused, "document_pending")
    assert "서류평가" in exc.message_ko and "document-evaluation" in exc.message_en
    compute_stage_results(call=call, stage="document", actor=staff)
    # a new assignment after the aggregation: the document results are out of date
    late = ApplicationFactory(call=call)
    auto_assign(committee=documented[0].assignments.first().committee, applications=[late],
                actor=staff)  # fmt: skip
    with pytest.raises(TimelineRefused) as stale:
        compute_stage_results(call=call, stage="presentation", actor=staff)
    _refused(stale, "document_stale")
    compute_stage_results(call=call, stage="document", actor=staff)
    _presentation(call, staff)
    assert compute_stage_results(call=call, stage="presentation", actor=staff) > 0


# -- committee and publication ------------------------------------------------------------------


def test_committee_decision_needs_presentation_results(call, documented, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    candidate = documented[0]
    with pytest.raises(TimelineRefused) as refused:
        decide_candidate(application=candidate, selected=True, order=1, reason="1순위", actor=staff)
    _refused(refused, "presentation_pending")
    _presentation(call, staff)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    decision = decide_candidate(
        application=candidate, selected=True, order=1, reason="1순위", actor=staff
    )
    assert decision.pk


def test_committee_decision_refused_before_close(call, documented, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    _presentation(call, staff)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    _reopen(call)
    with pytest.raises(TimelineRefused) as refused:
        decide_candidate(application=documented[0], selected=True, order=1, reason="x", actor=staff)
    _refused(refused, "call_open")


def test_publish_needs_every_committee_decision_then_is_allowed(call, documented, staff):
    with pytest.raises(TimelineRefused) as nothing:
        publish_results(call=call, actor=staff)
    _refused(nothing, "document_pending")
    compute_stage_results(call=call, stage="document", actor=staff)
    with pytest.raises(TimelineRefused) as no_presentation:
        publish_results(call=call, actor=staff)
    _refused(no_presentation, "presentation_pending")
    _presentation(call, staff)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    with pytest.raises(TimelineRefused) as pending:
        publish_results(call=call, actor=staff)
    exc = _refused(pending, "committee_pending")
    assert "실무조정위원회" in exc.message_ko and "committee" in exc.message_en
    assert not ResultNotice.objects.exists()
    _decide_all(call, staff)
    assert publish_results(call=call, actor=staff) == 5
    assert ResultNotice.objects.count() == 5


def test_publish_refused_before_close(call, documented, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    _presentation(call, staff)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    _decide_all(call, staff)
    _reopen(call)
    with pytest.raises(TimelineRefused) as refused:
        publish_results(call=call, actor=staff)
    _refused(refused, "call_open")
    client = Client()
    client.force_login(staff)
    page = client.post(
        reverse("evaluation:committee-decisions", args=[call.pk]), {"op": "publish"}, follow=True
    )
    assert "The call is still open" in page.content.decode()
    assert not ResultNotice.objects.exists()
    _close(call)
    assert check("results.publish", call).ok


def test_check_names_the_failing_guard(call, documented, staff):
    _reopen(call)
    result = check("aggregate.presentation", call)
    assert not result and result.guard == "call_closed" and result.code == "call_open"
    assert " / " in result.bilingual
    _close(call)
    result = check("aggregate.presentation", call)
    assert result.guard == "document_complete"
    assert check("aggregate.document", call).ok


def test_call_page_says_which_step_is_possible_now(call, documented, staff):
    client = Client()
    client.force_login(staff)
    url = reverse("evaluation:call", args=[call.pk])
    body = client.get(url).content.decode()
    rows = dict(
        re.findall(r'<tr data-action="([^"]+)"><th scope="row">[^<]*</th><td>([^<]*)</td>', body)
    )
    assert rows["aggregate.document"] == "가능"
    assert rows["aggregate.presentation"].startswith("아직 불가: 서류평가 결과가 아직 산출되지")
    assert rows["results.publish"].startswith("아직 불가")
    _reopen(call)
    body = client.get(url).content.decode()
    rows = dict(
        re.findall(r'<tr data-action="([^"]+)"><th scope="row">[^<]*</th><td>([^<]*)</td>', body)
    )
    assert all("공고 접수가 아직 마감되지 않았습니다" in text for text in rows.values())
    assert len(rows) == len(ACTIONS)
