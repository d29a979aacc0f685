"""The staff workbench /staff/: my tasks (each linking to where it is done), the pipeline per call,
staff only, and a number of queries that does not grow with calls or applications."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from evaluation.domain.committees import auto_assign, request_exclusion
from evaluation.domain.decisions import decide_candidate, file_objection, publish_results
from evaluation.domain.results import compute_stage_results
from evaluation.models import StageResult
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db

URL = "/staff/"
POINTS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [18, 18, 18, 16], [10] * 4]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_url_is_staff_home():
    assert reverse("staff-home") == URL


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.STAFF, 200), (Role.APPLICANT, 403), (Role.EVALUATOR, 403), (Role.OFFICIAL, 403),
     (Role.OPERATOR, 403)],
)  # fmt: skip
def test_role_by_url(users, role, expected):
    assert _client(users[role]).get(URL).status_code == expected
    assert _client(users[role]).get("/en" + URL).status_code == expected


def test_anonymous_is_sent_to_login():
    response = Client().get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_page_has_title_nav_entry_and_is_bilingual(users):
    body = _client(users[Role.STAFF]).get(URL).content.decode()
    assert "<title>업무 홈 |" in body and 'href="/staff/" aria-current="page">업무 홈' in body
    assert "<h1>업무 홈</h1>" in body
    english = _client(users[Role.STAFF]).get("/en" + URL).content.decode()
    assert "<title>Staff home |" in english and "My tasks" in english
    applicant = _client(users[Role.APPLICANT]).get(reverse("applications:mine")).content.decode()
    assert 'href="/staff/"' not in applicant


def _count(body: str, code: str) -> int:
    marker = f'id="task-{code}" data-count="'
    start = body.index(marker) + len(marker)
    return int(body[start : body.index('"', start)])


@pytest.fixture
def world(call, committee, applications, staff):
    """A call in evaluation with one item of (almost) every kind of task."""
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
    request_exclusion(application=applications[4], named_person="홍길동", reason="이해관계",
                      actor=applications[4].applicant)  # fmt: skip
    # a second call: screening finished, not released; one assignment without a sheet
    other = CallFactory(closed=True)
    run = ScreeningRun.objects.create(call=other, status="done", total=2, processed=2)
    for _ in range(2):
        ScreeningResult.objects.create(
            run=run, application=ApplicationFactory(call=other, status="submitted"),
            outcome="pass", rules=[],
        )  # fmt: skip
    late = committee_with_members(other, n=1, actor=staff)
    auto_assign(committee=late, applications=[ApplicationFactory(call=other)], actor=staff)
    # a third call closing later today
    now = timezone.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=0, microsecond=0)
    closing = None
    if end_of_day > now + dt.timedelta(minutes=5):
        closing = CallFactory(opens_at=now - dt.timedelta(days=5), closes_at=end_of_day)
        ApplicationFactory(call=closing, status="draft")
    return {"call": call, "other": other, "run": run, "late": late, "closing": closing,
            "advancing": advancing}  # fmt: skip


def test_my_tasks_count_and_link_where_the_work_is_done(world, users):
    body = _client(users[Role.STAFF]).get(URL).content.decode()
    call, other = world["call"], world["other"]
    assert _count(body, "release") == 2
    assert reverse("screening:run", args=[world["run"].pk]) in body
    assert _count(body, "sheets") == 1
    assert reverse("evaluation:committee", args=[world["late"].pk]) in body
    assert _count(body, "coi") == 1 and reverse("evaluation:coi", args=[call.pk]) in body
    priority = StageResult.objects.filter(call=call, stage="presentation", advances=True)
    assert _count(body, "site_checks") == priority.count() == 3
    for result in priority:
        assert reverse("evaluation:site-check", args=[result.application_id]) in body
    assert _count(body, "committee") == 3
    assert reverse("evaluation:committee-decisions", args=[call.pk]) in body
    assert _count(body, "objections") == 0 and _count(body, "flagged") == 0
    if world["closing"] is not None:
        assert _count(body, "closing") == 1  # one draft not yet submitted
        assert reverse("screening:call", args=[world["closing"].pk]) in body
    row = body[body.index(f'id="pipeline-{other.pk}"') :]
    assert 'data-stage="screening">2<' in row[: row.index("</tr>")]


def test_objections_and_flagged_results_appear_then_go(world, users, staff):
    call = world["call"]
    for order, result in enumerate(
        StageResult.objects.filter(call=call, stage="presentation", advances=True).order_by("rank"),
        start=1,
    ):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="순위", actor=staff)  # fmt: skip
    publish_results(call=call, actor=staff)
    loser = StageResult.objects.get(call=call, stage="document", advances=False).application
    objection = file_objection(application=loser, stage="document", text="이의",
                               actor=loser.applicant)  # fmt: skip
    StageResult.objects.filter(application=loser, stage="document").update(flagged=True)
    body = _client(users[Role.STAFF]).get(URL).content.decode()
    assert _count(body, "objections") == 1
    assert reverse("evaluation:objection", args=[objection.pk]) in body
    assert _count(body, "committee") == 0
    assert _count(body, "flagged") == 1
    assert reverse("evaluation:ranking", args=[call.pk, "document"]) in body
    row = body[body.index(f'id="pipeline-{call.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-stage="selected">2<' in row and 'data-stage="not_selected">3<' in row


def test_pipeline_counts_per_stage(catalogue, users):
    call = CallFactory(closed=True)
    for status in ("draft", "draft", "submitted", "screened_out", "in_evaluation"):
        ApplicationFactory(call=call, status=status)
    ApplicationFactory(call=call, status="withdrawn")  # not shown
    old = CallFactory(opens_at=timezone.now() - dt.timedelta(days=400),
                      closes_at=timezone.now() - dt.timedelta(days=300))  # fmt: skip
    body = _client(users[Role.STAFF]).get(URL).content.decode()
    assert f'id="pipeline-{old.pk}"' not in body  # closed long ago
    row = body[body.index(f'id="pipeline-{call.pk}"') :]
    row = row[: row.index("</tr>")]
    for stage, n in (("draft", 2), ("submitted", 1), ("screened_out", 1), ("document", 1),
                     ("presentation", 0), ("selected", 0)):  # fmt: skip
        assert f'data-stage="{stage}">{n}<' in row
    assert row.rstrip().endswith('<td class="num">5</td>')


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_calls_and_applications(world, users, staff):
    client = _client(users[Role.STAFF])
    _queries(client)  # warm-up (session, content types)
    before = _queries(client)
    for _ in range(3):  # three more calls, each with screening runs, sheets, requests, drafts
        more = CallFactory(closed=True)
        run = ScreeningRun.objects.create(call=more, status="done", total=3, processed=3)
        for _ in range(3):
            ScreeningResult.objects.create(
                run=run, application=ApplicationFactory(call=more, status="submitted"),
                outcome="pass", rules=[],
            )  # fmt: skip
        committee = committee_with_members(more, n=2, actor=staff)
        apps = [ApplicationFactory(call=more) for _ in range(4)]
        auto_assign(committee=committee, applications=apps, actor=staff)
        request_exclusion(application=apps[0], named_person="김철수", reason="이해관계",
                          actor=apps[0].applicant)  # fmt: skip
        ApplicationFactory(call=more, status="draft")
    after = _queries(client)
    assert after == before, (before, after)
    assert after <= 26, after  # 23 when measured (13 + the programme parts, workbench_parts.py)
