"""Runs (eager Celery in tests), resume, idempotency, overrides, release, API and role × URL access."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.models import AuditEntry, Notice
from agreements.models import Project
from evaluation.screening.domain.runs import (
    override_result,
    process_run,
    release_run,
    resume_run,
    run_counts,
    start_run,
)
from evaluation.screening.models import DuplicateFlag, ScreeningResult, ScreeningRun
from tests.conftest import client_for
from tests.screening.factories import call_2023, eligible_application

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def call_apps(catalogue):
    call = call_2023()
    apps = [eligible_application(call=call) for _ in range(5)]
    apps[1].lead_institution.recommendations.update(company_share_pct=50)  # fail
    apps[2].lead_institution.credit_statuses.all().delete()  # needs review
    return call, apps


def snapshot(run):
    return sorted((r.application_id, r.outcome, str(r.rules)) for r in run.results.all())


def test_run_outcomes_and_rerun_identical(call_apps, users, django_capture_on_commit_callbacks):
    call, apps = call_apps
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(call=call, actor=users[Role.STAFF])
    run.refresh_from_db()
    assert run.status == "done" and run.processed == run.total == 5
    assert run_counts(run) == {"pass": 3, "fail": 1, "needs_review": 1}
    res = ScreeningResult.objects.get(run=run, application=apps[1])
    share = next(r for r in res.rules if r["code"] == "shareholding")
    assert share["outcome"] == "fail" and "50" in share["reason_ko"]
    with django_capture_on_commit_callbacks(execute=True):
        again = start_run(call=call, actor=users[Role.STAFF])
    assert snapshot(again) == snapshot(run)


def test_interrupted_run_resumes_without_redoing(call_apps, users):
    call, apps = call_apps
    run = start_run(call=call, actor=None)  # task not executed (no on_commit in this test)
    process_run(run_id=run.pk, batch_size=2, max_batches=1)
    first = {r.pk: r.application_id for r in run.results.all()}
    assert len(first) == 2 and ScreeningRun.objects.get(pk=run.pk).status == "running"
    process_run(run_id=run.pk, batch_size=2)  # resumes
    process_run(run_id=run.pk, batch_size=2)  # duplicate delivery: no-op
    run.refresh_from_db()
    assert run.status == "done" and run.results.count() == 5
    assert {r.pk: r.application_id for r in run.results.filter(pk__in=first)} == first
    assert (
        AuditEntry.objects.filter(action="screening.run.finish", object_id=str(run.pk)).count() == 1
    )
    full = start_run(call=call, actor=None)
    process_run(run_id=full.pk)
    assert snapshot(full) == snapshot(run)


def _queries_of_run(call, batch_size: int) -> int:
    run = start_run(call=call, actor=None)
    with CaptureQueriesContext(connection) as ctx:
        process_run(run_id=run.pk, batch_size=batch_size)
    return len(ctx.captured_queries)


def test_batch_queries_constant(call_apps, django_assert_max_num_queries):
    """The duplicate phase and one batch cost the same number of queries for 5 or 15 applications."""
    call, _apps = call_apps
    small = _queries_of_run(call, batch_size=100)
    for _ in range(10):
        eligible_application(call=call)
    assert _queries_of_run(call, batch_size=100) == small
    run = start_run(call=call, actor=None)
    with django_assert_max_num_queries(40):
        process_run(run_id=run.pk, batch_size=100)
    assert run.results.count() == 15


def test_duplicate_pairs_flagged(call_apps, users):
    call, apps = call_apps
    text = {"title_ko": "인공지능 기반 한글 문서 자동 분석 플랫폼 개발",
            "objectives": "스캔된 한글 공문서를 자동으로 분류하고 요약하는 기술 확보"}  # fmt: skip
    for app in apps[3:]:
        for k, v in text.items():
            setattr(app, k, v)
        app.save()
    Project.objects.create(program=apps[0].program, lead_institution=apps[0].lead_institution,
                           selected_on="2021-01-01", starts_on="2021-01-01", ends_on="2021-12-31",
                           status="completed", **{"title": text["title_ko"], "objectives": text["objectives"]})  # fmt: skip
    run = start_run(call=call, actor=None, threshold=0.6)
    process_run(run_id=run.pk)
    pairs = set(DuplicateFlag.objects.filter(run=run).values_list("application_id", "other_key"))
    assert (apps[4].pk, f"a:{apps[3].pk}") in pairs  # later one flagged against the earlier one
    assert (apps[3].pk, f"a:{apps[4].pk}") not in pairs
    assert any(a == apps[3].pk and k.startswith("p:") for a, k in pairs)
    dup = next(
        r
        for r in ScreeningResult.objects.get(run=run, application=apps[4]).rules
        if r["code"] == "duplicate_proposal"
    )
    assert dup["outcome"] == "needs_review"
    assert not DuplicateFlag.objects.filter(run=run, application=apps[0]).exists()
    page = client_for(None)
    c = Client()
    c.force_login(users[Role.STAFF])
    resp = c.get(reverse("screening:duplicates", args=[run.pk]))
    assert resp.status_code == 200 and text["objectives"] in resp.content.decode()
    assert page is not None


def test_override_requires_reason_and_is_audited(call_apps, users):
    call, apps = call_apps
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk)
    res = ScreeningResult.objects.get(run=run, application=apps[2])
    staff = users[Role.STAFF]
    with pytest.raises(ValidationError):
        override_result(result=res, outcome="pass", reason="  ", actor=staff)
    c = Client()
    c.force_login(staff)
    url = reverse("screening:override", args=[res.pk])
    assert c.post(url, {"outcome": "pass", "reason": ""}).status_code == 400
    assert (
        c.post(url, {"outcome": "pass", "reason": "신용조회 결과 별도 확인(이상 없음)"}).status_code
        == 302
    )
    res.refresh_from_db()
    assert res.final_outcome == "pass" and res.overridden_by == staff
    entry = AuditEntry.objects.get(action="screening.result.override")
    assert (
        entry.actor == staff
        and entry.reason.startswith("신용조회")
        and entry.before == {"outcome": "needs_review"}
    )


def test_release_and_applicant_sees_own_result(call_apps, users):
    call, apps = call_apps
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk)
    staff = users[Role.STAFF]
    with pytest.raises(ValidationError):
        release_run(run=run, actor=staff)  # one "needs review" undecided
    owner = Client()
    owner.force_login(apps[1].applicant)
    assert (
        owner.get(f"/api/v1/applications/{apps[1].pk}/screening/").status_code == 404
    )  # not released
    override_result(
        result=run.results.get(application=apps[2]),
        outcome="fail",
        reason="신용조회 미제출",
        actor=staff,
    )
    release_run(run=run, actor=staff)
    release_run(run=run, actor=staff)  # twice: nothing more
    apps[1].refresh_from_db()
    assert apps[1].status == "screened_out"
    assert Notice.objects.filter(recipient=apps[1].applicant).count() == 1
    body = owner.get(f"/api/v1/applications/{apps[1].pk}/screening/").json()
    assert body["result"] == "fail"
    assert {"code": "shareholding", "outcome": "fail"}.items() <= next(
        r for r in body["rules"] if r["code"] == "shareholding"
    ).items()
    page = owner.get(reverse("screening:application", args=[apps[1].pk]))
    assert page.status_code == 200 and "shareholding" in page.content.decode()
    assert owner.get(f"/api/v1/applications/{apps[0].pk}/screening/").status_code == 403
    assert owner.get(reverse("screening:application", args=[apps[0].pk])).status_code == 404


def test_api_start_and_progress(call_apps, users, django_capture_on_commit_callbacks):
    call, _apps = call_apps
    api = client_for(users[Role.STAFF])
    with django_capture_on_commit_callbacks(execute=True):
        resp = api.post(f"/api/v1/calls/{call.pk}/screening-runs/")
    assert resp.status_code == 201
    body = api.get(f"/api/v1/screening-runs/{resp.json()['id']}/").json()
    assert body["status"] == "done" and body["progress"] == 100
    assert body["counts"] == {"pass": 3, "fail": 1, "needs_review": 1}


def test_resume_service_requeues(call_apps, django_capture_on_commit_callbacks):
    call, _apps = call_apps
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk, batch_size=1, max_batches=2)
    with django_capture_on_commit_callbacks(execute=True):
        resume_run(run=run)
    run.refresh_from_db()
    assert run.status == "done" and run.results.count() == 5


@pytest.mark.parametrize("role, expected", [
    (None, {"page": 302, "api_get": 401, "api_post": 401}),
    (Role.APPLICANT, {"page": 403, "api_get": 403, "api_post": 403}),
    (Role.EVALUATOR, {"page": 403, "api_get": 403, "api_post": 403}),
    (Role.OFFICIAL, {"page": 403, "api_get": 403, "api_post": 403}),
    (Role.OPERATOR, {"page": 403, "api_get": 403, "api_post": 403}),
    (Role.STAFF, {"page": 200, "api_get": 200, "api_post": 201}),
])  # fmt: skip
def test_role_access(call_apps, users, role, expected):
    call, _apps = call_apps
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk)
    user = users[role] if role else None
    c = Client()
    if user:
        c.force_login(user)
    for name, args in [("calls", []), ("call", [call.pk]), ("run", [run.pk]), ("progress", [run.pk]),
                       ("duplicates", [run.pk]), ("override", [run.results.first().pk])]:  # fmt: skip
        assert c.get(reverse(f"screening:{name}", args=args)).status_code == expected["page"], name
    for name in ("start", "release", "resume"):
        code = c.post(
            reverse(f"screening:{name}", args=[call.pk if name == "start" else run.pk])
        ).status_code
        assert code == (302 if role in (None, Role.STAFF) else 403), name
    api = client_for(user)
    assert api.get(f"/api/v1/screening-runs/{run.pk}/").status_code == expected["api_get"]
    assert api.post(f"/api/v1/calls/{call.pk}/screening-runs/").status_code == expected["api_post"]
    assert c.get(reverse("screening:run", args=[999999])).status_code == (
        404 if role == Role.STAFF else expected["page"]
    )


def test_results_page_query_count(call_apps, users, django_assert_max_num_queries):
    call, _apps = call_apps
    run = start_run(call=call, actor=None)
    process_run(run_id=run.pk)
    c = Client()
    c.force_login(users[Role.STAFF])
    with django_assert_max_num_queries(12):
        resp = c.get(reverse("screening:run", args=[run.pk]))
    assert resp.status_code == 200 and "hx-get" not in resp.content.decode()
    assert resp.content.decode().count("<details>") == 5
