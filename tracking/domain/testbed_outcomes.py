"""Recording a Testbed Seoul company's follow-up outcomes for a year (one row per company-year)."""

from django.db import transaction

from accounts.domain.audit import record_audit
from accounts.models import Institution, User
from tracking.models import TestbedOutcome


@transaction.atomic
def record_outcome(
    *, actor: User, institution: Institution, year: int, procurement_krw: int, investment_krw: int,
    exports_usd: int, mou_count: int, note: str = "",
) -> TestbedOutcome:  # fmt: skip
    """Create or replace the company's row of the year (the row is locked), audited."""
    values = {"procurement_krw": procurement_krw, "investment_krw": investment_krw,
              "exports_usd": exports_usd, "mou_count": mou_count, "note": note}  # fmt: skip
    row = (
        TestbedOutcome.objects.select_for_update()
        .filter(institution=institution, year=year)
        .first()
    )
    before = {k: getattr(row, k) for k in values} if row else {}
    if row is None:
        row = TestbedOutcome.objects.create(
            institution=institution, year=year, entered_by=actor, **values
        )
    else:
        for k, v in values.items():
            setattr(row, k, v)
        row.entered_by = actor
        row.save()
    record_audit(actor=actor, action="testbed.outcome", target=row, before=before, after=values)
    return row
