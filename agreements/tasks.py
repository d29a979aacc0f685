"""Celery tasks of agreements: take ids and dates, hold no logic (it lives in agreements.domain)."""

import datetime as dt

from celery import shared_task


@shared_task(acks_late=True)
def guarantee_deadlines_daily(today: str | None = None) -> dict:
    """The daily guarantee deadline job (beat: the periodic task made by migration 0004, editable
    in the admin). `today` (YYYY-MM-DD, Seoul) defaults to the current Seoul date."""
    from agreements.domain.guarantee_deadlines import run_guarantee_deadlines, seoul_today

    day = dt.date.fromisoformat(today) if today else seoul_today()
    return run_guarantee_deadlines(today=day).as_dict()


@shared_task(acks_late=True)
def closing_obligations_daily(today: str | None = None) -> dict:
    """Daily: bills past due become overdue and every bill is written as the screening obligation
    row (idempotent). Beat: the periodic task made by migration 0007, editable in the admin."""
    from agreements.domain.bills import sync_obligations

    day = dt.date.fromisoformat(today) if today else None
    return {"bills": sync_obligations(today=day)}


@shared_task(acks_late=True)
def instalment_gates_daily(today: str | None = None) -> dict:
    """Daily (after the bills sync): instalments of active agreements move planned ↔ payable by
    their gates. Beat: the periodic task made by migration 0005, editable in the admin."""
    from agreements.domain.payments import refresh_all_instalments

    day = dt.date.fromisoformat(today) if today else None
    return refresh_all_instalments(today=day)
