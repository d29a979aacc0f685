"""Celery tasks of evaluation: take IDs, call the domain, hold no business logic."""

from celery import shared_task


@shared_task
def aggregate_stage(call_id: int, stage: str, actor_id: int | None = None) -> int:
    from accounts.models import User
    from evaluation.domain.results import compute_stage_results
    from programs.models import Call

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return compute_stage_results(call=Call.objects.get(pk=call_id), stage=stage, actor=actor)
