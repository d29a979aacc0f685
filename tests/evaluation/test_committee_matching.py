"""Committees evaluate the applications of their call, stage and technical field, one committee each."""

import pytest
from django.test import Client
from django.urls import reverse

from evaluation.domain.committees import committee_candidates
from evaluation.models import Assignment
from tests.evaluation.factories import ApplicationFactory, committee_with_members
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(call):
    """Two fields in the call, plus applications that must never reach a committee."""
    return {
        "ict": [ApplicationFactory(call=call, tech_classification=f"정보통신-인공지능-{i}") for i in range(3)],
        "bio": [ApplicationFactory(call=call, tech_classification="생명·보건-의약") for _ in range(2)],
        "draft": ApplicationFactory(call=call, tech_classification="정보통신-SW", status="draft"),
        "out": ApplicationFactory(call=call, tech_classification="정보통신-SW", status="screened_out"),
        "other_call": ApplicationFactory(call=CallFactory(), tech_classification="정보통신-SW"),
    }  # fmt: skip


def _committee(call, staff, field):
    committee = committee_with_members(call, n=3, actor=staff)
    committee.technical_field = field
    committee.evaluators_per_application = 3
    committee.save()
    return committee


def test_candidates_match_call_stage_status_and_field(call, staff, mixed):
    ict = _committee(call, staff, "정보통신")
    bio = _committee(call, staff, "생명")
    assert list(committee_candidates(ict)) == mixed["ict"]
    assert list(committee_candidates(bio)) == mixed["bio"]
    everyone = _committee(call, staff, "")  # no field: the whole call, in evaluation only
    assert set(committee_candidates(everyone)) == set(mixed["ict"] + mixed["bio"])


def test_auto_assign_page_action_uses_the_field_and_never_double_assigns(call, staff, mixed):
    ict = _committee(call, staff, "정보통신")
    everyone = _committee(call, staff, "")
    client = Client()
    client.force_login(staff)
    url = reverse("evaluation:committee-action", args=[ict.pk])
    assert client.post(url, {"op": "auto"}).status_code == 302
    assert set(
        Assignment.objects.filter(committee=ict).values_list("application_id", flat=True)
    ) == {a.pk for a in mixed["ict"]}
    # the field-less committee takes only what no other committee of the stage has
    assert set(committee_candidates(everyone)) == set(mixed["bio"])
    client.post(reverse("evaluation:committee-action", args=[everyone.pk]), {"op": "auto"})
    assigned = Assignment.objects.filter(committee=everyone).values_list(
        "application_id", flat=True
    )
    assert set(assigned) == {a.pk for a in mixed["bio"]}
    # every application is scored by exactly one committee (3 evaluators each)
    for app in mixed["ict"] + mixed["bio"]:
        assert (
            Assignment.objects.filter(application=app).values("committee").distinct().count() == 1
        )
        assert Assignment.objects.filter(application=app).count() == 3
    for key in ("draft", "out", "other_call"):
        assert not Assignment.objects.filter(application=mixed[key]).exists()


def test_manual_assign_outside_the_committee_field_is_refused(call, staff, mixed):
    ict = _committee(call, staff, "정보통신")
    client = Client()
    client.force_login(staff)
    evaluator = ict.members.first().evaluator
    url = reverse("evaluation:committee-action", args=[ict.pk])
    refused = client.post(
        url, {"op": "assign", "application": mixed["bio"][0].pk, "evaluator": evaluator.pk}
    )
    assert refused.status_code == 404
    ok = client.post(
        url, {"op": "assign", "application": mixed["ict"][0].pk, "evaluator": evaluator.pk}
    )
    assert ok.status_code == 302
    assert Assignment.objects.filter(committee=ict, application=mixed["ict"][0]).count() == 1
