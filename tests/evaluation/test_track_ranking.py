"""Ranking, advancement and the budget cut per track (R01's crowdfunding and open-evaluation
types; R07's two fields): each track has its own slots and envelope; ties at the boundary."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from accounts.models import AuditEntry
from evaluation.domain.aggregation import Entry, advance_count, mark_advancing, rank_entries
from evaluation.domain.track_ranking import (
    cut_by_track,
    rank_and_mark,
    tracks_of_call,
    what_if_by_track,
)
from programs.domain.call_tracks import set_call_tracks
from programs.domain.flows import program_tracks, stage_of
from programs.models import Program
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
CONFIG = {
    "cutoff": 60,
    "multiplier": 1,
    "rounding": "ceil",
    "aggregation": "trimmed_mean",
    "fallback": "mean",
}


def entry(pk, total, track, receipt=None):
    return Entry(application_id=pk, receipt_no=receipt or f"R-{pk:03d}", scores=[Decimal(total)] * 3,
                 aggregate=Decimal(total), extra={"track": track, "flagged": False})  # fmt: skip


@pytest.fixture
def r01_call(catalogue):
    call = CallFactory(programs=["R01"], slots=10, budget_envelope_krw=1_000_000_000, closed=True)
    call.flow = {"tracks": [{"code": "crowdfunding", "slots": 2, "envelope_krw": 100_000_000},
                            {"code": "open_evaluation", "slots": 1, "envelope_krw": 50_000_000}]}  # fmt: skip
    call.save()
    return call


def test_r01_and_r07_carry_two_tracks_each(catalogue):
    r01 = [t.code for t in program_tracks(program=Program.objects.get(code="R01"))]
    r07 = [t.name_ko for t in program_tracks(program=Program.objects.get(code="R07"))]
    assert r01 == ["crowdfunding", "open_evaluation"]
    assert r07 == ["동대문 상권 혁신", "패션·IT 융합"]
    r01_tracks = program_tracks(program=Program.objects.get(code="R01"))
    assert {t.extra["max_grant_krw"] for t in r01_tracks} == {
        50_000_000
    }  # seed: 과제당 50백만원 이내
    assert Program.objects.get(code="R01").max_grant_krw == 50_000_000


def test_each_track_ranks_and_advances_within_its_own_slots_tie_at_the_boundary(r01_call):
    entries = [entry(1, 90, "crowdfunding"), entry(2, 80, "crowdfunding", "R-B"), entry(3, 80, "crowdfunding", "R-A"),
               entry(4, 95, "open_evaluation"), entry(5, 70, "open_evaluation"), entry(6, 99, "")]  # fmt: skip
    ranked = {e.application_id: e for e in rank_and_mark(entries, call=r01_call, config=CONFIG)}
    # crowdfunding: 2 slots; #2 and #3 tie on every score: receipt number decides (R-A before R-B)
    assert [ranked[i].rank for i in (1, 3, 2)] == [1, 2, 3]
    assert ranked[2].tie_break == "receipt number"
    assert [ranked[i].advances for i in (1, 3, 2)] == [True, True, False]
    # open evaluation: 1 slot, its own ranks from 1
    assert (ranked[4].rank, ranked[4].advances, ranked[5].rank, ranked[5].advances) == (
        1,
        True,
        2,
        False,
    )
    assert ranked[6].advances is False  # no track: competes in none


def test_a_track_without_call_slots_uses_the_calls(r01_call):
    r01_call.flow = {"tracks": [{"code": "crowdfunding", "slots": 1}]}
    r01_call.save()
    tracks = tracks_of_call(r01_call)
    assert (tracks["crowdfunding"].slots, tracks["open_evaluation"].slots) == (1, None)
    entries = [entry(i, 90 - i, "open_evaluation") for i in range(1, 13)]
    assert sum(e.advances for e in rank_and_mark(entries, call=r01_call, config=CONFIG)) == 10


def test_programme_without_tracks_ranks_as_before(catalogue):
    call = CallFactory(programs=["INV"], slots=2, closed=True)
    entries = [entry(i, 100 - i * 5, "") for i in range(1, 6)]
    before = mark_advancing(rank_entries([entry(i, 100 - i * 5, "") for i in range(1, 6)]), cutoff=60,
                            count=advance_count(2, 1, "ceil"))  # fmt: skip
    after = rank_and_mark(entries, call=call, config=CONFIG)
    assert [(e.application_id, e.rank, e.advances) for e in after] == [
        (e.application_id, e.rank, e.advances) for e in before
    ]


def test_what_if_per_track_changes_no_input(r01_call):
    entries = [
        entry(1, 90, "crowdfunding"),
        entry(2, 61, "crowdfunding"),
        entry(3, 95, "open_evaluation"),
    ]
    result = what_if_by_track(entries, call=r01_call, config={**CONFIG, "cutoff": 70})
    assert [(e.application_id, e.advances) for e in result] == [(1, True), (2, False), (3, True)]
    assert entries[1].advances is False and entries[1].rank is None


def _decision(pk, amount, track):
    return SimpleNamespace(pk=pk, granted_krw=amount, application=SimpleNamespace(track=track))


@pytest.mark.parametrize(("second", "fits"), [(49_999_999, 2), (50_000_000, 2), (50_000_001, 1)])
def test_budget_cut_per_track_at_its_envelope(r01_call, second, fits):
    decisions = [_decision(1, 50_000_000, "crowdfunding"), _decision(2, second, "crowdfunding"),
                 _decision(3, 50_000_000, "open_evaluation"), _decision(4, 1, "open_evaluation")]  # fmt: skip
    within = [d.pk for d in cut_by_track(decisions, call=r01_call)]
    assert within == [1, 2][:fits] + [3]
    assert 4 not in within  # open evaluation's 50 M envelope is full after #3


def test_staff_set_track_slots_and_envelope_in_call_flow(r01_call, users):
    from accounts.enums import Role

    r01_call.slots, r01_call.budget_envelope_krw = 120, 6_000_000_000  # the tracks share the call's
    r01_call.save()
    set_call_tracks(call=r01_call, values={"crowdfunding": {"slots": 70, "envelope_krw": 3_500_000_000},
                                           "open_evaluation": {"slots": 50, "envelope_krw": None}},
                    actor=users[Role.STAFF])  # fmt: skip
    r01_call.refresh_from_db()
    tracks = tracks_of_call(r01_call)
    assert (tracks["crowdfunding"].slots, tracks["crowdfunding"].envelope_krw) == (
        70,
        3_500_000_000,
    )
    assert (tracks["open_evaluation"].slots, tracks["open_evaluation"].envelope_krw) == (50, None)
    assert AuditEntry.objects.filter(action="call.tracks").count() == 1


def test_track_stage_keeps_the_programmes_criteria(catalogue):
    r09 = Program.objects.get(code="R09")
    stage = stage_of(program=r09, code="document", track_code="academic")
    assert stage["name_ko"] == "예비심사" and stage["criteria"] == r09.stage("document")["criteria"]
    assert stage_of(program=r09, code="document") == r09.stage("document")
