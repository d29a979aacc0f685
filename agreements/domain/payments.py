"""Instalments and payment batches: the only place their statuses change.

How the other parts call this module:
- ``ensure_instalments(agreement=…)`` creates the missing instalment of every agreement year (its
  amount = the year's city grant) and is idempotent. It is called by ``refresh_instalments`` and
  the money pages; the agreement part should call it right after the agreement becomes active
  (``set_agreement_status(…, status=ACTIVE)``), and the guarantee part may call
  ``refresh_instalments(agreement=…)`` after verifying a guarantee, so the statuses shown are current.
- ``refresh_instalments`` moves planned ↔ payable by the gates (agreements.domain.gates).
- ``prepare_batch`` → ``approve_batch`` (another staff member: four eyes) → ``mark_batch_paid``,
  which writes the INSTALMENT_PAID ledger rows through ``post_entry``. ``cancel_batch`` before approval.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone, translation

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.gates import blocked_by, evaluate_gates
from agreements.domain.ledger import post_entry
from agreements.enums import LedgerKind
from agreements.models import Agreement
from agreements.models.payments import BatchStatus, Instalment, InstalmentStatus, PaymentBatch
from config.locking import AlreadyDecided, lock
from config.transitions import StateMachine

I = InstalmentStatus  # noqa: E741
B = BatchStatus

INSTALMENT_TRANSITIONS: dict[str, set[str]] = {
    I.PLANNED: {I.PAYABLE},
    I.PAYABLE: {I.PLANNED, I.IN_BATCH},
    I.IN_BATCH: {I.PAYABLE, I.PAID},  # back to payable when its batch is cancelled
    I.PAID: set(),
}
BATCH_TRANSITIONS: dict[str, set[str]] = {
    B.DRAFT: {B.APPROVED, B.CANCELLED},
    B.APPROVED: {B.PAID},
    B.PAID: set(),
    B.CANCELLED: set(),
}


class PaymentRefused(AlreadyDecided):
    """A payment action the rules refuse (ko/en); 403/422 for the API, a message on pages."""

    status_code = 422


def _ko_en(choice) -> tuple[str, str]:
    """A status label in Korean and in English (for the two halves of a refusal)."""
    with translation.override("ko"):
        ko = str(choice.label)
    with translation.override("en"):
        en = str(choice.label)
    return ko, en


def seoul_today() -> datetime.date:
    return timezone.localdate()


def _instalments_with_context(qs):
    return qs.select_related(
        "agreement__program", "agreement__lead_institution", "agreement__application", "year"
    )


def _set_instalment_status(
    *, instalment: Instalment, status: str, actor: User | None, reason: str = "", **fields
) -> None:
    """Check the table, write with ``UPDATE … WHERE status = <current>``, audit."""
    current, target = I(instalment.status), I(status)

    def refuse(current: I, target: I) -> PaymentRefused:  # the text names the year
        (cur_ko, cur_en), (_tgt_ko, tgt_en) = _ko_en(current), _ko_en(target)
        return PaymentRefused(
            f"{instalment.year_no}차년도 지급 상태를 '{cur_ko}'에서 바꿀 수 없습니다.",
            f"Year {instalment.year_no}'s instalment cannot go from {cur_en} to {tgt_en}.",
            code="transition",
        )

    machine = StateMachine(
        model=Instalment, field="status", states=I, table=INSTALMENT_TRANSITIONS, refuse=refuse,
        raced=(
            "지급 상태가 방금 다른 사용자에 의해 변경되었습니다. 새로 고친 후 다시 확인하세요.",
            "The instalment was just changed by someone else; reload and check.",
        ),
    )  # fmt: skip
    with machine.move(instalment, target, assign=fields):
        record_audit(
            actor=actor, action="instalment.status", target=instalment,
            before={"status": current.value},
            after={"status": target.value, **{k: str(v) for k, v in fields.items() if k != "batch"},
                   "batch": getattr(fields.get("batch"), "pk", None)},
            reason=reason,
        )  # fmt: skip


def _set_batch_status(*, batch: PaymentBatch, status: str, actor: User, reason: str = "", **fields):
    current, target = B(batch.status), B(status)
    if target not in BATCH_TRANSITIONS[current]:
        ko, en = _ko_en(current)
        raise AlreadyDecided(
            f"이 지급 묶음은 이미 '{ko}' 상태입니다.", f"This payment batch is already {en}."
        )
    for name, value in {"status": target, **fields}.items():
        setattr(batch, name, value)
    batch.save(update_fields=["status", *fields])
    record_audit(
        actor=actor, action="payment_batch.status", target=batch,
        before={"status": current.value}, after={"status": target.value}, reason=reason,
    )  # fmt: skip


def ensure_instalments(*, agreement: Agreement) -> list[Instalment]:
    """One instalment per agreement year with a city grant (idempotent); returns them in order."""
    existing = set(Instalment.objects.filter(agreement=agreement).values_list("year_no", flat=True))
    missing = [
        Instalment(
            agreement=agreement, year=year, year_no=year.year_no, amount_krw=year.city_grant_krw
        )
        for year in agreement.years.all()
        if year.year_no not in existing and year.city_grant_krw > 0
    ]
    if missing:
        Instalment.objects.bulk_create(missing, ignore_conflicts=True)
        record_audit(
            actor=None, action="instalment.created", target=agreement,
            after={"years": [i.year_no for i in missing]},
        )  # fmt: skip
    return list(Instalment.objects.filter(agreement=agreement).order_by("year_no"))


def refresh_instalments(
    *, agreement: Agreement, today: datetime.date | None = None, actor: User | None = None
) -> list[tuple[Instalment, list]]:
    """Create missing instalments, then move each planned ↔ payable by its gates today.

    Returns (instalment, gate results) pairs; paid and batched instalments keep their status."""
    today = today or seoul_today()
    ensure_instalments(agreement=agreement)
    out = []
    qs = _instalments_with_context(Instalment.objects.filter(agreement=agreement)).order_by(
        "year_no"
    )
    with transaction.atomic():
        for instalment in qs:
            _follow_year_grant(instalment, actor)
            results = evaluate_gates(instalment=instalment, today=today)
            green = not blocked_by(results)
            if instalment.status == I.PLANNED and green:
                _set_instalment_status(instalment=instalment, status=I.PAYABLE, actor=actor,
                                       reason="all gates green")  # fmt: skip
            elif instalment.status == I.PAYABLE and not green:
                codes = ", ".join(r.code for r in blocked_by(results))
                _set_instalment_status(instalment=instalment, status=I.PLANNED, actor=actor,
                                       reason=f"blocked by {codes}")  # fmt: skip
            out.append((instalment, results))
    return out


def refresh_all_instalments(
    *, today: datetime.date | None = None, actor: User | None = None
) -> dict:
    """Every active agreement with an instalment still to pay (or none created yet): create the
    missing ones and move planned ↔ payable by today's gates. Daily beat job and the staff button."""
    from django.db.models import Q

    today = today or seoul_today()
    open_states = [I.PLANNED, I.PAYABLE]
    ids = list(
        Agreement.objects.filter(status="active")
        .filter(Q(instalments__isnull=True) | Q(instalments__status__in=open_states))
        .values_list("pk", flat=True).distinct()
    )  # fmt: skip
    counts = {"agreements": len(ids), I.PAYABLE.value: 0, I.PLANNED.value: 0}
    for agreement in Agreement.objects.filter(pk__in=ids).select_related("program"):
        for instalment, _results in refresh_instalments(
            agreement=agreement, today=today, actor=actor
        ):
            if instalment.status in open_states:
                counts[instalment.status] += 1
    return counts


