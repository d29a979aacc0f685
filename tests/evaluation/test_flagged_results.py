"""A flagged result (fewer than 3 scores: fallback used) does not advance until staff confirm it,
with a reason; the decision is audited, holds for the scores it was taken on, and is taken once."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from accounts.models import AuditEntry
from evaluation.domain import EvaluationError
from evaluation.domain.aggregation import Entry, mark_advancing
from evaluation.domain.committees import auto_assign
from evaluation.domain.results import (
    compute_stage_results,
    decide_flagged_result,
    ranking_rows,
    what_if_stage,
)
from evaluation.domain.scoring import reopen_sheet, save_scores, submit_sheet
from evaluation.models import Assignment, FlaggedResultReview, ScoreSheet, StageResult
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def entry(pk, aggregate, *, flagged=False, decision=None):
    return Entry(application_id=pk, receipt_no=f"R-{pk}", scores=[Decimal(aggregate)] * 2,
                 aggregate=Decimal(aggregate), rank=pk,
                 extra={"flagged": flagged, "flag_decision": decision})  # fmt: skip


@pytest.mark.parametrize(
    ("decision", "advancing", "awaiting"),
    [(None, {2}, True), ("confirmed", {1, 2}, False), ("rejected", {2, 3}, False)],
)
def test_mark_advancing_holds_a_flagged_result_until_decided(decision, advancing, awaiting):
    ranked = [entry(1, 90, flagged=True, decision=decision), entry(2, 80), entry(3, 70)]
    marked = mark_advancing(ranked, cutoff=60, count=2)
    assert {e.application_id for e in marked if e.advances} == advancing
    assert marked[0].extra["awaiting_confirmation"] is awaiting


@pytest.fixture
def stage(catalogue, users):
    """Four applications, two slots to fill (1 slot × 2.0): the best one has only two scores."""
    staff = users[Role.STAFF]
    call = CallFactory(slots=1, closed=True)
    apps = [ApplicationFactory(call=call, receipt_no=f"2023-INV-{i:04d}") for i in range(1, 5)]
    committee = committee_with_members(call, n=3, actor=staff)
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=apps, actor=staff)
    for app, points, sheets in zip(apps, (22, 20, 18, 16), (2, 3, 3, 3), strict=True):
        score_all(committee, app, [[points] * 4] * sheets)
    compute_stage_results(call=call, stage="document", actor=staff)
    return call, apps, staff


def advancing(call) -> set[int]:
    return set(
        StageResult.objects.filter(call=call, stage="document", advances=True).values_list(
            "application_id", flat=True
        )
    )


def test_flagged_result_does_not_advance_until_confirmed(stage):
    call, apps, staff = stage
    flagged = StageResult.objects.get(application=apps[0], stage="document")
    assert flagged.flagged and flagged.rank == 1 and flagged.aggregate == Decimal(88)
    assert advancing(call) == {apps[1].pk}  # the flagged one holds its slot, nobody takes it
    audit = AuditEntry.objects.filter(action="evaluation.aggregate.document").latest("id")
    assert audit.after["awaiting_confirmation"] == [apps[0].pk]

    with pytest.raises(EvaluationError):  # a reason is mandatory
        decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                              decision="confirmed", reason="  ", actor=staff)  # fmt: skip
    with pytest.raises(EvaluationError):  # only flagged results are confirmed
        decide_flagged_result(call=call, stage="document", application_id=apps[1].pk,
                              decision="confirmed", reason="x", actor=staff)  # fmt: skip
    decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                          decision="confirmed", reason="위원 1인 기권, 2인 점수 확인", actor=staff)  # fmt: skip
    assert advancing(call) == {apps[0].pk, apps[1].pk}
    entry = AuditEntry.objects.get(action="evaluation.flagged.confirmed.document")
    assert entry.reason == "위원 1인 기권, 2인 점수 확인" and entry.actor == staff
    with pytest.raises(EvaluationError) as exc:  # a double submission changes nothing
        decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                              decision="rejected", reason="again", actor=staff)  # fmt: skip
    assert exc.value.code == "duplicate"
    assert FlaggedResultReview.objects.get().decision == "confirmed"
    rows = {r["application"]: r for r in ranking_rows(call, "document", show_identities=False)}
    assert rows[apps[0].pk]["flag_decision"] == "confirmed" and rows[apps[0].pk]["advances"]
    # Re-running the aggregation keeps the decision (same scores).
    compute_stage_results(call=call, stage="document", actor=staff)
    assert advancing(call) == {apps[0].pk, apps[1].pk}


def test_not_confirmed_frees_the_slot_and_changed_scores_need_a_new_decision(stage):
    call, apps, staff = stage
    decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                          decision="rejected", reason="평가위원 부족: 재평가 예정", actor=staff)  # fmt: skip
    assert advancing(call) == {apps[1].pk, apps[2].pk}
    # A sheet is reopened and re-scored: the decision was taken on other scores.
    sheet = ScoreSheet.objects.filter(assignment__application=apps[0], status="submitted").first()
    reopen_sheet(sheet=sheet, reason="정정", actor=staff)
    assignment = Assignment.objects.get(pk=sheet.assignment_id)
    save_scores(assignment=assignment, actor=assignment.evaluator, comment="",
                criteria=[{"code": c, "points": 23} for c in ("excellence", "competence", "impact", "budget")])  # fmt: skip
    submit_sheet(assignment=assignment, actor=assignment.evaluator)
    compute_stage_results(call=call, stage="document", actor=staff)
    assert advancing(call) == {apps[1].pk}  # awaiting again: holds its slot
    decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                          decision="confirmed", reason="정정 후 확인", actor=staff)  # fmt: skip
    assert advancing(call) == {apps[0].pk, apps[1].pk}


def test_what_if_also_holds_unconfirmed_flagged_results(stage):
    call, apps, _staff = stage
    rows = what_if_stage(call, "document", cutoff=60)
    assert {e.application_id for e in rows if e.advances} == {apps[1].pk}


def test_staff_control_on_the_ranking_page(stage, users):
    call, apps, staff = stage
    page = reverse("evaluation:ranking", args=[call.pk, "document"])
    url = reverse("evaluation:flagged-decision", args=[call.pk, "document", apps[0].pk])
    official = Client()
    official.force_login(users[Role.OFFICIAL])
    shown = official.get(page)
    assert shown.status_code == 200 and f'id="flag-awaiting-{apps[0].pk}"' in shown.content.decode()
    assert url not in shown.content.decode()  # officials see the state, not the control
    assert official.post(url, {"decision": "confirmed", "reason": "x"}).status_code == 403
    client = Client()
    client.force_login(staff)
    assert url in client.get(page).content.decode()
    refused = client.post(url, {"decision": "confirmed", "reason": ""}, follow=True)
    assert "Enter the reason" in refused.content.decode()
    assert not FlaggedResultReview.objects.exists()
    bad = client.post(url, {"decision": "zzz", "reason": "x\x00"}, follow=True)
    assert bad.status_code == 200 and not FlaggedResultReview.objects.exists()
    done = client.post(url, {"decision": "confirmed", "reason": "2인 평가 확인"}, follow=True)
    body = done.content.decode()
    assert done.status_code == 200 and f'id="flag-decision-{apps[0].pk}"' in body
    assert "2인 평가 확인" in body
    assert advancing(call) == {apps[0].pk, apps[1].pk}
    again = client.post(url, {"decision": "rejected", "reason": "x"}, follow=True)
    assert again.status_code == 200 and "Already decided" in again.content.decode()
    missing = reverse("evaluation:flagged-decision", args=[call.pk, "document", 10**20])
    assert client.post(missing, {"decision": "confirmed", "reason": "x"}).status_code in (302, 404)


def test_results_are_not_published_while_a_flagged_result_awaits_confirmation(stage):
    from evaluation.domain.decisions import publish_results
    from evaluation.domain.results import pending_confirmations
    from evaluation.models import ResultNotice

    call, apps, staff = stage
    assert pending_confirmations(call) == [("document", apps[0].pk)]
    with pytest.raises(EvaluationError) as exc:
        publish_results(call=call, actor=staff)
    assert exc.value.code == "unconfirmed" and not ResultNotice.objects.exists()
    decide_flagged_result(call=call, stage="document", application_id=apps[0].pk,
                          decision="confirmed", reason="확인", actor=staff)  # fmt: skip
    assert pending_confirmations(call) == []
