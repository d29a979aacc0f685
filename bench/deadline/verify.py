"""After the load: acknowledged submits exactly once, gap-free receipts, nothing lost silently."""

import re
from collections import Counter, defaultdict

from bench.deadline.load import Request

SUBMIT_KINDS = {"submit", "retry", "dup"}
ACK = {200, 201}
AUTOSAVE_RE = re.compile(r"자동저장 (\S+) (\d+) (\d+):")


def verify(*, requests: list[Request], call_id: int, run: str) -> dict:
    """Compare what the clients were told with what PostgreSQL holds. `ok` is the verdict."""
    from accounts.models import AuditEntry
    from applications.enums import ApplicationStatus
    from applications.models import Application

    acked: dict[int, list[str]] = defaultdict(list)
    attempted: set[int] = set()
    statuses: Counter = Counter()
    for r in requests:
        if r.kind in SUBMIT_KINDS:
            attempted.add(r.app)
            statuses[f"{r.kind}:{r.status}"] += 1
            if r.status in ACK and r.receipt:
                acked[r.app].append(r.receipt)
    rows = {
        a["pk"]: a
        for a in Application.objects.filter(call_id=call_id).values(
            "pk", "status", "receipt_no", "submitted_at", "summary"
        )
    }
    with_receipt = {pk: a for pk, a in rows.items() if a["receipt_no"]}

    inconsistent_replies = sorted(app for app, rs in acked.items() if len(set(rs)) > 1)
    repeated_acks = sum(len(rs) - 1 for rs in acked.values())
    lost_acked = sorted(
        app for app, rs in acked.items()
        if app not in with_receipt or with_receipt[app]["receipt_no"] != rs[0]
        or rows[app]["status"] != ApplicationStatus.SUBMITTED
    )  # fmt: skip
    receipt_counts = Counter(a["receipt_no"] for a in with_receipt.values())
    duplicate_receipts = sorted(r for r, n in receipt_counts.items() if n > 1)
    numbers = sorted(_number(r) for r in receipt_counts)
    gap_free = numbers == list(range(1, len(numbers) + 1))
    unacked = attempted - set(acked)
    unacked_present = sorted(app for app in unacked if app in with_receipt)
    unacked_absent = sorted(app for app in unacked if app not in with_receipt)
    phantom = sorted(app for app in with_receipt if app not in attempted)
    audit = Counter(
        int(object_id)
        for object_id in AuditEntry.objects.filter(
            action="application.status", after__status=ApplicationStatus.SUBMITTED,
            object_id__in=[str(pk) for pk in with_receipt],
        ).values_list("object_id", flat=True)
    )  # fmt: skip
    audit_not_once = sorted(pk for pk in with_receipt if audit.get(pk, 0) != 1)
    autosave = _autosaves(requests, rows, run)

    result = {
        "submits_attempted_apps": len(attempted),
        "submit_statuses": dict(sorted(statuses.items())),
        "acknowledged_apps": len(acked),
        "repeated_acknowledgements": repeated_acks,
        "retries_with_different_receipt": len(inconsistent_replies),
        "acknowledged_but_missing_or_wrong_in_db": len(lost_acked),
        "submitted_in_db": len(with_receipt),
        "duplicate_receipt_numbers": len(duplicate_receipts),
        "receipt_numbers_gap_free": gap_free,
        "receipt_range": [numbers[0], numbers[-1]] if numbers else [],
        "unacknowledged_present_in_db_reported": len(unacked_present),
        "unacknowledged_absent_from_db": len(unacked_absent),
        "submitted_in_db_never_requested": len(phantom),
        "submit_audit_entries_not_exactly_one": len(audit_not_once),
        **autosave,
        "examples": {
            "lost_acked": lost_acked[:5], "inconsistent": inconsistent_replies[:5],
            "duplicate_receipts": duplicate_receipts[:5], "phantom": phantom[:5],
            "unacked_present": unacked_present[:5], "audit_not_once": audit_not_once[:5],
        },
    }  # fmt: skip
    result["ok"] = (
        not inconsistent_replies and not lost_acked and not duplicate_receipts and gap_free
        and not phantom and not audit_not_once and autosave["autosaves_lost"] == 0
    )  # fmt: skip
    return result


def _number(receipt: str) -> int:
    match = re.search(r"(\d+)$", receipt)
    return int(match.group(1)) if match else -1


def _autosaves(requests: list[Request], rows: dict, run: str) -> dict:
    """The database holds the last acknowledged autosave of each draft (or a later, unanswered one)."""
    last_acked: dict[int, int] = {}
    last_sent: dict[int, int] = {}
    for r in requests:
        if r.kind != "autosave":
            continue
        last_sent[r.app] = max(last_sent.get(r.app, 0), r.attempt)
        if 200 <= r.status < 300:
            last_acked[r.app] = max(last_acked.get(r.app, 0), r.attempt)
    lost = 0
    for app, seq in last_acked.items():
        match = AUTOSAVE_RE.search(rows.get(app, {}).get("summary", ""))
        stored = int(match.group(3)) if match and match.group(1) == run else 0
        if not (seq <= stored <= last_sent[app]):
            lost += 1
    return {"autosaves_acknowledged_apps": len(last_acked), "autosaves_lost": lost}
