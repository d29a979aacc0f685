"""Plan changes (과제 변경): submit a request of separate parts, decide approval-type parts one by one,
and apply the accepted parts as agreement version n+1.

Each part's type comes from the catalogue rules (agreements.domain.change_rules; defaults marked).
Notification-type parts are final on submission (decision "accepted"). When no part is pending any
more, the request closes: its accepted parts are applied together to AgreementYear /
AgreementBudgetLine / Agreement.ends_on and one new agreement version is recorded (one request, one
version), whose diff to the previous version the change page shows.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.change_parts import apply_part, describe, validate_part
from agreements.domain.expenses import refuse
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from agreements.models.changes import (
    ACCEPTING_DECISIONS,
    ChangeDecision,
    ChangeKind,
    ChangePart,
    ChangePartStatus,
    ChangeRequest,
    ChangeRequestStatus,
    ChangeType,
)
from applications.domain.problems import Problem
from config.locking import AlreadyDecided, lock
from config.params import bad_text_reason

REASON_MAX = 2000
OPEN_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.AWAITING_SIGNATURES)


def submit_change_request(
    *, agreement: Agreement, actor: User, reason: str, parts: list[dict]
) -> ChangeRequest:
    """Validate every part (problems carry field `parts.<i>.<key>`), set each part's type from the
    rules, store the request; notification parts are final at once. Raises ExpenseRefused (422)."""
    problems: list[Problem] = []
    reason = (reason or "").strip()
    if agreement.status not in OPEN_STATUSES:
        problems.append(Problem("agreement_not_active", "", "진행 중인 협약만 변경할 수 있습니다.",
                                "Only an agreement in force can be changed."))  # fmt: skip
    if not reason:
        problems.append(Problem("reason_required", "reason", "변경 사유를 입력하십시오.",
                                "Enter the reason for the change."))  # fmt: skip
    elif len(reason) > REASON_MAX or bad_text_reason(reason):
        problems.append(Problem("reason_invalid", "reason",
                                f"사유는 {REASON_MAX}자 이하의 글자로 입력하십시오.",
                                f"Enter a reason of at most {REASON_MAX} characters."))  # fmt: skip
    if not isinstance(parts, list) or not parts:
        problems.append(Problem("parts_required", "parts", "변경 항목을 하나 이상 넣으십시오.",
                                "Add at least one change."))  # fmt: skip
        parts = []
    checked = []
    for i, part in enumerate(parts):
        kind = part.get("kind") if isinstance(part, dict) else None
        payload = part.get("payload") if isinstance(part, dict) else None
        if kind not in ChangeKind.values:
            problems.append(Problem("kind_unknown", f"parts.{i}.kind", "변경 종류를 고르십시오.",
                                    "Choose the kind of change."))  # fmt: skip
            continue
        if not isinstance(payload, dict):
            problems.append(Problem("payload_invalid", f"parts.{i}.payload",
                                    "변경 내용이 없습니다.", "The change has no content."))  # fmt: skip
            continue
        clean, change_type, rule, more = validate_part(
            agreement=agreement, kind=kind, payload=payload
        )
        problems += [
            Problem(p.code, f"parts.{i}.{p.field}", p.message_ko, p.message_en) for p in more
        ]
        checked.append((kind, clean, change_type, rule))
    if problems:
        raise refuse(problems)
    now = timezone.now()
    with transaction.atomic():
        lock(Agreement, agreement.pk)
        request = ChangeRequest.objects.create(
            agreement=agreement, reason=reason, submitted_by=actor, submitted_at=now
        )
        for kind, clean, change_type, rule in checked:
            notification = change_type == ChangeType.NOTIFICATION
            ChangePart.objects.create(
                request=request, kind=kind, change_type=change_type, type_rule=rule[:300],
                payload=clean,
                status=ChangePartStatus.DECIDED if notification else ChangePartStatus.PENDING,
                decision=ChangeDecision.ACCEPTED if notification else ChangeDecision.NONE,
                decided_at=now if notification else None,
            )  # fmt: skip
        record_audit(actor=actor, action="change_request.submit", target=request,
                     after=[{"kind": k, "type": t, "payload": c} for k, c, t, _r in checked],
                     reason=reason)  # fmt: skip
        send_notice(
            recipient=agreement.application.applicant,
            subject=_("Change request %(no)s received") % {"no": request.pk},
            body=_("Notification-type changes are final on filing; approval-type changes "
                   "await the SBA's decision."),
        )  # fmt: skip
        _close_if_decided(request, actor)
    return request


def decide_change_part(
    *, part: ChangePart, actor: User, decision: str, reason: str = "", payload: dict | None = None
) -> ChangePart:
    """Staff decide one approval-type part (row lock: a double click decides once). "Accepted with
    changes" needs the changed content (`payload`, checked like a new part); a refusal and a
    change need a reason."""
    reason = (reason or "").strip()
    problems: list[Problem] = []
    if decision not in (ChangeDecision.ACCEPTED, ChangeDecision.ACCEPTED_WITH_CHANGES,
                        ChangeDecision.REFUSED):  # fmt: skip
        problems.append(Problem("decision_invalid", "decision", "결정을 고르십시오.",
                                "Choose a decision."))  # fmt: skip
    if len(reason) > REASON_MAX or bad_text_reason(reason):
        problems.append(Problem("reason_invalid", "reason",
                                f"사유는 {REASON_MAX}자 이하의 글자로 입력하십시오.",
                                f"Enter a reason of at most {REASON_MAX} characters."))  # fmt: skip
    elif decision != ChangeDecision.ACCEPTED and not reason:
        problems.append(Problem("reason_required", "reason", "결정 사유를 입력하십시오.",
                                "Enter the reason for the decision."))  # fmt: skip
    decided_payload = None
    agreement = part.request.agreement
    if decision == ChangeDecision.ACCEPTED_WITH_CHANGES:
        if not isinstance(payload, dict):
            problems.append(Problem("payload_invalid", "payload", "바꾼 내용을 입력하십시오.",
                                    "Enter the changed content."))  # fmt: skip
        else:
            decided_payload, _t, _r, more = validate_part(
                agreement=agreement, kind=part.kind, payload=payload
            )
            problems += [Problem(p.code, f"payload.{p.field}", p.message_ko, p.message_en)
                         for p in more]  # fmt: skip
    if problems:
        raise refuse(problems)
    with transaction.atomic():
        request = lock(ChangeRequest, part.request_id)
        locked = lock(ChangePart, part.pk)
        if locked.status != ChangePartStatus.PENDING:
            raise AlreadyDecided("이 변경 항목은 이미 결정되었습니다.",
                                 "This part of the change request was already decided.")  # fmt: skip
        locked.status, locked.decision, locked.reason = ChangePartStatus.DECIDED, decision, reason
        locked.decided_payload = decided_payload
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save()
        record_audit(actor=actor, action="change_part.decide", target=request,
                     after={"part": locked.pk, "kind": locked.kind, "decision": decision,
                            "payload": decided_payload}, reason=reason)  # fmt: skip
        send_notice(
            recipient=agreement.application.applicant,
            subject=_("Change request %(no)s: %(kind)s %(decision)s")
            % {"no": request.pk, "kind": locked.get_kind_display(),
               "decision": locked.get_decision_display()},
            body=reason or describe(locked.kind, locked.effective_payload)[0],
        )  # fmt: skip
        _close_if_decided(request, actor)
    return locked


def _close_if_decided(request: ChangeRequest, actor: User | None) -> None:
    """Apply the accepted parts and record version n+1 once no part is pending."""
    parts = list(request.parts.all())
    if any(p.status == ChangePartStatus.PENDING for p in parts):
        return
    agreement = lock(Agreement, request.agreement_id)
    accepted = [p for p in parts if p.decision in ACCEPTING_DECISIONS]
    request.status, request.closed_at = ChangeRequestStatus.CLOSED, timezone.now()
    fields = ["status", "closed_at"]
    if accepted:
        for part in accepted:
            apply_part(agreement=agreement, kind=part.kind, payload=part.effective_payload)
        request.version_from = agreement.version_no
        from agreements.domain.versions import record_version  # helper A's module

        summary = "; ".join(describe(p.kind, p.effective_payload)[0] for p in accepted)
        version = record_version(
            agreement=agreement, actor=actor,
            reason=f"변경 신청 {request.pk}: {summary}"[:2000],
        )  # fmt: skip
        request.version_to = version.version_no
        fields += ["version_from", "version_to"]
    request.save(update_fields=fields)
    record_audit(actor=actor, action="change_request.close", target=request,
                 after={"applied": [p.pk for p in accepted], "version_to": request.version_to})  # fmt: skip