def _follow_year_grant(instalment: Instalment, actor: User | None) -> None:
    """An accepted plan change may change a year's city grant: an instalment not yet in a batch
    follows it (conditional update, audited); a batched or paid one never changes."""
    grant = instalment.year.city_grant_krw
    if grant == instalment.amount_krw or grant <= 0:
        return
    if Instalment.objects.filter(
        pk=instalment.pk, status__in=[I.PLANNED, I.PAYABLE], amount_krw=instalment.amount_krw
    ).update(amount_krw=grant, updated_at=timezone.now()):
        record_audit(
            actor=actor, action="instalment.amount", target=instalment,
            before={"amount_krw": instalment.amount_krw}, after={"amount_krw": grant},
            reason="agreement year's city grant changed",
        )  # fmt: skip
        instalment.amount_krw = grant


def _refuse_red(instalment: Instalment, today: datetime.date) -> None:
    red = blocked_by(evaluate_gates(instalment=instalment, today=today))
    if red:
        code = instalment.transfer_reference
        raise PaymentRefused(
            f"{code}: 지급 요건이 충족되지 않았습니다 — " + " ".join(r.message_ko for r in red),
            f"{code}: a gate is not green — " + " ".join(r.message_en for r in red),
            code="gate",
        )


def prepare_batch(
    *, instalments: list[Instalment], actor: User, today: datetime.date | None = None
) -> PaymentBatch:
    """Put payable instalments whose gates are all green now into a new batch (awaiting approval)."""
    today = today or seoul_today()
    ids = sorted({i.pk for i in instalments})
    if not ids:
        raise PaymentRefused("지급할 항목을 하나 이상 선택하세요.",
                             "Select at least one instalment.", code="empty")  # fmt: skip
    with transaction.atomic():
        locked = list(
            _instalments_with_context(Instalment.objects.filter(pk__in=ids))
            .select_for_update(of=("self",)).order_by("pk")
        )  # fmt: skip
        if len(locked) != len(ids):
            raise AlreadyDecided()
        for instalment in locked:
            if instalment.status != I.PAYABLE:
                ko, en = _ko_en(I(instalment.status))
                raise PaymentRefused(
                    f"{instalment.transfer_reference}: 지급 가능 상태가 아닙니다('{ko}').",
                    f"{instalment.transfer_reference}: not payable ({en}).",
                    code="not_payable",
                )
            _refuse_red(instalment, today)
        batch = PaymentBatch.objects.create(
            prepared_by=actor, prepared_at=timezone.now(), instalment_count=len(locked),
            total_krw=sum(i.amount_krw for i in locked),
        )  # fmt: skip
        for instalment in locked:
            _set_instalment_status(instalment=instalment, status=I.IN_BATCH, actor=actor,
                                   batch=batch)  # fmt: skip
        record_audit(
            actor=actor, action="payment_batch.prepared", target=batch,
            after={"instalments": ids, "total_krw": batch.total_krw},
        )  # fmt: skip
    return batch


