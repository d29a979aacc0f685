"""The deadline-day benchmark's own logic: seeded drafts are submittable, verification catches
every kind of inconsistency it claims to catch, and the baseline view stays unrouted by default."""

import json

import pytest
from django.test import RequestFactory

from applications.domain.submission import submit_application
from applications.models import Application
from bench.baseline_urls import baseline
from bench.deadline.load import Request, _parse
from bench.deadline.seed import check_drafts, seed
from bench.deadline.verify import verify


@pytest.fixture
def population(catalogue, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return seed(applicants=5, program_code="INV")


def submit(app_id: int) -> str:
    app = Application.objects.select_related("applicant").get(pk=app_id)
    return submit_application(
        application_id=app_id, actor=app.applicant, idempotency_key=f"k-{app_id}"
    ).receipt_no


def req(kind: str, app: int, status: int, receipt: str = "", attempt: int = 1) -> Request:
    return Request(
        kind=kind, app=app, status=status, latency_us=1000, receipt=receipt, attempt=attempt
    )


def ids(population) -> list[int]:
    return [app for app, _token in population.applicants]


def test_seeded_drafts_pass_validation_and_have_tokens(population):
    assert len(population.applicants) == 5
    assert all(len(token) == 40 for _app, token in population.applicants)
    assert check_drafts(ids(population)) == []


def test_consistent_run_is_accepted_and_unacknowledged_submits_are_counted(population):
    a, b, c, d, _e = ids(population)
    ra, rb, _rc = submit(a), submit(b), submit(c)
    requests = [
        req("submit", a, 200, ra), req("dup", a, 200, ra),  # re-sent: same receipt
        req("submit", b, -1), req("retry", b, 200, rb),  # lost reply, retried
        req("submit", c, -2),  # in flight when the run stopped, but it went through
        req("submit", d, 503),  # refused and never retried: absent
    ]  # fmt: skip
    result = verify(requests=requests, call_id=population.call_id, run="r")
    assert result["ok"] is True
    assert result["acknowledged_apps"] == 2
    assert result["submitted_in_db"] == 3
    assert result["receipt_range"] == [1, 3]
    assert result["unacknowledged_present_in_db_reported"] == 1
    assert result["unacknowledged_absent_from_db"] == 1
    assert result["submit_audit_entries_not_exactly_one"] == 0


def test_acknowledged_submit_missing_from_database_fails(population):
    a = ids(population)[0]
    result = verify(
        requests=[req("submit", a, 200, "2026-0001-00001")], call_id=population.call_id, run="r"
    )
    assert result["acknowledged_but_missing_or_wrong_in_db"] == 1
    assert result["ok"] is False


def test_retry_answered_with_another_receipt_fails(population):
    a = ids(population)[0]
    ra = submit(a)
    requests = [req("submit", a, 200, ra), req("dup", a, 200, ra + "9")]
    result = verify(requests=requests, call_id=population.call_id, run="r")
    assert result["retries_with_different_receipt"] == 1
    assert result["ok"] is False


def test_gap_duplicate_and_unrequested_submission_fail(population):
    a, b, c = ids(population)[:3]
    ra, rb = submit(a), submit(b)
    submit(c)  # never requested by any client: a phantom
    Application.objects.filter(pk=b).update(receipt_no=rb[:-1] + "7")  # numbers 1, 3, 7
    requests = [req("submit", a, 200, ra), req("submit", b, 200, rb[:-1] + "7")]
    result = verify(requests=requests, call_id=population.call_id, run="r")
    assert result["receipt_numbers_gap_free"] is False
    assert result["submitted_in_db_never_requested"] == 1
    assert result["ok"] is False


def test_lost_autosave_is_detected(population):
    a = ids(population)[0]
    requests = [req("autosave", a, 200, attempt=1), req("autosave", a, 200, attempt=2)]
    Application.objects.filter(pk=a).update(summary=f"자동저장 r {a} 1: 본문")
    assert verify(requests=requests, call_id=population.call_id, run="r")["autosaves_lost"] == 1
    Application.objects.filter(pk=a).update(summary=f"자동저장 r {a} 2: 본문")
    result = verify(requests=requests, call_id=population.call_id, run="r")
    assert result["autosaves_lost"] == 0
    assert result["ok"] is True


def test_wrk_log_line_is_parsed():
    assert _parse("retry 17 200 5234 2026-0001-00003 2") == Request(
        kind="retry", app=17, status=200, latency_us=5234, receipt="2026-0001-00003", attempt=2
    )
    assert _parse("submit 4 -2 0 - 1").receipt == ""


def test_baseline_view_answers_tiny_json_but_is_not_routed_by_default(client):
    response = baseline(RequestFactory().get("/bench/baseline/"))
    assert json.loads(response.content) == {"ok": True}
    assert client.get("/bench/baseline/").status_code == 404
