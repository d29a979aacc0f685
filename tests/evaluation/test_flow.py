"""Stage results → advancement → site check → committee → budget cut → results PDF → objection."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import AuditEntry
from evaluation.domain import EvaluationError
from evaluation.domain.committees import auto_assign
from evaluation.domain.decisions import (
    adjust_grant,
    decide_candidate,
    decide_objection,
    file_objection,
    publish_results,
    record_site_check,
)
from evaluation.domain.results import compute_stage_results, what_if_stage
from evaluation.models import Assignment, CommitteeDecision, ResultNotice, StageResult
from tests.evaluation.factories import committee_with_members, score_all

pytestmark = pytest.mark.django_db
# per-evaluator points (4 INV criteria, max 25 each) → sheet totals 40..100
LEVELS = {
    0: [25, 25, 25, 20],
    1: [22, 22, 22, 22],
    2: [20, 20, 20, 20],
    3: [18, 18, 18, 16],
    4: [10, 10, 10, 10],
}


@pytest.fixture
def evaluated(call, committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications, actor=staff)
    for i, app in enumerate(applications):
        score_all(committee, app, [LEVELS[i]] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    return applications


def test_document_advancement_top_two_times_slots_over_cutoff(call, evaluated):
    results = {r.application_id: r for r in StageResult.objects.filter(stage="document")}
    ranks = [results[a.pk].rank for a in evaluated]
    assert ranks == [1, 2, 3, 4, 5]
    # slots=2 → 4 may advance; the 5th (40 points) is under the cut-off anyway
    assert [results[a.pk].advances for a in evaluated] == [True, True, True, True, False]
    assert AuditEntry.objects.filter(action="evaluation.aggregate.document").exists()


def test_what_if_changes_nothing(call, evaluated):
    before = list(StageResult.objects.values_list("application_id", "advances", "rank"))
    entries = what_if_stage(call, "document", cutoff="75", multiplier="1", aggregation="median")
    assert [e.advances for e in entries] == [True, True, False, False, False]
    assert list(StageResult.objects.values_list("application_id", "advances", "rank")) == before


def _presentation(call, evaluated, staff):
    pres = committee_with_members(call, n=3, stage="presentation", actor=staff)
    advancing = [
        a for a in evaluated if StageResult.objects.get(application=a, stage="document").advances
    ]
    auto_assign(committee=pres, applications=advancing, actor=staff)
    for i, app in enumerate(advancing):
        score_all(pres, app, [LEVELS[i]] * 3)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    return pres


def _through_committee(call, evaluated, staff):
    """Presentation scored and aggregated, every candidate decided: results may be published."""
    _presentation(call, evaluated, staff)
    priority = StageResult.objects.filter(call=call, stage="presentation", advances=True)
    for order, result in enumerate(priority.order_by("rank"), start=1):
        decide_candidate(application=result.application, selected=True, order=order,
                         reason="발표평가 순위", actor=staff)  # fmt: skip


def test_full_flow_to_published_results_and_objection(call, evaluated, staff):
    pres = _presentation(call, evaluated, staff)
    priority = list(
        StageResult.objects.filter(stage="presentation", advances=True).order_by("rank")
    )
    assert len(priority) == 3  # ceil(1.5 × 2) = 3
    record_site_check(application=priority[0].application, actor=staff, result="pass",
                      checked_on=dt.date(2023, 9, 10), researchers_ok=True, facilities_ok=True,
                      infrastructure_ok=True, notes="연구시설 확인")  # fmt: skip
    with pytest.raises(EvaluationError):
        record_site_check(
            application=evaluated[4], actor=staff, result="pass", checked_on=dt.date(2023, 9, 10)
        )
    for order, result in enumerate(priority, start=1):
        decide_candidate(
            application=result.application,
            selected=True,
            order=order,
            reason="발표평가 순위",
            actor=staff,
        )
    # envelope 1,000,000,000: 400M + 400M fit, the third 400M does not → cut
    adjust_grant(decision=CommitteeDecision.objects.get(application=priority[0].application), amount_krw=350_000_000,
                 reason="사업비 조정", actor=staff)  # fmt: skip
    with pytest.raises(EvaluationError):
        adjust_grant(decision=CommitteeDecision.objects.get(application=priority[0].application),
                     amount_krw=10**12, reason="초과", actor=staff)  # fmt: skip
    publish_results(call=call, actor=staff)
    selected = set(
        ResultNotice.objects.filter(selected=True).values_list("application_id", flat=True)
    )
    assert selected == {priority[0].application_id, priority[1].application_id}
    cut = CommitteeDecision.objects.get(application=priority[2].application)
    assert cut.within_envelope is False
    loser = evaluated[4]
    loser.refresh_from_db()
    assert loser.status == "not_selected"

    # objection: reviewers are presentation members who never evaluated this application
    app = priority[2].application
    objection = file_objection(
        application=app, stage="presentation", text="점수 산정 이의", actor=app.applicant
    )
    original = set(
        Assignment.objects.filter(application=app).values_list("evaluator_id", flat=True)
    )
    reviewers = set(objection.reviewers.values_list("pk", flat=True))
    assert reviewers.isdisjoint(original)
    with pytest.raises(EvaluationError):
        file_objection(application=app, stage="presentation", text="중복", actor=app.applicant)
    with pytest.raises(EvaluationError):
        decide_objection(objection=objection, upheld=False, outcome="기각", actor=next(iter(original)) and
                         Assignment.objects.filter(application=app).first().evaluator)  # fmt: skip
    decide_objection(objection=objection, upheld=False, outcome="산정 오류 없음", actor=staff)
    objection.refresh_from_db()
    assert objection.status == "dismissed" and objection.decided_by == staff
    assert pres.members.count() == 3


def test_objection_period_is_enforced(call, evaluated, staff):
    app = evaluated[4]
    with pytest.raises(EvaluationError) as early:
        file_objection(application=app, stage="document", text="이의", actor=app.applicant)
    assert early.value.code == "not_published"
    _through_committee(call, evaluated, staff)
    publish_results(call=call, actor=staff)
    late = timezone.now() + dt.timedelta(days=call.objection_days, seconds=1)
    with pytest.raises(EvaluationError) as err:
        file_objection(
            application=app, stage="document", text="이의", actor=app.applicant, now=late
        )
    assert err.value.code == "late"
    assert file_objection(application=app, stage="document", text="이의", actor=app.applicant).pk


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_result_notice_pdf_in_korean_without_evaluator_names(call, evaluated, staff, tmp_path):
    _through_committee(call, evaluated, staff)
    publish_results(call=call, actor=staff)
    app = evaluated[4]
    client = Client()
    client.force_login(app.applicant)
    response = client.get(reverse("evaluation:notice-pdf", args=[app.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "선정평가 결과 통지서" in text and "미선정" in text and app.receipt_no in text
    names = Assignment.objects.filter(application=app).values_list(
        "evaluator__last_name", flat=True
    )
    assert not any(name in text for name in names)
    other = Client()
    other.force_login(evaluated[0].applicant)
    assert other.get(reverse("evaluation:notice-pdf", args=[app.pk])).status_code == 403


PAGES = [
    ("evaluation:call", "call"), ("evaluation:coi", "call"), ("evaluation:committee-decisions", "call"),
    ("evaluation:objections", "call"), ("evaluation:committee", "committee"),
    ("evaluation:site-check", "app"), ("evaluation:my-assignments", None), ("evaluation:result", "app"),
]  # fmt: skip
EXPECTED = {
    Role.STAFF: {"evaluation:my-assignments": 403},
    Role.EVALUATOR: {"*": 403, "evaluation:my-assignments": 200},
    Role.APPLICANT: {"*": 403},  # the fixture applicant does not own the application
    Role.OFFICIAL: {"*": 403},
    Role.OPERATOR: {"*": 403},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_by_url(users, call, committee, evaluated, role):
    """Every page as this role (one scored call per role, not per page × role)."""
    client = Client()
    client.force_login(users[role])
    wrong = []
    for name, arg in PAGES:
        args = {"call": [call.pk], "committee": [committee.pk], "app": [evaluated[0].pk],
                None: []}[arg]  # fmt: skip
        expected = EXPECTED[role].get(name, EXPECTED[role].get("*", 200))
        got = client.get(reverse(name, args=args)).status_code
        if got != expected:
            wrong.append(f"{name}: {got}, expected {expected}")
    assert not wrong, wrong


def test_owner_sees_result_and_ranking_page_query_count(
    users, call, evaluated, django_assert_max_num_queries
):
    client = Client()
    client.force_login(evaluated[0].applicant)
    assert client.get(reverse("evaluation:result", args=[evaluated[0].pk])).status_code == 200
    staff_client = Client()
    staff_client.force_login(users[Role.STAFF])
    with django_assert_max_num_queries(12):
        assert (
            staff_client.get(reverse("evaluation:ranking", args=[call.pk, "document"])).status_code
            == 200
        )
    assert (
        Client().get(reverse("evaluation:ranking", args=[call.pk, "document"])).status_code == 302
    )