def approve_batch(
    *, batch: PaymentBatch, actor: User, today: datetime.date | None = None
) -> PaymentBatch:
    """Approve a draft batch (never one's own), re-check its gates and make the transfer file."""
    from agreements.interfaces.transfer_file import transfer_csv, transfer_xlsx

    today = today or seoul_today()
    with transaction.atomic():
        locked = lock(PaymentBatch, batch.pk)
        if locked.status != B.DRAFT:
            ko, en = _ko_en(B(locked.status))
            raise AlreadyDecided(
                f"지급 묶음 {locked.reference}은(는) 이미 '{ko}' 상태입니다.",
                f"Payment batch {locked.reference} is already {en}.",
            )
        if locked.prepared_by_id == actor.pk:
            raise PaymentRefused(
                "본인이 작성한 지급 묶음은 승인할 수 없습니다. 다른 담당자가 승인해야 합니다.",
                "You prepared this batch: another staff member must approve it (four eyes).",
                code="own_batch",
            )
        members = list(
            _instalments_with_context(locked.instalments.all()).order_by("agreement_id", "year_no")
        )
        for instalment in members:
            _refuse_red(instalment, today)
        csv_bytes = transfer_csv(batch=locked, instalments=members)
        _set_batch_status(
            batch=locked, status=B.APPROVED, actor=actor, approved_by=actor,
            approved_at=timezone.now(), transfer_csv=csv_bytes,
            transfer_xlsx=transfer_xlsx(batch=locked, instalments=members),
            transfer_sha256=hashlib.sha256(csv_bytes).hexdigest(),
        )  # fmt: skip
    batch.refresh_from_db()
    return batch


