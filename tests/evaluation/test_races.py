"""Staff decisions that race (issue 11): each pair runs at once in threads on PostgreSQL.

Every decision locks the row it decides on (config.locking.lock) and re-checks the state on the
locked row: of two contradictory decisions one wins, the other is refused with AlreadyDecided
("이미 결정되었습니다 / Already decided"), one audit entry is written and the state is consistent.

To make each race certain rather than lucky, the decision's audit write is slowed down (it runs
after the state check and before the commit): without the lock, the second decision always reads
the state before the first commits. A few trials per pair keep the suite fast. Helpers:
tests/races.py.
"""

from __future__ import annotations

import pickle
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from accounts.models import AuditEntry, Notice
from config.locking import AlreadyDecided, lock, refuse_duplicate
from evaluation.domain import EvaluationError, committees, decisions
from evaluation.domain.committees import decide_exclusion_request, request_exclusion
from evaluation.domain.decisions import (
    decide_candidate,
    decide_objection,
    file_objection,
    publish_results,
)
from evaluation.models import Assignment, ConflictRecord, Objection, ResultNotice, StageResult
from evaluation.screening.domain import runs
from evaluation.screening.domain.runs import override_result, release_run
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory, committee_with_members
from tests.races import needs_postgresql, one_wins, race, slow, sqlite_file_database

TRIALS = 3


def _audits(action: str, target) -> int:
    return AuditEntry.objects.filter(action=action, object_id=str(target.pk)).count()


# -- objections --------------------------------------------------------------------------------


def _published(call):
    app = ApplicationFactory(call=call, status="not_selected")
    ResultNotice.objects.create(application=app, selected=False, published_at=timezone.now())
    return app


@pytest.mark.django_db(transaction=True)
def test_objection_upheld_and_dismissed_at_once_one_wins(call, staff, users):
    needs_postgresql()
    with mock.patch.object(decisions, "record_audit", slow(decisions.record_audit)):
        for _ in range(TRIALS):
            app = _published(call)
            objection = file_objection(
                application=app, stage="document", text="점수 이의", actor=app.applicant
            )
            # each staff member loaded the page (own instance) before either decided
            first, second = (Objection.objects.get(pk=objection.pk) for _ in range(2))
            outcomes = race(
                lambda o=first: decide_objection(objection=o, upheld=True, outcome="인용", actor=staff),
                lambda o=second: decide_objection(objection=o, upheld=False, outcome="기각", actor=staff),
            )  # fmt: skip
            winner = one_wins(outcomes)
            objection.refresh_from_db()
            assert objection.status == ("upheld" if winner == 0 else "dismissed")
            assert _audits("evaluation.objection.decide", objection) == 1
            outcome_notices = Notice.objects.filter(
                recipient=app.applicant, subject__startswith="이의신청 결과"
            )
            assert outcome_notices.count() == 1  # no contradictory second notice


@pytest.mark.django_db(transaction=True)
def test_same_objection_filed_four_times_at_once_one_stored(call):
    needs_postgresql()
    with mock.patch.object(decisions, "record_audit", slow(decisions.record_audit)):
        for _ in range(TRIALS):
            app = _published(call)
            outcomes = race(*[
                lambda a=app: file_objection(application=a, stage="document", text="이의",
                                             actor=a.applicant)
                for _ in range(4)
            ])  # fmt: skip
            one_wins(outcomes)
            assert all(e.code == "duplicate" for _v, e in outcomes if e is not None)
            assert Objection.objects.filter(application=app).count() == 1
            assert AuditEntry.objects.filter(action="evaluation.objection.file").filter(
                object_id__in=[str(o.pk) for o in Objection.objects.filter(application=app)]
            ).count() == 1  # fmt: skip


