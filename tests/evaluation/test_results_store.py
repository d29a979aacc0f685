"""Storing stage results (one upsert on PostgreSQL): idempotent re-runs, changes, stale rows;
the web score form keeps typed values after a refused save."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEntry
from evaluation.domain.committees import auto_assign
from evaluation.domain.results import compute_stage_results
from evaluation.domain.scoring import reopen_sheet, save_scores, submit_sheet
from evaluation.models import Assignment, ScoreSheet, StageResult
from tests.evaluation.factories import score_all

pytestmark = pytest.mark.django_db
STORED = ("application_id", "n_scores", "scores", "aggregate", "method", "dropped", "flagged",
          "bonus", "bonus_detail", "total", "rank", "tie_break", "advances", "computed_at")  # fmt: skip


@pytest.fixture
def scored(call, committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications, actor=staff)
    for i, app in enumerate(applications):
        score_all(committee, app, [[20 - i, 20, 20, 20], [15, 15, 15, 15], [25, 25, 25, 25 - i]])
    return applications


def _rows() -> list[tuple]:
    return list(StageResult.objects.order_by("application_id").values_list(*STORED))


def _last_written() -> int:
    entry = AuditEntry.objects.filter(action="evaluation.aggregate.document").order_by("pk").last()
    return entry.after["rows_written"]


def test_stored_values_are_the_aggregation(call, scored, staff):
    assert compute_stage_results(call=call, stage="document", actor=staff) == 5
    first = StageResult.objects.get(application=scored[0])
    # sheets 80, 60, 100 → trimmed mean 80, sorted totals and the dropped high/low are stored
    assert first.aggregate == Decimal("80.00") and first.total == Decimal("80.00")
    assert first.scores == ["60.00", "80.00", "100.00"] and first.dropped == ["100.00", "60.00"]
    assert first.method == "trimmed_mean" and not first.flagged and first.n_scores == 3
    assert first.bonus == 0 and first.bonus_detail == []
    # stage scores 80, 79, 78, 77, 76 → ranks 1..5
    assert [StageResult.objects.get(application=a).rank for a in scored] == [1, 2, 3, 4, 5]
    assert _last_written() == 5


def test_rerun_with_unchanged_scores_rewrites_nothing(call, scored, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    before = _rows()
    compute_stage_results(call=call, stage="document", actor=staff)
    if connection.vendor == "postgresql":
        assert _last_written() == 0
        assert _rows() == before  # computed_at included: no row was touched
    else:  # the bulk_create path rewrites every row with the same values
        assert [r[:-1] for r in _rows()] == [r[:-1] for r in before]


def test_rerun_after_a_changed_sheet_rewrites_only_changed_rows(call, scored, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    before = {r[0]: r for r in _rows()}
    last = scored[4]  # rank 5; raising one of its sheets keeps the other ranks unchanged
    sheet = ScoreSheet.objects.filter(assignment__application=last, total=Decimal("60")).get()
    reopen_sheet(sheet=sheet, reason="입력 오류 정정", actor=staff)
    assignment = Assignment.objects.get(pk=sheet.assignment_id)
    save_scores(assignment=assignment, actor=assignment.evaluator, comment="",
                criteria=[{"code": c, "points": 17} for c in ("excellence", "competence", "impact", "budget")])  # fmt: skip
    submit_sheet(assignment=assignment, actor=assignment.evaluator)
    compute_stage_results(call=call, stage="document", actor=staff)
    after = {r[0]: r for r in _rows()}
    changed = StageResult.objects.get(application=last)
    # sheets were 76, 60, 96 and are 76, 68, 96: the trimmed mean stays 76, but the stored sheet
    # totals and the dropped low score differ
    assert before[last.pk][2] == ["60.00", "76.00", "96.00"]
    assert changed.scores == ["68.00", "76.00", "96.00"] and changed.dropped == ["96.00", "68.00"]
    assert changed.aggregate == Decimal("76.00") and changed.rank == 5
    if connection.vendor == "postgresql":
        assert _last_written() == 1
        assert all(after[pk] == before[pk] for pk in before if pk != last.pk)
        assert after[last.pk][-1] > before[last.pk][-1]  # computed_at moved for the changed row


def test_rows_of_unassigned_applications_are_removed(call, scored, staff):
    compute_stage_results(call=call, stage="document", actor=staff)
    Assignment.objects.filter(application=scored[0]).delete()
    assert compute_stage_results(call=call, stage="document", actor=staff) == 4
    assert not StageResult.objects.filter(application=scored[0]).exists()
    assert StageResult.objects.filter(stage="document").count() == 4


def test_refused_web_save_keeps_the_typed_values(call, committee, applications, staff):
    auto_assign(committee=committee, applications=applications[:1], actor=staff)
    assignment = Assignment.objects.filter(application=applications[0]).first()
    client = Client()
    client.force_login(assignment.evaluator)
    url = reverse("evaluation:score-save", args=[assignment.pk])
    response = client.post(url, {"points_excellence": "30", "points_competence": "21.5",
                                 "comment_competence": "팀 구성 우수", "comment": "전체 의견", "save": "1"})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="score-error"' in page and "0 이상 25 이하" in page and "between 0 and 25" in page
    assert 'name="points_excellence" id="points_excellence" value="30"' in page
    assert 'name="points_competence" id="points_competence" value="21.5"' in page
    assert 'value="팀 구성 우수"' in page and ">전체 의견</textarea>" in page
    assert not ScoreSheet.objects.filter(assignment=assignment, criteria__isnull=False).exists()
    # a valid save redirects and stores
    ok = client.post(url, {"points_excellence": "22", "points_competence": "21.5", "save": "1"})
    assert ok.status_code == 302
    assert ScoreSheet.objects.get(assignment=assignment).total == Decimal("43.50")
