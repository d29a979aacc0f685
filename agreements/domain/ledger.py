"""Posting to the one ledger. Every part (payments, expenses, settlement, royalties, penalties)
writes money only through post_entry; a prize without an agreement through post_prize_entry."""

import datetime

from django.db.models import Subquery

from accounts.domain.audit import record_audit
from accounts.models import Institution, User
from agreements.enums import LedgerKind
from agreements.models import Agreement
from agreements.models.ledger import LedgerEntry
from applications.models import Application


def post_entry(
    *,
    agreement: Agreement,
    kind: str,
    amount_krw: int,
    occurred_on: datetime.date,
    actor: User | None,
    year_no: int | None = None,
    category: str = "",
    institution: Institution | None = None,
    reference: str = "",
    note: str = "",
) -> LedgerEntry:
    """Write one ledger row (positive integer won) and its audit entry."""
    if not isinstance(amount_krw, int) or isinstance(amount_krw, bool) or amount_krw <= 0:
        raise ValueError("ledger amounts are positive integer won")
    # the call of the agreement's application: read from the loaded application, else a subquery
    # inside the INSERT (no extra query per row for a payment batch)
    call_id = (
        agreement.application.call_id
        if Agreement.application.is_cached(agreement)
        else Subquery(Application.objects.filter(pk=agreement.application_id).values("call_id")[:1])
    )
    entry = LedgerEntry.objects.create(
        agreement=agreement, call_id=call_id, application_id=agreement.application_id,
        program_id=agreement.program_id, fiscal_year=occurred_on.year,
        year_no=year_no, kind=LedgerKind(kind), amount_krw=amount_krw, category=category,
        institution=institution, occurred_on=occurred_on, reference=reference, note=note,
        created_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    if isinstance(call_id, Subquery):  # the database knows it: read lazily if ever needed
        entry.__dict__.pop("call_id", None)
    record_audit(
        actor=actor, action=f"ledger.{entry.kind}", target=agreement,
        after={"entry": entry.pk, "amount_krw": amount_krw, "year_no": year_no,
               "category": category, "reference": reference},
        reason=note,
    )  # fmt: skip
    return entry


def post_prize_entry(
    *,
    program_id: int,
    call_id: int,
    application_id: int,
    institution: Institution | None,
    amount_krw: int,
    occurred_on: datetime.date,
    actor: User | None,
    target,
    reference: str = "",
    note: str = "",
) -> LedgerEntry:
    """Write the ``prize_paid`` row of a prize whose winner has no agreement: paid outside the
    project budget, no settlement; it names the call, the application and the institution."""
    if not isinstance(amount_krw, int) or isinstance(amount_krw, bool) or amount_krw <= 0:
        raise ValueError("ledger amounts are positive integer won")
    entry = LedgerEntry.objects.create(
        agreement=None, call_id=call_id, application_id=application_id, program_id=program_id,
        fiscal_year=occurred_on.year, kind=LedgerKind.PRIZE_PAID, amount_krw=amount_krw,
        institution=institution, occurred_on=occurred_on, reference=reference, note=note,
        created_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    record_audit(
        actor=actor, action=f"ledger.{entry.kind}", target=target,
        after={"entry": entry.pk, "amount_krw": amount_krw, "call": call_id,
               "application": application_id, "reference": reference},
        reason=note,
    )  # fmt: skip
    return entry
