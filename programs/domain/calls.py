"""Services for calls (공고): creation and the one status-change function."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit
from accounts.models import User
from programs.enums import CallStatus, IntakeMode
from programs.models import Call, Program

CALL_TRANSITIONS = {
    CallStatus.DRAFT: {CallStatus.PUBLISHED, CallStatus.CANCELLED},
    CallStatus.PUBLISHED: {CallStatus.CLOSED, CallStatus.CANCELLED},
    CallStatus.CLOSED: set(),
    CallStatus.CANCELLED: set(),
}


@transaction.atomic
def create_call(
    *,
    actor: User | None,
    title: str,
    programs: list[Program],
    opens_at: datetime,
    closes_at: datetime,
    slots: int,
    budget_envelope_krw: int,
    title_en: str = "",
    required_documents: list[dict] | None = None,
    status: str = CallStatus.PUBLISHED,
) -> Call:
    """Create a call over one or more programmes; rolling if every programme has rolling intake."""
    if not programs:
        raise ValidationError({"programs": _("A call needs at least one programme.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The close must come after the opening.")})
    if budget_envelope_krw < 0 or slots < 1:
        raise ValidationError(_("Slots must be at least 1 and the budget envelope not negative."))
    intake = (
        IntakeMode.ROLLING
        if all(p.intake_mode == IntakeMode.ROLLING for p in programs)
        else IntakeMode.FIXED
    )
    call = Call.objects.create(
        title=title, title_en=title_en, opens_at=opens_at, closes_at=closes_at, slots=slots,
        budget_envelope_krw=budget_envelope_krw, intake_mode=intake, status=CallStatus.DRAFT,
        required_documents=required_documents if required_documents is not None else default_documents(),
        created_by=actor if actor and actor.pk else None,
    )  # fmt: skip
    call.programs.set(programs)
    record_audit(actor=actor, action="call.create", target=call, after={"title": title})
    if status != CallStatus.DRAFT:
        set_call_status(call=call, status=status, actor=actor)
    return call


def set_call_status(*, call: Call, status: str, actor: User | None, reason: str = "") -> Call:
    """The single place a call changes status: checks the transition, saves and audits.

    The transition is checked on the locked row (config.locking), not on the caller's instance:
    two staff members closing and cancelling a call at once cannot both succeed.
    """
    from config.locking import lock

    with transaction.atomic():
        current = CallStatus(lock(Call, call.pk).status)
        target = CallStatus(status)
        if target == current:
            call.status = current
            return call
        if target not in CALL_TRANSITIONS[current]:
            raise ValidationError(
                _("A call cannot go from %(a)s to %(b)s.") % {"a": current.label, "b": target.label}
            )
        call.status = target
        call.save(update_fields=["status"])
        record_audit(
            actor=actor, action="call.status", target=call, before={"status": current.value},
            after={"status": target.value}, reason=reason,
        )  # fmt: skip
    return call


def default_documents() -> list[dict]:
    """The required-document list of the seed 002 call (§3, 구비서류)."""
    return [
        {"code": "plan", "name_ko": "연구개발계획서(연구개발비 사용 계획서 포함)",
         "name_en": "R&D plan (with budget plan)", "required": True, "formats": ["pdf", "hwp", "hwpx"]},
        {"code": "registry", "name_ko": "법인등기부등본 및 사업자등록증", "name_en":
         "Corporate registry and business registration", "required": True, "formats": ["pdf"]},
        {"code": "financials", "name_ko": "최근년도 결산 재무제표", "name_en": "Latest financial statements",
         "required": True, "formats": ["pdf"]},
    ]  # fmt: skip
