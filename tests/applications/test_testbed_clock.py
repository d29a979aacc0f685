"""The 2-month answer clock (결과 통보 2개월 내) on Asia/Seoul dates, at its boundaries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from applications.domain import testbed_actions as act
from applications.domain.testbed_flow import answer_clock, step_due
from tests.applications.testbed_factories import make_testbed_world, propose

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")


def kst(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=KST)


@pytest.fixture
def w(catalogue):
    return make_testbed_world(prefix="ck")


@pytest.mark.parametrize(
    ("now", "state", "left"),
    [
        (kst(2026, 2, 28, 12), "on_track", 15),
        (kst(2026, 3, 1, 0, 0), "at_risk", 14),  # answer_warn_days before the due date
        (kst(2026, 3, 15, 23, 59, 59), "at_risk", 0),  # the whole due day counts
        (kst(2026, 3, 16, 0, 0), "overdue", -1),
    ],
)
def test_clock_boundaries(w, now, state, left):
    # received just after midnight KST (the previous day in UTC): the KST date counts
    proposal = propose(w, now=kst(2026, 1, 15, 0, 30))
    clock = answer_clock(proposal=proposal, now=now)
    assert clock.due_on == dt.date(2026, 3, 15)
    assert (clock.state, clock.days_left) == (state, left)


def test_month_end_is_clamped(w):
    proposal = propose(w, now=kst(2025, 12, 31, 23, 30))
    assert answer_clock(proposal=proposal, now=kst(2026, 1, 1)).due_on == dt.date(2026, 2, 28)


@pytest.mark.parametrize(("answered", "state"), [(kst(2026, 3, 15, 23, 59), "answered"),
                                                 (kst(2026, 3, 16, 0, 1), "answered_late")])  # fmt: skip
def test_an_answer_stops_the_clock(w, answered, state):
    proposal = propose(w, now=kst(2026, 1, 15, 9))
    act.check_requirements(
        proposal=proposal, actor=w["agency"], passed=False, note="미달", now=answered
    )
    proposal.refresh_from_db()
    assert answer_clock(proposal=proposal, now=kst(2026, 6, 1)).state == state


def test_step_due_is_flow_data(w):
    proposal = propose(w, now=kst(2026, 1, 15, 9))
    assert step_due(proposal=proposal).due_on == dt.date(2026, 1, 29)  # requirements: 2 weeks
    act.check_requirements(proposal=proposal, actor=w["agency"], passed=True, note="ok",
                           now=kst(2026, 1, 20, 9))  # fmt: skip
    proposal.refresh_from_db()
    assert step_due(proposal=proposal).due_on == dt.date(2026, 1, 27)  # site opinion: 1 week


def test_overdue_proposal_is_flagged_to_the_agency_and_shown_to_the_proposer(w):
    proposal = propose(w, now=kst(2020, 1, 15, 9))
    agency = Client()
    agency.force_login(w["agency"])
    body = agency.get("/testbed/intake/").content.decode()
    assert 'id="clock-flag"' in body and "testbed-clock--overdue" in body
    owner = Client()
    owner.force_login(w["proposer"])
    page = owner.get(f"/testbed/proposals/{proposal.pk}/").content.decode()
    assert "2020-03-15" in page and "testbed-clock--overdue" in page
