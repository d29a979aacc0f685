"""A call's share of each track: slots and budget envelope in ``Call.flow["tracks"]``."""

from __future__ import annotations

from django.db import transaction

from accounts.domain.audit import record_audit
from config.locking import lock


class TrackSplitRefused(ValueError):
    """The tracks' own figures add up to more than the call's: ``key`` is "slots" or
    "envelope_krw", the messages say both sums in Korean and English."""

    def __init__(self, key: str, message_ko: str, message_en: str):
        super().__init__(message_en)
        self.key, self.message_ko, self.message_en = key, message_ko, message_en


def split_problems(*, call, values: dict[str, dict]) -> list[TrackSplitRefused]:
    """The tracks share the call: the slots and envelopes the tracks give themselves may not add
    up to more than the call's number of projects and budget envelope (a track left empty uses
    the call's figure and is not counted)."""
    problems = []
    slots = sum(int(v["slots"]) for v in values.values() if v.get("slots") is not None)
    if slots > call.slots:
        problems.append(TrackSplitRefused(
            "slots", f"유형별 과제 수의 합({slots:,})이 공고의 선정 과제 수({call.slots:,})를 넘습니다.",
            f"The tracks' numbers of projects add up to {slots:,}, more than the call's {call.slots:,}."))  # fmt: skip
    money = sum(
        int(v["envelope_krw"]) for v in values.values() if v.get("envelope_krw") is not None
    )
    if money > call.budget_envelope_krw:
        problems.append(TrackSplitRefused(
            "envelope_krw",
            f"유형별 예산의 합({money:,}원)이 공고의 예산({call.budget_envelope_krw:,}원)을 넘습니다.",
            f"The tracks' budget envelopes add up to {money:,} KRW, more than the call's "
            f"{call.budget_envelope_krw:,} KRW."))  # fmt: skip
    return problems


@transaction.atomic
def set_call_tracks(*, call, values: dict[str, dict], actor) -> dict:
    """Write {track code: {"slots", "envelope_krw"}} (None = use the call's own) into Call.flow,
    on the locked call row; audited with before and after. Refused (TrackSplitRefused) when the
    tracks' figures add up to more than the call's (``split_problems``)."""
    from programs.models import Call

    call = lock(Call, call.pk)
    problems = split_problems(call=call, values=values)
    if problems:
        raise problems[0]
    flow = dict(call.flow or {})
    before = flow.get("tracks", [])
    after = [{"code": code, **{k: int(v) for k, v in spec.items() if v is not None}}
             for code, spec in values.items()]  # fmt: skip
    if before == after:
        return flow
    flow["tracks"] = after
    call.flow = flow
    call.save(update_fields=["flow"])
    record_audit(actor=actor, action="call.tracks", target=call, before=before, after=after)
    return flow