@pytest.mark.embedded_sqlite
@pytest.mark.django_db(transaction=True)
def test_objection_decisions_race_free_on_the_embedded_sqlite_default(call, staff, tmp_path):
    """The README's default (SQLite, BEGIN IMMEDIATE): the re-check on the re-read row holds too."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("needs SQLite (the embedded default): CI runs it in its SQLite pass")
    app = _published(call)
    objection = file_objection(application=app, stage="document", text="이의", actor=app.applicant)
    first, second = (Objection.objects.get(pk=objection.pk) for _ in range(2))
    with (
        sqlite_file_database(tmp_path) as use,
        mock.patch.object(decisions, "record_audit", slow(decisions.record_audit)),
    ):
        outcomes = race(
            lambda: decide_objection(objection=first, upheld=True, outcome="인용", actor=staff),
            lambda: decide_objection(objection=second, upheld=False, outcome="기각", actor=staff),
            setup=use,
        )
        use()  # read what the threads wrote
        winner = one_wins(outcomes)
        assert Objection.objects.get(pk=objection.pk).status == ("upheld", "dismissed")[winner]
        assert _audits("evaluation.objection.decide", objection) == 1


# -- COI exclusion requests --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_exclusion_request_upheld_and_rejected_at_once_one_wins(call, staff):
    needs_postgresql()
    committee = committee_with_members(call, n=1, actor=staff)
    evaluator = committee.members.get().evaluator
    with mock.patch.object(committees, "record_audit", slow(committees.record_audit)):
        for _ in range(TRIALS):
            app = ApplicationFactory(call=call)
            assignment = Assignment.objects.create(
                committee=committee, call=call, stage="document", application=app,
                evaluator=evaluator,
            )  # fmt: skip
            record = request_exclusion(application=app, named_person="김평가",
                                       reason="지도교수", actor=app.applicant)  # fmt: skip
            first, second = (ConflictRecord.objects.get(pk=record.pk) for _ in range(2))
            outcomes = race(
                lambda r=first: decide_exclusion_request(record=r, uphold=True, actor=staff,
                                                         decision_reason="인정", evaluator=evaluator),
                lambda r=second: decide_exclusion_request(record=r, uphold=False, actor=staff,
                                                         decision_reason="불인정"),
            )  # fmt: skip
            winner = one_wins(outcomes)
            record.refresh_from_db()
            assignment.refresh_from_db()
            if winner == 0:
                assert record.status == "upheld" and assignment.status == "excluded"
            else:
                assert record.status == "rejected" and assignment.status == "active"
            assert _audits("evaluation.coi.decide", record) == 1


@pytest.mark.django_db(transaction=True)
def test_recusal_racing_an_upheld_exclusion_changes_the_assignment_once(call, staff):
    needs_postgresql()
    committee = committee_with_members(call, n=1, actor=staff)
    evaluator = committee.members.get().evaluator
    with mock.patch.object(committees, "record_audit", slow(committees.record_audit)):
        for _ in range(TRIALS):
            app = ApplicationFactory(call=call)
            assignment = Assignment.objects.create(
                committee=committee, call=call, stage="document", application=app,
                evaluator=evaluator,
            )  # fmt: skip
            record = request_exclusion(application=app, named_person="김평가",
                                       reason="공동연구", actor=app.applicant)  # fmt: skip
            mine = Assignment.objects.get(pk=assignment.pk)  # the evaluator's page
            theirs = ConflictRecord.objects.get(pk=record.pk)  # the staff member's page
            outcomes = race(
                lambda a=mine: committees.recuse(assignment=a, reason="이해관계", actor=evaluator),
                lambda r=theirs: decide_exclusion_request(record=r, uphold=True, actor=staff,
                                                          decision_reason="인정", evaluator=evaluator),
            )  # fmt: skip
            (_v, recuse_error), (_w, decide_error) = outcomes
            assert decide_error is None
            assert recuse_error is None or isinstance(recuse_error, AlreadyDecided)
            assignment.refresh_from_db()
            assert assignment.status == ("recused" if recuse_error is None else "excluded")
            changes = AuditEntry.objects.filter(
                action__startswith="evaluation.assignment.", object_id=str(assignment.pk)
            )
            assert changes.count() == 1 and changes.get().before == {"status": "active"}


@pytest.mark.django_db(transaction=True)
def test_unassign_racing_the_sheet_submission_never_loses_a_submitted_sheet(call, staff):
    needs_postgresql()
    from evaluation.domain import scoring
    from evaluation.domain.committees import unassign
    from evaluation.domain.scoring import save_scores, submit_sheet
    from evaluation.models import ScoreSheet

    committee = committee_with_members(call, n=1, actor=staff)
    evaluator = committee.members.get().evaluator
    with mock.patch.object(scoring, "record_audit", slow(scoring.record_audit)):
        for _ in range(TRIALS):
            app = ApplicationFactory(call=call)
            assignment = Assignment.objects.create(
                committee=committee, call=call, stage="document", application=app,
                evaluator=evaluator,
            )  # fmt: skip
            criteria = [{"code": c["code"], "points": 1} for c in scoring.criteria_for(assignment)]
            save_scores(assignment=assignment, criteria=criteria, comment="", actor=evaluator)
            mine, theirs = (Assignment.objects.get(pk=assignment.pk) for _ in range(2))
            outcomes = race(
                lambda a=mine: submit_sheet(assignment=a, actor=evaluator),
                lambda a=theirs: unassign(assignment=a, actor=staff, reason="재배정"),
            )  # fmt: skip
            (_v, submit_error), (_w, unassign_error) = outcomes
            assert (submit_error is None) != (unassign_error is None)  # exactly one succeeds
            assert all(isinstance(e, EvaluationError) for e in (submit_error, unassign_error) if e)
            kept = Assignment.objects.filter(pk=assignment.pk).exists()
            if submit_error is None:  # submitted first: the removal was refused, the sheet kept
                assert unassign_error is not None and kept
                assert ScoreSheet.objects.get(assignment=assignment).status == "submitted"
            else:  # removed first: the submission was refused as the assignment is gone
                assert isinstance(submit_error, AlreadyDecided) and not kept


# -- screening override vs release -------------------------------------------------------------


def _done_run(call, staff):
    run = ScreeningRun.objects.create(
        call=call, status="done", total=1, processed=1, started_by=staff
    )
    app = ApplicationFactory(call=call, status="submitted")
    result = ScreeningResult.objects.create(run=run, application=app, outcome="pass", rules=[])
    return run, app, result


@pytest.mark.django_db(transaction=True)
def test_screening_override_racing_release_stays_consistent(call, staff):
    needs_postgresql()
    with mock.patch.object(runs, "record_audit", slow(runs.record_audit)):
        for _ in range(TRIALS):
            run, app, result = _done_run(call, staff)
            stale_result = ScreeningResult.objects.select_related("run").get(pk=result.pk)
            stale_run = ScreeningRun.objects.get(pk=run.pk)
            outcomes = race(
                lambda r=stale_result: override_result(result=r, outcome="fail",
                                                       reason="신용조회 불량 확인", actor=staff),
                lambda r=stale_run: release_run(run=r, actor=staff),
            )  # fmt: skip
            (_v, override_error), (_r, release_error) = outcomes
            assert release_error is None
            assert override_error is None or isinstance(override_error, AlreadyDecided)
            run.refresh_from_db()
            result.refresh_from_db()
            app.refresh_from_db()
            assert run.released_at is not None
            if override_error is None:  # the override came first and the release applied it
                assert result.final_outcome == "fail" and app.status == "screened_out"
                assert _audits("screening.result.override", result) == 1
            else:  # released first: the override was refused, nothing changed
                assert result.final_outcome == "pass" and app.status == "in_evaluation"
                assert _audits("screening.result.override", result) == 0
            assert _audits("screening.run.release", run) == 1


# -- coordination committee: publication --------------------------------------------------------


def _candidate(call, committee, *, priority: bool = True):
    """An evaluated application: document and presentation results stored (the timeline guards
    let the committee decide and publish); `priority` = a presentation result that advances."""
    app = ApplicationFactory(call=call)
    Assignment.objects.create(committee=committee, call=call, stage="document", application=app,
                              evaluator=committee.members.get().evaluator)  # fmt: skip
    StageResult.objects.create(call=call, application=app, stage="document", method="mean",
                               advances=True)  # fmt: skip
    StageResult.objects.create(call=call, application=app, stage="presentation", method="mean",
                               advances=priority)  # fmt: skip
    return app


@pytest.mark.django_db(transaction=True)
def test_publish_twice_at_once_and_a_decision_racing_publication(catalogue, staff):
    needs_postgresql()
    from tests.factories import CallFactory

    with mock.patch.object(decisions, "record_audit", slow(decisions.record_audit)):
        for _ in range(TRIALS):
            call = CallFactory(slots=1, budget_envelope_krw=1_000_000_000, closed=True)
            committee = committee_with_members(call, n=1, actor=staff)
            app, other = _candidate(call, committee), _candidate(call, committee, priority=False)
            decide_candidate(application=app, selected=True, order=1, reason="1순위", actor=staff)
            outcomes = race(
                lambda c=call: publish_results(call=c, actor=staff),
                lambda c=call: publish_results(call=c, actor=staff),
                lambda a=other: decide_candidate(application=a, selected=True, order=2,
                                                 reason="2순위", actor=staff),
            )  # fmt: skip
            publish = one_wins(outcomes[:2])
            assert outcomes[publish][0] == 2
            decided, error = outcomes[2]
            assert error is None or isinstance(error, AlreadyDecided)
            notices = ResultNotice.objects.filter(application__call=call)
            assert notices.count() == 2  # one per evaluated application
            assert AuditEntry.objects.filter(action="evaluation.result.publish").filter(
                object_id__in=[str(n.pk) for n in notices]
            ).count() == 2  # fmt: skip
            other.refresh_from_db()
            # the late decision either came before publication (and counts) or was refused
            expected = "selected" if error is None else "not_selected"
            assert other.status == expected
            assert notices.get(application=other).selected is (error is None)


# -- a staff form posted twice at once -----------------------------------------------------------


def _texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db(transaction=True)
def test_double_post_of_objection_decision_form_says_already_decided(call, staff):
    needs_postgresql()
    app = _published(call)
    objection = file_objection(application=app, stage="document", text="이의", actor=app.applicant)
    url = reverse("evaluation:objection", args=[objection.pk])
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(staff)
        clients.append(client)
    with mock.patch.object(decisions, "record_audit", slow(decisions.record_audit)):
        outcomes = race(*[
            lambda c=c: c.post(url, {"upheld": "1", "outcome": "재산정 필요"}) for c in clients
        ])  # fmt: skip
    responses = [value for value, exc in outcomes]
    assert [exc for _v, exc in outcomes] == [None, None]
    assert [r.status_code for r in responses] == [302, 302]  # never a 500
    texts = sorted(" ".join(_texts(r)) for r in responses)
    assert sum("Already decided" in t or "already decided" in t for t in texts) == 1
    objection.refresh_from_db()
    assert objection.status == "upheld"
    assert _audits("evaluation.objection.decide", objection) == 1


# -- the mechanism itself (any database) --------------------------------------------------------


@pytest.mark.django_db
def test_second_decision_and_double_post_are_refused_sequentially(call, staff):
    """The same as above, one after the other (runs on SQLite too): a refusal, not a 500."""
    app = _published(call)
    objection = file_objection(application=app, stage="document", text="이의", actor=app.applicant)
    client = Client()
    client.force_login(staff)
    url = reverse("evaluation:objection", args=[objection.pk])
    first = client.post(url, {"upheld": "0", "outcome": "기각"})
    second = client.post(url, {"upheld": "1", "outcome": "인용"})
    assert first.status_code == second.status_code == 302
    assert any("Already decided" in t or "already decided" in t for t in _texts(second))
    objection.refresh_from_db()
    assert objection.status == "dismissed"
    with pytest.raises(AlreadyDecided) as refused:
        file_objection(application=app, stage="document", text="다시", actor=app.applicant)
    assert refused.value.code == "duplicate" and refused.value.message_ko.startswith("이미")


@pytest.mark.django_db
def test_override_form_after_release_shows_the_refusal_on_the_form(call, staff):
    """AlreadyDecided is also a ValidationError: the screening form shows it (400), no 500."""
    run, app, result = _done_run(call, staff)
    release_run(run=run, actor=staff)
    client = Client()
    client.force_login(staff)
    url = reverse("screening:override", args=[result.pk])
    response = client.post(url, {"outcome": "fail", "reason": "늦은 변경"})
    assert response.status_code == 400
    assert "Released results cannot be changed." in response.content.decode()
    result.refresh_from_db()
    assert result.final_outcome == "pass" and _audits("screening.result.override", result) == 0


@pytest.mark.django_db
def test_unique_violation_becomes_already_decided(call):
    app = _published(call)
    Objection.objects.create(application=app, stage="document", text="a", filed_by=app.applicant)
    with pytest.raises(AlreadyDecided) as refused:
        with refuse_duplicate("중복입니다.", "Duplicate."):
            Objection.objects.create(
                application=app, stage="document", text="b", filed_by=app.applicant
            )
    assert refused.value.code == "duplicate"
    assert refused.value.messages == ["중복입니다. / Duplicate."]  # also a ValidationError
    assert Objection.objects.filter(application=app).count() == 1  # the transaction survived
    again = pickle.loads(pickle.dumps(refused.value))
    assert (again.message_ko, again.message_en, again.code) == (
        "중복입니다.",
        "Duplicate.",
        "duplicate",
    )


def test_lock_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        lock(Objection, 1)  # a lock released at once would protect nothing


def test_middleware_turns_an_uncaught_refusal_into_409_or_a_message():
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from config.locking import AlreadyDecidedMiddleware

    middleware = AlreadyDecidedMiddleware(lambda request: None)
    api = RequestFactory().post("/api/v1/anything/")
    response = middleware.process_exception(api, AlreadyDecided())
    assert response.status_code == 409
    assert b"already_decided" not in response.content and b"Already decided." in response.content
    page = RequestFactory().post("/evaluation/x/", HTTP_REFERER="http://testserver/evaluation/x/")
    page.session = {}
    page._messages = FallbackStorage(page)
    response = middleware.process_exception(page, AlreadyDecided())
    assert response.status_code == 302 and response["Location"] == "http://testserver/evaluation/x/"
    assert [str(m) for m in page._messages] == ["이미 결정되었습니다. / Already decided."]
    assert middleware.process_exception(page, ValueError()) is None


def _refusing_view(request):
    raise AlreadyDecided("이미 처리되었습니다.", "Already done.")


urlpatterns = [
    path("api/v1/refuse/", _refusing_view),
    path("page/refuse/", _refusing_view),
]


@pytest.mark.django_db
def test_an_uncaught_refusal_is_never_a_500_through_the_whole_stack(settings, staff):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    api = client.post("/api/v1/refuse/")
    assert api.status_code == 409 and api.json()["message_en"] == "Already done."
    page = client.post("/page/refuse/", HTTP_REFERER="http://testserver/page/form/")
    assert page.status_code == 302 and page["Location"] == "http://testserver/page/form/"
    assert _texts(page) == ["이미 처리되었습니다. / Already done."]


def test_scoring_api_answers_409_to_an_already_decided_refusal():
    from evaluation.api import _error

    response = _error(
        AlreadyDecided("배정이 해제되었습니다.", "The assignment was removed.", "removed")
    )
    assert response.status_code == 409 and response.data["code"] == "removed"