def mark_batch_paid(*, batch: PaymentBatch, paid_on: datetime.date, actor: User) -> PaymentBatch:
    """The bank transfer is done: instalments paid on `paid_on`, one ledger row each."""
    if paid_on > seoul_today():
        raise PaymentRefused("지급일은 오늘 이후일 수 없습니다.",
                             "The payment date cannot be in the future.", code="paid_on")  # fmt: skip
    with transaction.atomic():
        locked = lock(PaymentBatch, batch.pk)
        if locked.status != B.APPROVED:
            ko, en = _ko_en(B(locked.status))
            raise AlreadyDecided(
                f"지급 묶음 {locked.reference}은(는) 승인된 상태가 아닙니다('{ko}').",
                f"Payment batch {locked.reference} is not approved ({en}).",
            )
        if locked.approved_at and paid_on < timezone.localdate(locked.approved_at):
            raise PaymentRefused("지급일은 승인일 이전일 수 없습니다.",
                                 "The payment date cannot precede the approval.",
                                 code="paid_on")  # fmt: skip
        members = list(
            _instalments_with_context(locked.instalments.select_for_update(of=("self",)))
            .order_by("agreement_id", "year_no")
        )  # fmt: skip
        for instalment in members:
            _set_instalment_status(instalment=instalment, status=I.PAID, actor=actor,
                                   paid_on=paid_on)  # fmt: skip
            post_entry(
                agreement=instalment.agreement, kind=LedgerKind.INSTALMENT_PAID,
                amount_krw=instalment.amount_krw, occurred_on=paid_on, actor=actor,
                year_no=instalment.year_no, institution=instalment.agreement.lead_institution,
                reference=f"{locked.reference}/{instalment.transfer_reference}",
                note="연차별 시지원금 지급",
            )  # fmt: skip
            send_notice(
                recipient=instalment.agreement.application.applicant,
                subject=f"협약 {instalment.agreement.verify_code}: {instalment.year_no}차년도 "
                f"시지원금 지급 / Year {instalment.year_no} grant paid",
                body=f"{paid_on:%Y-%m-%d} {instalment.amount_krw:,}원 지급 "
                f"(KRW {instalment.amount_krw:,} paid on {paid_on:%Y-%m-%d}).",
            )
        _set_batch_status(batch=locked, status=B.PAID, actor=actor, paid_on=paid_on, paid_by=actor)
    batch.refresh_from_db()
    return batch


def cancel_batch(*, batch: PaymentBatch, actor: User, reason: str) -> PaymentBatch:
    """Cancel a batch awaiting approval; its instalments become payable again (gates re-checked
    at the next batch)."""
    reason = (reason or "").strip()
    if not reason:
        raise PaymentRefused("취소 사유를 입력하세요.", "Give the reason of the cancellation.",
                             code="reason")  # fmt: skip
    with transaction.atomic():
        locked = lock(PaymentBatch, batch.pk)
        if locked.status != B.DRAFT:
            ko, en = _ko_en(B(locked.status))
            raise AlreadyDecided(
                f"지급 묶음 {locked.reference}은(는) 이미 '{ko}' 상태입니다.",
                f"Payment batch {locked.reference} is already {en}.",
            )
        for instalment in locked.instalments.select_for_update(of=("self",)).order_by("pk"):
            _set_instalment_status(instalment=instalment, status=I.PAYABLE, actor=actor,
                                   reason=reason, batch=None)  # fmt: skip
        _set_batch_status(batch=locked, status=B.CANCELLED, actor=actor, reason=reason,
                          cancelled_reason=reason[:300])  # fmt: skip
    batch.refresh_from_db()
    return batch
