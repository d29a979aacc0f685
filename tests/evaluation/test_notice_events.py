"""Each event that changes what an applicant or evaluator must do writes one notice, never two,
with a stable event key and a link to the page it is about, even when its function runs twice."""

import pytest
from django.core import mail

from accounts.models import Notice
from applications.domain.submission import submit_application
from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from evaluation.domain.committees import assign, auto_assign
from evaluation.domain.decisions import decide_objection, file_objection, publish_results
from evaluation.domain.scoring import reopen_sheet, submit_sheet
from evaluation.models import Assignment, ScoreSheet
from tests.applications.factories import complete_application
from tests.evaluation.factories import score_all
from tests.evaluation.test_flow import LEVELS, _through_committee, evaluated  # noqa: F401

pytestmark = pytest.mark.django_db


def _notices(user, prefix: str):
    return list(Notice.objects.filter(recipient=user, event_key__startswith=prefix))


def test_submitted_once_and_mailed_after_commit(catalogue, django_capture_on_commit_callbacks):
    app = complete_application()
    app.applicant.email = "pi@example.kr"
    app.applicant.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(application_id=app.pk, actor=app.applicant, idempotency_key="k1")
        assert mail.outbox == []  # nothing sent before the commit
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(application_id=app.pk, actor=app.applicant, idempotency_key="k2")
    assert [m.to for m in mail.outbox] == [["pi@example.kr"]]
    [notice] = _notices(app.applicant, f"application:{app.pk}:submitted:")
    assert notice.link == f"/applications/{app.pk}/receipt/"
    assert Notice.objects.filter(recipient=app.applicant).count() == 1


def test_assignments_notify_each_evaluator_once(call, committee, applications, staff):
    committee.evaluators_per_application = 2
    committee.save()
    auto_assign(committee=committee, applications=applications[:3], actor=staff)
    auto_assign(committee=committee, applications=applications[:3], actor=staff)  # nothing new
    assigned = {a.evaluator for a in Assignment.objects.filter(committee=committee)}
    for evaluator in assigned:
        [notice] = _notices(evaluator, "assign-run:")
        assert notice.link == "/evaluation/my/"
    # one assignment by hand, asked twice: one assignment, one notice
    member = committee.members.exclude(
        evaluator__in=Assignment.objects.filter(application=applications[4]).values("evaluator")
    ).first()
    for _ in range(2):
        assignment = assign(committee=committee, application=applications[4],
                            evaluator=member.evaluator, actor=staff)  # fmt: skip
    [notice] = _notices(member.evaluator, "assignment:")
    assert notice.event_key == f"assignment:{assignment.pk}"
    assert notice.link == "/evaluation/my/"  # the list: the pledge comes before the sheet


def test_reopened_sheet_once_per_reopening(call, committee, applications, staff):
    committee.evaluators_per_application = 3
    committee.save()
    auto_assign(committee=committee, applications=applications[:1], actor=staff)
    score_all(committee, applications[0], [LEVELS[0]] * 3)
    sheet = ScoreSheet.objects.filter(assignment__application=applications[0]).first()
    evaluator = sheet.assignment.evaluator
    reopen_sheet(sheet=sheet, reason="점수 재확인", actor=staff)
    with pytest.raises(EvaluationError):
        reopen_sheet(sheet=sheet, reason="점수 재확인", actor=staff)  # already reopened
    [notice] = _notices(evaluator, f"sheet:{sheet.pk}:reopened:")
    assert notice.link == f"/evaluation/assignments/{sheet.assignment_id}/"
    submit_sheet(assignment=sheet.assignment, actor=evaluator)
    reopen_sheet(sheet=sheet, reason="두 번째 재개", actor=staff)  # a new event: a new notice
    assert len(_notices(evaluator, f"sheet:{sheet.pk}:reopened:")) == 2


def test_published_result_and_objection_decision_once(call, evaluated, staff):  # noqa: F811
    _through_committee(call, evaluated, staff)
    publish_results(call=call, actor=staff)
    with pytest.raises(AlreadyDecided):
        publish_results(call=call, actor=staff)
    for app in evaluated:
        # one notice of the result: the status change (selected / not selected) writes no other
        notices = Notice.objects.filter(recipient=app.applicant)
        assert [n.event_key for n in notices] == [f"result:{app.pk}:published"]
        assert notices[0].link == f"/evaluation/applications/{app.pk}/result/"
    app = evaluated[4]
    objection = file_objection(
        application=app, stage="presentation", text="이의", actor=app.applicant
    )
    decide_objection(objection=objection, upheld=False, outcome="기각", actor=staff)
    with pytest.raises(AlreadyDecided):
        decide_objection(objection=objection, upheld=True, outcome="인용", actor=staff)
    [notice] = _notices(app.applicant, f"objection:{objection.pk}:decided")
    assert notice.link == f"/evaluation/applications/{app.pk}/result/"
    for reviewer in objection.reviewers.all():
        assert len(_notices(reviewer, f"objection:{objection.pk}:review")) == 1
