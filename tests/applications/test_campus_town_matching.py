"""Campus-town matching before intake (R03) at the domain level: problem → search → 1:1 match
(both sides accept, or one declines with a reason) → joint plan co-edited → only the startup submits."""

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import Role
from accounts.models import Notice
from applications.domain.drafts import update_draft
from applications.domain.errors import NotPermitted
from applications.domain.matching import (
    decide_match,
    propose_match,
    search_experts,
    start_joint_plan,
)
from applications.domain.submission import submit_application
from applications.models import MatchStatus, ProblemStatus
from config.locking import AlreadyDecided
from tests.applications import campus_town_factories as ct
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_a_campus_town_tenant_posts_a_problem(catalogue):
    outsider = UserFactory(role=Role.APPLICANT, institution=ct.InstitutionFactory())
    with pytest.raises(ValidationError) as exc:
        ct.problem(outsider)
    assert exc.value.code == "not_campus_town"
    assert ct.problem().status == ProblemStatus.OPEN


def test_search_ranks_field_and_keywords_and_skips_unavailable(catalogue):
    best = ct.expert(fields=("ai", "energy"), keywords="배터리, 수명", first_name="최적")
    field_only = ct.expert(fields=("ai",), keywords="영상", first_name="분야만")
    ct.expert(fields=("bio",), keywords="단백질", first_name="무관")
    away = ct.expert(fields=("ai",), keywords="배터리", first_name="부재")
    away.expert_profile.available = False
    away.expert_profile.save()
    found = search_experts(field="ai", keywords="배터리, 수명")
    assert [c.profile.user for c in found] == [best, field_only]
    assert found[0].score == 10 + 3 + 3 and found[1].score == 10


def test_search_is_a_bounded_number_of_queries(catalogue, django_assert_max_num_queries):
    for i in range(12):
        ct.expert(fields=("ai",), keywords=f"키워드{i}")
    with django_assert_max_num_queries(1):
        found = search_experts(field="ai", keywords="키워드1")
        [c.profile.university.name for c in found]
    assert len(found) == 12


def test_both_sides_accept_then_joint_plan_coedited_and_only_startup_submits(catalogue):
    ct.designated()
    ct.r03_call()
    startup, expert = ct.startup_user(), ct.expert()
    problem = ct.problem(startup)
    match = propose_match(problem_id=problem.pk, expert=expert, actor=startup)
    assert match.startup_decision == "accepted" and match.status == MatchStatus.PROPOSED
    with pytest.raises(ValidationError):  # a plan needs both sides
        start_joint_plan(match_id=match.pk, actor=startup)
    match = decide_match(match_id=match.pk, actor=expert, accept=True)
    assert match.status == MatchStatus.ACCEPTED
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.MATCHED
    with pytest.raises(AlreadyDecided):  # a double click never decides twice
        decide_match(match_id=match.pk, actor=expert, accept=False, reason="x")
    app = ct.joint_plan(match)
    assert start_joint_plan(match_id=match.pk, actor=startup).pk == app.pk  # idempotent
    assert expert.has_perm("applications.change_application", app)
    assert expert.has_perm("applications.view_application", app)
    assert not expert.has_perm("applications.submit_application", app)
    update_draft(application=app, actor=expert, data={"content": "전문가가 보완한 내용"})
    app.refresh_from_db()
    assert app.content == "전문가가 보완한 내용" and app.last_editor == expert
    with pytest.raises(NotPermitted):
        submit_application(application_id=app.pk, actor=expert)
    receipt = submit_application(application_id=app.pk, actor=startup)
    assert receipt.receipt_no
    keys = set(Notice.objects.values_list("event_key", flat=True))
    assert {f"expert_match:{match.pk}:proposed", f"expert_match:{match.pk}:accepted",
            f"expert_match:{match.pk}:joint_plan"} <= keys  # fmt: skip


def test_decline_needs_a_reason_and_frees_the_problem(catalogue):
    startup, expert = ct.startup_user(), ct.expert()
    problem = ct.problem(startup)
    match = propose_match(problem_id=problem.pk, expert=expert, actor=startup)
    with pytest.raises(ValidationError) as exc:
        decide_match(match_id=match.pk, actor=expert, accept=False, reason="  ")
    assert exc.value.code == "reason_required"
    match = decide_match(match_id=match.pk, actor=expert, accept=False, reason="분야가 다릅니다")
    assert match.status == MatchStatus.DECLINED and match.decline_reason == "분야가 다릅니다"
    other = ct.expert()
    assert propose_match(problem_id=problem.pk, expert=other, actor=startup).status == "proposed"


def test_one_live_match_per_problem_and_strangers_cannot_answer(catalogue):
    startup, expert = ct.startup_user(), ct.expert()
    problem = ct.problem(startup)
    match = propose_match(problem_id=problem.pk, expert=expert, actor=startup)
    with pytest.raises(ValidationError):
        propose_match(problem_id=problem.pk, expert=ct.expert(), actor=startup)
    for stranger in (ct.expert(), ct.startup_user(), UserFactory(role=Role.STAFF)):
        with pytest.raises(ValidationError) as exc:
            decide_match(match_id=match.pk, actor=stranger, accept=True)
        assert exc.value.code == "forbidden"


def test_joint_plan_waits_for_the_policy_designation(catalogue):
    ct.r03_call()
    match = ct.accepted_match()
    with pytest.raises(ValidationError) as exc:
        start_joint_plan(match_id=match.pk, actor=match.problem.posted_by)
    assert exc.value.code == "not_designated"


def test_expert_of_another_match_cannot_edit(catalogue):
    ct.designated()
    ct.r03_call()
    app = ct.joint_plan(ct.accepted_match(), complete=False)
    other = ct.expert()
    assert not other.has_perm("applications.change_application", app)
    assert not other.has_perm("applications.view_application", app)
