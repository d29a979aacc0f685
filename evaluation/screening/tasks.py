"""Celery tasks of screening: they take IDs and call the domain (no business logic here)."""

import os

from celery import shared_task
from django.conf import settings

from evaluation.screening.domain.runs import process_run


def batch_size() -> int:
    return int(
        os.environ.get("SCREENING_BATCH_SIZE") or getattr(settings, "SCREENING_BATCH_SIZE", 1000)
    )


def test_delay() -> float:
    """Test-only slowdown between batches (SCREENING_TEST_DELAY_SECONDS), used by the kill test."""
    return float(os.environ.get("SCREENING_TEST_DELAY_SECONDS") or 0)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_screening(run_id: int) -> int:
    run = process_run(run_id=run_id, batch_size=batch_size(), batch_delay=test_delay())
    return run.processed
