"""The single place an agreement's status changes (협약 상태)."""

from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.enums import AgreementStatus as S
from agreements.models import Agreement
from config.locking import AlreadyDecided
from config.transitions import StateMachine

TRANSITIONS: dict[S, set[S]] = {
    S.DRAFTING: {S.AWAITING_GUARANTEE, S.TERMINATED},
    S.AWAITING_GUARANTEE: {S.AWAITING_SIGNATURES, S.SUSPENDED, S.TERMINATED},
    S.AWAITING_SIGNATURES: {S.ACTIVE, S.SUSPENDED, S.TERMINATED},
    S.ACTIVE: {S.SUSPENDED, S.COMPLETED, S.TERMINATED},
    # A suspension is lifted back to the step it interrupted (e.g. once a guarantee is verified).
    S.SUSPENDED: {S.AWAITING_GUARANTEE, S.AWAITING_SIGNATURES, S.ACTIVE, S.TERMINATED},
    S.COMPLETED: set(),
    S.TERMINATED: set(),
}


class AgreementTransitionError(AlreadyDecided):
    """A transition the table does not allow: a refusal with ko/en text, never a 500."""

    status_code = 422


MACHINE = StateMachine(
    model=Agreement, field="status", states=S, table=TRANSITIONS,
    refuse=lambda current, target: AgreementTransitionError(
        f"협약 상태를 '{current.label}'에서 '{target.label}'(으)로 바꿀 수 없습니다.",
        f"An agreement cannot go from {current.label} to {target.label}.",
        code="transition",
    ),
    raced=(
        "협약 상태가 방금 다른 사용자에 의해 변경되었습니다. 새로 고친 후 다시 확인하세요.",
        "The agreement's status was just changed by someone else; reload and check.",
    ),
)  # fmt: skip


def can_transition(current: str, target: str) -> bool:
    return MACHINE.allows(current, target)


def set_agreement_status(
    *,
    agreement: Agreement,
    status: str,
    actor: User | None,
    reason: str = "",
    extra_fields: tuple[str, ...] = (),
) -> Agreement:
    """Check the transition, save (plus `extra_fields` set by the caller), audit and notify the
    institution's PI account.

    Race-free: ``UPDATE … WHERE status = <current>``; when another transaction changed the status
    first nothing is written and AlreadyDecided is raised.
    """
    current = S(agreement.status)
    target = S(status)
    if target == current:
        return agreement
    assign = {"status_reason": reason}
    with MACHINE.move(agreement, target, extra_fields=extra_fields, assign=assign):
        record_audit(
            actor=actor, action="agreement.status", target=agreement,
            before={"status": current.value}, after={"status": target.value}, reason=reason,
        )  # fmt: skip
        if target == S.ACTIVE:
            # Each year's money is released only through its instalment: create them on activation.
            from agreements.domain.payments import ensure_instalments

            ensure_instalments(agreement=agreement)
        send_notice(
            recipient=agreement.application.applicant,
            subject=_("Agreement %(code)s: %(status)s")
            % {"code": agreement.verify_code, "status": target.label},
            body=_("The status of your agreement is now: %(status)s.") % {"status": target.label}
            + (f"\n{reason}" if reason else ""),
        )
    return agreement
