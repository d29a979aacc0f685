"""Conflict-of-interest exclusions: automatic, recusal, applicant request; every reason kept."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from evaluation.domain import EvaluationError
from evaluation.domain.coi import detect_conflicts
from evaluation.domain.committees import (
    assign,
    auto_assign,
    decide_exclusion_request,
    recuse,
    request_exclusion,
)
from evaluation.models import Affiliation, Assignment, ConflictRecord, DeclaredRelationship
from tests.evaluation.factories import ApplicationFactory, EvaluatorProfileFactory
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_no_conflict_for_unrelated_evaluator(applications):
    assert (
        detect_conflicts(evaluator=EvaluatorProfileFactory().user, application=applications[0])
        == []
    )


@pytest.mark.parametrize(("ended_years_ago", "conflict"), [(None, True), (2, True), (4, False)])
def test_affiliation_within_three_years(applications, ended_years_ago, conflict):
    app = applications[0]
    profile = EvaluatorProfileFactory()
    ends = (
        None
        if ended_years_ago is None
        else timezone.localdate() - dt.timedelta(days=365 * ended_years_ago)
    )
    Affiliation.objects.create(evaluator=profile, institution=app.lead_institution, ends_on=ends)
    assert bool(detect_conflicts(evaluator=profile.user, application=app)) is conflict


def test_current_account_institution_is_a_conflict(applications):
    app = applications[0]
    profile = EvaluatorProfileFactory(user__institution=app.lead_institution)
    assert detect_conflicts(evaluator=profile.user, application=app)[0].kind == "affiliation"


@pytest.mark.parametrize("kind", ["relative", "teacher_student"])
def test_declared_relationship_with_pi(applications, kind):
    app = applications[0]
    profile = EvaluatorProfileFactory()
    DeclaredRelationship.objects.create(evaluator=profile, kind=kind, researcher=app.pi)
    assert detect_conflicts(evaluator=profile.user, application=app)[0].kind == "relationship"


def test_cowork_with_pi_on_a_project(applications):
    from agreements.models import Project, ProjectParticipation
    from tests.factories import ResearcherFactory

    app = applications[0]
    me = ResearcherFactory()
    profile = EvaluatorProfileFactory(researcher=me)
    today = timezone.localdate()
    project = Project.objects.create(
        program=app.program, lead_institution=InstitutionFactory(), pi=app.pi, title="과거 과제",
        selected_on=today - dt.timedelta(days=700), starts_on=today - dt.timedelta(days=700),
        ends_on=today - dt.timedelta(days=300),
    )  # fmt: skip
    ProjectParticipation.objects.create(project=project, researcher=me, rate_pct=20,
                                        starts_on=project.starts_on, ends_on=project.ends_on)  # fmt: skip
    assert [c.kind for c in detect_conflicts(evaluator=profile.user, application=app)] == ["cowork"]


def test_auto_assign_excludes_conflicted_and_balances_load(committee, applications, staff):
    conflicted = committee.members.order_by("evaluator_id").first().evaluator
    Affiliation.objects.create(
        evaluator=conflicted.evaluator_profile, institution=applications[0].lead_institution
    )
    committee.evaluators_per_application = 3
    committee.save()
    summary = auto_assign(committee=committee, applications=applications, actor=staff)
    assert summary["assigned"] == 15 and summary["short"] == []
    assert not Assignment.objects.filter(application=applications[0], evaluator=conflicted).exists()
    record = ConflictRecord.objects.get(application=applications[0], evaluator=conflicted)
    assert record.kind == "affiliation" and record.reason
    loads = [
        Assignment.objects.filter(evaluator=m.evaluator).count() for m in committee.members.all()
    ]
    assert max(loads) - min(loads) <= 1  # 15 assignments over 5 members: 3 each
    assert AuditEntry.objects.filter(action="evaluation.coi.auto").count() == 1


def test_staff_cannot_assign_a_conflicted_evaluator(committee, applications, staff):
    member = committee.members.first().evaluator
    DeclaredRelationship.objects.create(evaluator=member.evaluator_profile, kind="relative",
                                        institution=applications[1].lead_institution)  # fmt: skip
    with pytest.raises(EvaluationError) as err:
        assign(committee=committee, application=applications[1], evaluator=member, actor=staff)
    assert err.value.code == "conflict" and "이해충돌" in err.value.message_ko
    assert ConflictRecord.objects.filter(application=applications[1], evaluator=member).exists()


def test_co_institution_conflict_when_available(committee, staff):
    from django.apps import apps

    try:
        model = apps.get_model("applications", "ApplicationInstitution")
    except LookupError:
        pytest.skip("ApplicationInstitution not built yet by the applications helper")
    app = ApplicationFactory(call=committee.call)
    partner = InstitutionFactory()
    model.objects.create(application=app, institution=partner, role="co")
    profile = EvaluatorProfileFactory()
    Affiliation.objects.create(evaluator=profile, institution=partner)
    assert detect_conflicts(evaluator=profile.user, application=app)


def test_recusal_before_opening_only(committee, applications, staff):
    auto_assign(committee=committee, applications=applications[:1], actor=staff)
    first, second = Assignment.objects.filter(application=applications[0])[:2]
    record = recuse(assignment=first, reason="지인 회사", actor=first.evaluator)
    first.refresh_from_db()
    assert first.status == "recused" and record.kind == "recusal"
    second.opened_at = timezone.now()
    second.save()
    with pytest.raises(EvaluationError):
        recuse(assignment=second, reason="늦은 회피", actor=second.evaluator)
    with pytest.raises(EvaluationError):
        recuse(assignment=second, reason="남의 배정", actor=first.evaluator)


def test_applicant_exclusion_request_decided_by_staff(committee, applications, staff):
    app = applications[0]
    auto_assign(committee=committee, applications=[app], actor=staff)
    target = Assignment.objects.filter(application=app).first().evaluator
    record = request_exclusion(
        application=app, named_person="김평가", reason="경쟁사 자문", actor=app.applicant
    )
    assert record.status == "pending" and record.evaluator is None
    decide_exclusion_request(
        record=record, uphold=True, evaluator=target, decision_reason="확인됨", actor=staff
    )
    assert Assignment.objects.get(application=app, evaluator=target).status == "excluded"
    rejected = request_exclusion(
        application=app, named_person="이평가", reason="근거 없음", actor=app.applicant
    )
    decide_exclusion_request(
        record=rejected, uphold=False, decision_reason="관계 없음", actor=staff
    )
    assert ConflictRecord.objects.filter(application=app, kind="applicant_request").count() == 2
    with pytest.raises(EvaluationError):
        request_exclusion(application=app, named_person="x", reason="y", actor=staff)
