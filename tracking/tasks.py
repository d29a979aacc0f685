"""Celery tasks of tracking: take ids and dates, hold no logic (it lives in tracking.domain)."""

import datetime as dt

from celery import shared_task


@shared_task(acks_late=True)
def report_obligations_daily(today: str | None = None) -> dict:
    """Daily (beat: the periodic task made by migration 0003_reports, editable in the admin): open
    the yearly outcome reports, send D-30/D-7 reminders once, mark overdue. `today` YYYY-MM-DD."""
    from agreements.domain.guarantee_deadlines import seoul_today
    from tracking.domain.obligations import run_report_obligations

    day = dt.date.fromisoformat(today) if today else seoul_today()
    return run_report_obligations(today=day).as_dict()
