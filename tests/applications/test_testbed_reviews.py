"""Testbed reviews on the standard evaluation machinery (issue 14): the intake agency's committee,
COI exclusion, evaluators scoring on their own pages, the trimmed mean as StageResult, closing
the review against the flow's cut-off; role-parametrised access to the committee pages."""

from decimal import Decimal

import pytest
from django.test import Client

from accounts.enums import Role
from applications.domain import testbed_actions as act
from applications.domain.testbed_flow import TestbedRefused as Refused
from applications.domain.testbed_reviews import assign_proposal, seat_evaluator
from applications.enums import ApplicationStatus
from applications.models.testbed import TestbedStep as T
from evaluation.domain.committees import committee_candidates
from evaluation.models import Assignment, ConflictRecord, StageResult
from tests.applications.testbed_factories import (
    advance,
    make_testbed_world,
    propose,
    review_committee,
    score_review,
)
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(catalogue):
    return make_testbed_world(prefix="rv")


def client(user) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_committee_of_three_with_a_conflicted_member_excluded_and_below_cutoff(w):
    """4 members, one from the proposing company (conflict): 3 score 40 / 55 / 90 → trimmed mean
    55 (highest and lowest dropped) < 60 → not selected; the stored StageResult explains it."""
    proposal = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    conflicted = UserFactory(
        username="rv-conflicted", role=Role.EVALUATOR, institution=w["company"]
    )
    committee = review_committee(w, "document")
    seat_evaluator(committee=committee, evaluator=conflicted, actor=w["agency"])
    score_review(w, proposal, totals=(40, 55, 90))
    assert not Assignment.objects.filter(evaluator=conflicted).exists()
    assert ConflictRecord.objects.filter(evaluator=conflicted, application=proposal.application,
                                         stage="document").count() == 1  # fmt: skip
    act.close_review(proposal=proposal, actor=w["agency"], step=T.WRITTEN_REVIEW, note="미흡")
    proposal.refresh_from_db()
    assert proposal.step == T.NOT_SELECTED and proposal.answered_at is not None
    assert proposal.written_score == Decimal("55.00")
    assert proposal.application.status == ApplicationStatus.NOT_SELECTED
    result = StageResult.objects.get(application=proposal.application, stage="document")
    assert (result.aggregate, result.method, result.n_scores) == (
        Decimal("55.00"),
        "trimmed_mean",
        3,
    )
    assert sorted(Decimal(d) for d in result.dropped) == [Decimal(40), Decimal(90)]
    assert result.advances is False and result.rank is None


def test_closing_is_refused_until_the_committee_result_is_complete(w):
    proposal = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    with pytest.raises(Refused) as exc:  # nobody assigned
        act.close_review(proposal=proposal, actor=w["agency"], step=T.WRITTEN_REVIEW)
    assert exc.value.code == "missing" and "평가위원" in exc.value.message_ko
    score_review(w, proposal, totals=(80, 70))  # the third sheet is missing
    with pytest.raises(Refused) as exc:
        act.close_review(proposal=proposal, actor=w["agency"], step=T.WRITTEN_REVIEW)
    assert exc.value.code == "incomplete" and "(2/3)" in exc.value.message_en
    third = Assignment.objects.get(application=proposal.application, sheet__isnull=True)
    third.status = "recused"  # only 2 scores remain: the trimmed mean is undefined
    third.save(update_fields=["status"])
    with pytest.raises(Refused) as exc:
        act.close_review(proposal=proposal, actor=w["agency"], step=T.WRITTEN_REVIEW)
    assert exc.value.code == "too_few" and "at least 3" in exc.value.message_en
    proposal.refresh_from_db()
    assert proposal.step == T.WRITTEN_REVIEW and proposal.written_score is None


def test_pass_moves_to_the_presentation_committee_and_a_second_click_is_refused(w):
    proposal = advance(w, propose(w), to=T.PRESENTATION_REVIEW)
    assert proposal.written_score == Decimal("80.00")  # 70 / 80 / 90 → 80
    with pytest.raises(Refused):  # the same "close the written review" sent again
        act.close_review(proposal=proposal, actor=w["agency"], step=T.WRITTEN_REVIEW)
    presentation = review_committee(w, "presentation")
    assert list(committee_candidates(presentation)) == [proposal.application]
    proposal = advance(w, proposal, to=T.DEMO_PLAN)
    assert proposal.presentation_score == Decimal("75.00")
    assert proposal.application.status == ApplicationStatus.SELECTED


