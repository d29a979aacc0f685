"""Posting to the one ledger. Every part (payments, expenses, settlement, royalties, penalties)
writes money only through post_entry."""

import datetime

from accounts.domain.audit import record_audit
from accounts.models import Institution, User
from agreements.enums import LedgerKind
from agreements.models import Agreement
from agreements.models.ledger import LedgerEntry


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
    entry = LedgerEntry.objects.create(
        agreement=agreement, program_id=agreement.program_id, fiscal_year=occurred_on.year,
        year_no=year_no, kind=LedgerKind(kind), amount_krw=amount_krw, category=category,
        institution=institution, occurred_on=occurred_on, reference=reference, note=note,
        created_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    record_audit(
        actor=actor, action=f"ledger.{entry.kind}", target=agreement,
        after={"entry": entry.pk, "amount_krw": amount_krw, "year_no": year_no,
               "category": category, "reference": reference},
        reason=note,
    )  # fmt: skip
    return entry
