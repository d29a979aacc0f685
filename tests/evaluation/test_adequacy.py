"""The investment adequacy committee (투자적절성검증위원회, seed 002 §3): members with COI, a decision
per application, and "not adequate" ends the application before the presentation stage."""

import pytest

from accounts.enums import Role
from applications.enums import ApplicationStatus
from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from evaluation.domain.adequacy import (
    add_member,
    candidates,
    decide,
    may_review,
    open_committee,
    record_opinion,
    sign_pledge,
)
from evaluation.domain.committees import committee_candidates, create_committee
from evaluation.models import ConflictRecord, StageResult
from tests.evaluation.factories import ApplicationFactory, EvaluatorFactory
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(catalogue):
    staff = UserFactory(username="adq-staff", role=Role.STAFF)
    call = CallFactory(closed=True, flow={"round": 1})
    apps = [ApplicationFactory(call=call) for _ in range(3)]
    committee = open_committee(call=call, actor=staff)
    return staff, call, apps, committee


def test_only_programmes_with_the_committee_in_their_flow_get_one(catalogue):
    staff = UserFactory(username="adq-s", role=Role.STAFF)
    with pytest.raises(EvaluationError):
        open_committee(call=CallFactory(programs=["R05"]), actor=staff)
    call = CallFactory()
    assert open_committee(call=call, actor=staff) == open_committee(call=call, actor=staff)


def test_members_are_evaluators_who_sign_the_pledge_before_giving_an_opinion(setup):
    staff, _call, apps, committee = setup
    with pytest.raises(EvaluationError):
        add_member(
            committee=committee,
            member=UserFactory(username="adq-x", role=Role.OFFICIAL),
            actor=staff,
        )
    seat = add_member(committee=committee, member=EvaluatorFactory(), actor=staff)
    with pytest.raises(EvaluationError):
        record_opinion(
            seat=seat, application=apps[0], result="adequate", reasons="적정", actor=seat.member
        )
    seat = sign_pledge(seat=seat, actor=seat.member)
    opinion = record_opinion(
        seat=seat, application=apps[0], result="adequate", reasons="계약 적정", actor=seat.member
    )
    assert opinion.result == "adequate"
    with pytest.raises(EvaluationError):  # only their own
        record_opinion(seat=seat, application=apps[0], result="adequate", reasons="x", actor=staff)


def test_a_member_of_the_companys_institution_is_excluded_and_recorded(setup):
    staff, call, apps, committee = setup
    member = EvaluatorFactory(institution=apps[1].lead_institution)
    seat = sign_pledge(
        seat=add_member(committee=committee, member=member, actor=staff), actor=member
    )
    assert not may_review(seat=seat, application=apps[1])
    assert may_review(seat=seat, application=apps[0])
    with pytest.raises(EvaluationError):
        record_opinion(seat=seat, application=apps[1], result="adequate", reasons="x", actor=member)
    assert (
        ConflictRecord.objects.filter(application=apps[1], evaluator=member, stage="").count() == 1
    )


def test_not_adequate_ends_the_application_with_a_notice_and_it_never_reaches_the_presentation(
    setup,
):
    staff, call, apps, committee = setup
    with pytest.raises(EvaluationError):
        decide(
            committee=committee,
            application_id=apps[0].pk,
            result="not_adequate",
            reasons=" ",
            actor=staff,
        )
    decide(committee=committee, application_id=apps[0].pk, result="not_adequate",
           reasons="투자계약 절차 부적정(계약일 이후 추천)", actor=staff)  # fmt: skip
    decide(
        committee=committee,
        application_id=apps[1].pk,
        result="adequate",
        reasons="적정",
        actor=staff,
    )
    apps[0].refresh_from_db()
    apps[1].refresh_from_db()
    assert apps[0].status == ApplicationStatus.NOT_SELECTED
    assert apps[1].status == ApplicationStatus.IN_EVALUATION
    notice = apps[0].applicant.notices.get()
    assert "부적절" in notice.body
    with pytest.raises(AlreadyDecided):
        decide(
            committee=committee,
            application_id=apps[0].pk,
            result="adequate",
            reasons="재심",
            actor=staff,
        )
    assert apps[0] not in candidates(committee)
    for app in apps[:2]:  # both advanced from the document stage
        StageResult.objects.create(call=call, application=app, stage="document", method="trimmed_mean",
                                   aggregate=80, total=80, rank=1, advances=True)  # fmt: skip
    presentation = create_committee(call=call, stage="presentation", name="발표평가", actor=staff)
    assert set(committee_candidates(presentation).values_list("pk", flat=True)) == {apps[1].pk}


def test_no_opinion_after_the_committee_decided(setup):
    staff, _call, apps, committee = setup
    member = EvaluatorFactory()
    seat = sign_pledge(
        seat=add_member(committee=committee, member=member, actor=staff), actor=member
    )
    decide(
        committee=committee,
        application_id=apps[2].pk,
        result="adequate",
        reasons="적정",
        actor=staff,
    )
    with pytest.raises(EvaluationError):
        record_opinion(
            seat=seat, application=apps[2], result="not_adequate", reasons="x", actor=member
        )
