"""Evaluator API: own assignments only, scoring validation, lock on submit, role × URL access."""

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.models import AuditEntry
from evaluation.domain.committees import auto_assign
from evaluation.domain.scoring import reopen_sheet
from evaluation.models import Assignment, ScoreSheet
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
FULL = [
    {"code": c, "points": p}
    for c, p in [("excellence", 20), ("competence", 21.5), ("impact", 18), ("budget", 15)]
]


@pytest.fixture
def assigned(committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications[:2], actor=staff)
    return Assignment.objects.filter(application=applications[0]).select_related("evaluator")


def test_evaluator_sees_only_own_assignments(assigned):
    mine = assigned[0]
    response = client_for(mine.evaluator).get(reverse("evaluation-api-assignments"))
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()}
    assert ids == set(
        Assignment.objects.filter(evaluator=mine.evaluator).values_list("pk", flat=True)
    )
    assert all(Assignment.objects.get(pk=i).evaluator_id == mine.evaluator_id for i in ids)


def test_score_save_submit_lock_and_reopen(assigned, staff):
    assignment = assigned[0]
    client = client_for(assignment.evaluator)
    url = reverse("evaluation-api-scores", args=[assignment.pk])
    response = client.post(url, {"criteria": FULL[:2], "comment": "초안"}, format="json")
    assert response.status_code == 200, response.json()
    submit = reverse("evaluation-api-submit", args=[assignment.pk])
    incomplete = client.post(submit)
    assert incomplete.status_code == 400 and incomplete.json()["code"] == "incomplete"
    assert client.post(url, {"criteria": FULL, "comment": "종합"}, format="json").status_code == 200
    ok = client.post(submit)
    assert ok.status_code == 200 and ok.json()["sheet"]["total"] == "74.50"
    assert client.post(submit).status_code == 409  # double click: still one submission
    locked = client.post(url, {"criteria": FULL, "comment": "변경"}, format="json")
    assert locked.status_code == 409 and locked.json()["message_ko"]
    sheet = ScoreSheet.objects.get(assignment=assignment)
    with pytest.raises(Exception):  # noqa: B017 – a reason is mandatory
        reopen_sheet(sheet=sheet, reason=" ", actor=staff)
    reopen_sheet(sheet=sheet, reason="점수 입력 오류 정정", actor=staff)
    assert client.post(url, {"criteria": FULL, "comment": "정정"}, format="json").status_code == 200
    actions = list(
        AuditEntry.objects.filter(object_id=str(sheet.pk)).values_list("action", flat=True)
    )
    assert "evaluation.sheet.submit" in actions and "evaluation.sheet.reopen" in actions


@pytest.mark.parametrize(
    ("criteria", "code"),
    [([{"code": "excellence", "points": 26}], "points"), ([{"code": "nope", "points": 1}], "criterion"),
     ([{"code": "impact", "points": "abc"}], "points"), ([{"code": "impact", "points": -1}], "points")],
)  # fmt: skip
def test_bad_scores_refused_in_korean_and_english(assigned, criteria, code):
    assignment = assigned[0]
    response = client_for(assignment.evaluator).post(
        reverse("evaluation-api-scores", args=[assignment.pk]),
        {"criteria": criteria},
        format="json",
    )
    body = response.json()
    assert (
        response.status_code == 400
        and body["code"] == code
        and body["message_ko"]
        and body["message_en"]
    )


def test_unsigned_pledge_blocks_scoring(assigned):
    assignment = assigned[0]
    assignment.committee.members.filter(evaluator=assignment.evaluator).update(
        pledge_signed_at=None
    )
    response = client_for(assignment.evaluator).post(
        reverse("evaluation-api-scores", args=[assignment.pk]), {"criteria": FULL}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "pledge"


@pytest.mark.parametrize(
    "who", ["other_evaluator", Role.APPLICANT, Role.STAFF, Role.OFFICIAL, Role.OPERATOR, None]
)
def test_nobody_else_can_score_or_read_a_sheet(assigned, users, who):
    assignment = assigned[0]
    other = assigned[1].evaluator if who == "other_evaluator" else (users[who] if who else None)
    client = client_for(other)
    response = client.post(
        reverse("evaluation-api-scores", args=[assignment.pk]), {"criteria": FULL}, format="json"
    )
    assert response.status_code in (401, 403)
    assert client.post(reverse("evaluation-api-submit", args=[assignment.pk])).status_code in (
        401,
        403,
    )
    listing = client.get(reverse("evaluation-api-assignments"))
    if who == "other_evaluator":
        assert assignment.pk not in {row["id"] for row in listing.json()}
    else:
        assert listing.status_code in (401, 403)


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.STAFF, 200), (Role.OFFICIAL, 200), (Role.EVALUATOR, 403), (Role.APPLICANT, 403), (Role.OPERATOR, 403), (None, 403)],
)  # fmt: skip
def test_ranking_access_and_identities(assigned, users, call, role, expected):
    from evaluation.domain.results import compute_stage_results
    from tests.evaluation.factories import score_all

    score_all(
        assigned[0].committee,
        assigned[0].application,
        [[20, 20, 20, 20], [15, 15, 15, 15], [25, 25, 25, 25]],
    )
    compute_stage_results(call=call, stage="document", actor=users[Role.STAFF])
    client = client_for(users[role] if role else None)
    response = client.get(reverse("evaluation-api-ranking", args=[call.pk]), {"stage": "document"})
    assert response.status_code in ((expected,) if expected == 200 else (401, 403))
    if expected == 200:
        row = next(r for r in response.json() if r["application"] == assigned[0].application_id)
        assert row["aggregate"] == "80.00" and row["method"] == "trimmed_mean" and row["rank"] == 1
        names = {a.evaluator.last_name for a in assigned}
        text = response.content.decode()
        if role == Role.STAFF:
            assert {s["evaluator"] for s in row["scores"]} == names
        else:
            assert row["scores"] == ["60.00", "80.00", "100.00"]
            assert not any(name in text for name in names)


def test_aggregate_endpoint_runs_the_celery_job(
    assigned, users, call, django_capture_on_commit_callbacks
):
    from evaluation.models import StageResult
    from tests.evaluation.factories import score_all

    score_all(
        assigned[0].committee,
        assigned[0].application,
        [[20, 20, 20, 20], [15, 15, 15, 15], [25, 25, 25, 25]],
    )
    url = reverse("evaluation-api-aggregate", args=[call.pk, "document"])
    assert client_for(users[Role.EVALUATOR]).post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(users[Role.STAFF]).post(url)
    assert response.status_code == 202
    result = StageResult.objects.get(application=assigned[0].application, stage="document")
    assert result.aggregate == 80 and result.dropped == ["100.00", "60.00"] and result.rank == 1
    assert (
        client_for(users[Role.STAFF])
        .post(reverse("evaluation-api-aggregate", args=[call.pk, "bogus"]))
        .status_code
        == 404
    )
