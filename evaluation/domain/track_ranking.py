"""Ranking and selection per track (Program.flow["tracks"], Call.flow["tracks"]).

When a call's programme has tracks, each track is its own competition: its applications are
ranked among themselves (ranks 1..n per track, the documented tie-break of
``evaluation.domain.aggregation``), advance within the track's slots (× the stage multiplier),
and the coordination committee's selection is cut at the track's own budget envelope. A track the
call gives no slots (or envelope) uses the call's ``slots`` (``budget_envelope_krw``). An
application of a tracked programme without a (known) track competes in no track and never
advances. Calls whose programmes have no tracks are ranked exactly as before (one group).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from evaluation.domain.aggregation import (
    Entry,
    advance_count,
    aggregate,
    budget_cut,
    mark_advancing,
    rank_entries,
)
from programs.domain.flows import Track, call_tracks

NO_TRACK = ""


def tracks_of_call(call) -> dict[str, Track]:
    """The tracks of the call's programmes with this call's slots and envelope, by code (in
    catalogue order); empty when no programme of the call has tracks."""
    found: dict[str, Track] = {}
    for program in call.programs.order_by("order", "code"):
        for t in call_tracks(call=call, program=program):
            found.setdefault(t.code, t)
    return found


def track_slots(call, track: Track | None) -> int:
    if track is None:
        return 0
    return int(track.slots) if track.slots is not None else int(call.slots)


def track_envelope(call, track: Track | None) -> int:
    if track is None:
        return 0
    return (
        int(track.envelope_krw) if track.envelope_krw is not None else int(call.budget_envelope_krw)
    )


def _groups(entries: Sequence[Entry], tracks: dict[str, Track]) -> list[tuple[str, list[Entry]]]:
    by_code: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        by_code[e.extra.get("track") or NO_TRACK].append(e)
    order = [*tracks, *sorted(set(by_code) - set(tracks))]
    return [(code, by_code[code]) for code in order if by_code.get(code)]


def rank_and_mark(
    entries: Sequence[Entry], *, call, config: dict, slots: int | None = None
) -> list[Entry]:
    """Rank and mark advancement: per track when the call has tracks, else as one group."""
    tracks = tracks_of_call(call)
    cutoff = config["cutoff"]
    if not tracks:
        count = advance_count(int(slots or call.slots), config["multiplier"], config["rounding"])
        return mark_advancing(rank_entries(entries), cutoff=cutoff, count=count)
    out: list[Entry] = []
    for code, group in _groups(entries, tracks):
        track = tracks.get(code)
        count = advance_count(track_slots(call, track), config["multiplier"], config["rounding"])
        ranked = mark_advancing(rank_entries(group), cutoff=cutoff, count=count)
        for e in ranked:
            e.extra["track"] = code
        out += ranked
    return out


def what_if_by_track(entries: Sequence[Entry], *, call, config: dict) -> list[Entry]:
    """``aggregation.what_if`` per track: re-aggregate copies with the given rules, then rank."""
    fresh = []
    for e in entries:
        result = aggregate(e.scores, method=config["aggregation"], fallback=config["fallback"])
        fresh.append(Entry(
            application_id=e.application_id, receipt_no=e.receipt_no, scores=list(e.scores),
            aggregate=result.value, bonus=e.bonus,
            extra={"flagged": result.flagged, "flag_decision": e.extra.get("flag_decision"),
                   "track": e.extra.get("track", NO_TRACK)},
        ))  # fmt: skip
    config = {**config, "cutoff": Decimal(str(config["cutoff"]))}
    return rank_and_mark(fresh, call=call, config=config, slots=config.get("slots"))


def cut_by_track(decisions: Sequence, *, call) -> list:
    """The selected decisions (in committee order) that fit their track's envelope; each track's
    list is cut at its first misfit (``aggregation.budget_cut``). Without tracks: the call's."""
    tracks = tracks_of_call(call)
    if not tracks:
        fit = budget_cut([d.granted_krw for d in decisions], call.budget_envelope_krw)
        return list(decisions[:fit])
    by_code: dict[str, list] = defaultdict(list)
    for d in decisions:
        by_code[d.application.track or NO_TRACK].append(d)
    within = []
    for code, group in by_code.items():
        envelope = track_envelope(call, tracks.get(code))
        within += group[: budget_cut([d.granted_krw for d in group], envelope)]
    keep = {d.pk for d in within}
    return [d for d in decisions if d.pk in keep]


def track_summary(call, *, granted: dict[str, int] | None = None) -> list[dict]:
    """Each track of the call for the staff pages, in catalogue order: name (active language),
    the effective slots and envelope (the call's own where the track has none: ``own_slots`` /
    ``own_envelope`` say which) and, given ``granted`` {track code: won}, what is committed and
    left. Empty when the call's programmes have no tracks."""
    out = []
    for code, t in tracks_of_call(call).items():
        envelope = track_envelope(call, t)
        row = {"code": code, "name": t.name, "slots": track_slots(call, t),
               "envelope_krw": envelope, "own_slots": t.slots is not None,
               "own_envelope": t.envelope_krw is not None}  # fmt: skip
        if granted is not None:
            row["granted_krw"] = int(granted.get(code, 0))
            row["left_krw"] = envelope - row["granted_krw"]
        out.append(row)
    return out


def track_envelope_refusal(*, call, track_code: str, amount_krw: int, exclude_application=None):
    """Why an agreement of ``amount_krw`` city grant in the call's track would go beyond the
    track's budget envelope — (code, ko, en) — or None when it fits (or the call has no tracks).
    Counts the city grant of the call's agreements in the same track, terminated ones aside.
    The caller holds the call's row lock, so two agreements cannot both take the last won."""
    from django.db.models import Sum

    from agreements.enums import AgreementStatus
    from agreements.models import Agreement

    tracks = tracks_of_call(call)
    if not tracks:
        return None
    found = tracks.get(track_code or NO_TRACK)
    if found is None:
        return ("track_unknown", "유형(트랙)이 없는 신청은 협약할 수 없습니다.",
                "An application without a track of the call cannot get an agreement.")  # fmt: skip
    envelope = track_envelope(call, found)
    committed = (
        (
            Agreement.objects.filter(application__call=call, application__track=found.code)
            .exclude(status=AgreementStatus.TERMINATED)
            .exclude(application=exclude_application)
            .aggregate(total=Sum("city_grant_krw"))["total"]
        )
        or 0
    )
    if committed + int(amount_krw) <= envelope:
        return None
    return ("track_envelope",
            f"'{found.name_ko}' 유형의 예산({envelope:,}원) 중 {committed:,}원이 이미 협약되어, "
            f"시지원연구개발비 {int(amount_krw):,}원을 더하면 예산을 넘습니다.",
            f"{committed:,} KRW of the '{found.name_en}' track's budget envelope of {envelope:,} KRW "
            f"is already committed: a city grant of {int(amount_krw):,} KRW would exceed it.")  # fmt: skip
