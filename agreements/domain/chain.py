"""Chained agreements (R03): under the parent agreement SBA ↔ the designated lead (서울기술연구원),
the lead's agreements with the matched experts' universities (seed 000 Ⅳ-③: 캠퍼스타운 대학(전문가)-
서울기술연구원 협약, then SBA-서울기술연구원 협약 및 시지원금 지급).

The parent is an ordinary agreement made by agreements.domain.creation.create_agreement from the
selected joint plan; its principal is the designation's lead (plug-in ``agreement_chain``). The
children's amounts together stay within the parent's city grant. One transition function.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import Institution, User
from agreements.models import Agreement, ChainedAgreement, ChainStatus
from config.locking import AlreadyDecided, lock

S = ChainStatus
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFTING: {S.CONCLUDED, S.CANCELLED},
    S.CONCLUDED: {S.CANCELLED},
    S.CANCELLED: set(),
}


class ChainRefused(AlreadyDecided):
    status_code = 422


def chain_principal_of(agreement: Agreement) -> Institution | None:
    """The designated lead of the parent's programme in the year of the parent's start."""
    from programs.plugins.campus_town import chain_principal

    pk = chain_principal(program=agreement.program, year=agreement.starts_on.year)
    return Institution.objects.filter(pk=pk).first() if pk else None


def committed_krw(agreement: Agreement) -> int:
    return (
        agreement.chained_agreements.exclude(status=S.CANCELLED).aggregate(s=Sum("amount_krw"))["s"]
        or 0
    )


@transaction.atomic
def create_chained_agreement(
    *, parent: Agreement, counterparty: Institution, amount_krw: int, actor: User,
    expert: User | None = None,
) -> ChainedAgreement:  # fmt: skip
    """Add the lead ↔ university agreement under `parent` (staff or the intake agency)."""
    parent = lock(Agreement.objects.select_related("program"), parent.pk)
    principal = chain_principal_of(parent)
    if principal is None:
        raise ChainRefused("이 협약의 사업에는 정책지정된 주관기관이 없어 하위 협약을 만들 수 없습니다.",
                           "The programme of this agreement has no designated lead: no chained "
                           "agreement.", code="no_principal")  # fmt: skip
    if amount_krw <= 0:
        raise ChainRefused(
            "금액은 0보다 커야 합니다.", "The amount must be positive.", code="amount"
        )
    used = committed_krw(parent)
    if used + amount_krw > parent.city_grant_krw:
        raise ChainRefused(
            f"하위 협약 금액 합계 {used + amount_krw:,}원이 상위 협약의 시지원금 {parent.city_grant_krw:,}원을 넘습니다.",
            f"The chained agreements would total {used + amount_krw:,} KRW, more than the parent's "
            f"city grant of {parent.city_grant_krw:,} KRW.", code="over_parent",
        )  # fmt: skip
    child = ChainedAgreement.objects.create(
        parent=parent, principal=principal, counterparty=counterparty, expert=expert,
        amount_krw=amount_krw, created_by=actor,
    )  # fmt: skip
    record_audit(actor=actor, action="agreement.chain.create", target=child, before={},
                 after={"parent": parent.pk, "counterparty": counterparty.pk, "amount_krw": amount_krw})  # fmt: skip
    return child


@transaction.atomic
def set_chained_status(
    *, chained_id: int, status: str, actor: User, reason: str = "", on: dt.date | None = None
) -> ChainedAgreement:
    """The one transition function of a chained agreement (locked, audited, notified)."""
    child = lock(ChainedAgreement.objects.select_related("parent"), chained_id)
    current, target = S(child.status), S(status)
    if target not in TRANSITIONS[current]:
        raise AlreadyDecided(f"'{current.label}'에서 '{target.label}'(으)로 바꿀 수 없습니다.",
                             f"A chained agreement cannot go from {current.label} to {target.label}.")  # fmt: skip
    child.status = target
    if target == S.CONCLUDED:
        child.concluded_on = on or timezone.localdate()
    child.save(update_fields=["status", "concluded_on"])
    record_audit(actor=actor, action="agreement.chain.status", target=child,
                 before={"status": current.value}, after={"status": target.value}, reason=reason)  # fmt: skip
    if child.expert_id:
        send_notice(recipient=child.expert, subject="협약 / Agreement",
                    body=f"{child.principal} ↔ {child.counterparty}: {target.label}",
                    event_key=f"chained:{child.pk}:{target.value}")  # fmt: skip
    return child