def test_the_evaluator_scores_the_testbed_proposal_on_the_existing_pages(w):
    proposal = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    committee = review_committee(w, "document")
    assign_proposal(proposal=proposal, committee=committee, actor=w["agency"])
    evaluator = w["evaluators"][0]
    assignment = Assignment.objects.get(evaluator=evaluator, application=proposal.application)
    c = client(evaluator)
    assert f"/evaluation/assignments/{assignment.pk}/" in c.get("/evaluation/my/").content.decode()
    page = c.get(f"/evaluation/assignments/{assignment.pk}/").content.decode()
    assert "기술의 혁신성" in page and "드론 기반 교량 안전 점검" in page  # criteria + dossier
    data = {"points_innovation": "20", "points_maturity": "20", "points_safety": "20",
            "points_differentiation": "15", "comment": "", "submit": "1"}  # fmt: skip
    assert c.post(f"/evaluation/assignments/{assignment.pk}/save/", data).status_code == 302
    assignment.sheet.refresh_from_db()
    assert assignment.sheet.status == "submitted" and assignment.sheet.total == Decimal(75)


WHO = ["anonymous", "agency", "staff", "evaluator", "applicant", "site", "official"]
PAGES = {"/testbed/committees/": {"agency"}, "/testbed/committees/{committee}/": {"agency"}}


@pytest.fixture
def people(w):
    return {
        "anonymous": None, "agency": w["agency"], "staff": w["staff"], "applicant": w["proposer"],
        "site": w["site_user"], "evaluator": UserFactory(username="rv-eval", role=Role.EVALUATOR),
        "official": UserFactory(username="rv-off", role=Role.OFFICIAL, institution=InstitutionFactory()),
    }  # fmt: skip


@pytest.mark.parametrize("who", WHO)
def test_committee_pages_and_actions_by_role(w, people, who):
    proposal = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    committee = review_committee(w, "document")
    c = client(people[who])
    for path, allowed in PAGES.items():
        status = c.get(path.format(committee=committee.pk)).status_code
        assert status == (200 if who in allowed else 302 if who == "anonymous" else 403), (
            path,
            status,
        )
    seat = c.post(f"/testbed/committees/{committee.pk}/", {"evaluator": people["evaluator"].pk})
    assign = c.post(f"/testbed/proposals/{proposal.pk}/assign/", {"committee": committee.pk})
    close = c.post(f"/testbed/proposals/{proposal.pk}/review/", {"step": "written_review"})
    if who == "agency":
        assert (seat.status_code, assign.status_code) == (302, 302)
        assert Assignment.objects.filter(application=proposal.application).count() == 4
        not_evaluator = c.post(f"/testbed/committees/{committee.pk}/", {"evaluator": w["staff"].pk})
        assert not_evaluator.status_code == 422
        assert 'id="id_evaluator_error"' in not_evaluator.content.decode()
        assert close.status_code == 422  # no sheet yet: refused next to the form, in ko and en
        body = close.content.decode()
        assert "평가표 4건이 아직 제출되지 않았습니다" in body and "not submitted yet" in body
        form = c.post("/testbed/committees/", {"call": w["call"].pk, "stage": "presentation",
                                               "name": "발표심사 위원회"})  # fmt: skip
        assert form.status_code == 302
        bad = c.post(
            "/testbed/committees/", {"call": w["call"].pk, "stage": "site_check", "name": ""}
        )
        assert bad.status_code == 422 and 'id="id_stage_error"' in bad.content.decode()
    else:
        expected = 302 if who == "anonymous" else 403
        assert (seat.status_code, assign.status_code, close.status_code) == (expected,) * 3
        assert committee.members.count() == 3
        assert not Assignment.objects.filter(application=proposal.application).exists()


def test_proposal_page_shows_the_committee_score_and_the_close_button(w):
    proposal = advance(w, propose(w), to=T.WRITTEN_REVIEW)
    score_review(w, proposal, totals=(60, 85, 70))
    body = client(w["agency"]).get(f"/testbed/proposals/{proposal.pk}/").content.decode()
    assert 'id="review-score">70.00<' in body
    assert 'id="review-form"' in body and "data-confirm" in body
    assert "60.00, 70.00, 85.00" in body
