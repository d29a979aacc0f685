"""A call's share of each track: slots and budget envelope in ``Call.flow["tracks"]``."""

from __future__ import annotations

from django.db import transaction

from accounts.domain.audit import record_audit
from config.locking import lock


@transaction.atomic
def set_call_tracks(*, call, values: dict[str, dict], actor) -> dict:
    """Write {track code: {"slots", "envelope_krw"}} (None = use the call's own) into Call.flow,
    on the locked call row; audited with before and after."""
    from programs.models import Call

    call = lock(Call, call.pk)
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
