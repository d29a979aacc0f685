"""Screening runs: start, process in batches (resumable, idempotent), resume, override, release."""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit
from accounts.models import User
from applications.models import Application
from config.locking import AlreadyDecided, lock
from evaluation.domain.timeline import enforce
from evaluation.screening.domain.duplicates import EXCLUDED_STATUSES, find_duplicates
from evaluation.screening.domain.engine import evaluate
from evaluation.screening.domain.facts import Facts, load_batch
from evaluation.screening.enums import Outcome, RunStatus
from evaluation.screening.models import DuplicateFlag, ScreeningResult, ScreeningRun
from programs.models import Call, Program


def screenable(call: Call):
    """The applications of a call that screening covers: every one submitted (not draft/withdrawn)."""
    return Application.objects.filter(call=call).exclude(status__in=EXCLUDED_STATUSES)


def _enqueue(run_id: int) -> None:
    from evaluation.screening.tasks import run_screening

    transaction.on_commit(lambda: run_screening.delay(run_id))


@transaction.atomic
def start_run(*, call: Call, actor: User | None, threshold: float | None = None) -> ScreeningRun:
    """Create a run for `call`, audit it and queue the Celery task once the transaction commits."""
    if threshold is None:
        threshold = float(getattr(settings, "SCREENING_DUPLICATE_THRESHOLD", 0.5))
    if not 0 < threshold <= 1:
        raise ValidationError(_("The similarity threshold must be above 0 and at most 1."))
    run = ScreeningRun.objects.create(
        call=call, total=screenable(call).count(), duplicate_threshold=threshold,
        started_by=actor if actor is not None and actor.pk else None,
    )  # fmt: skip
    record_audit(actor=actor, action="screening.run.start", target=run,
                 after={"call": call.pk, "total": run.total, "threshold": threshold})  # fmt: skip
    _enqueue(run.pk)
    return run


def resume_run(*, run: ScreeningRun, actor: User | None = None) -> ScreeningRun:
    """Queue an unfinished run again; finished applications are not redone (results are kept)."""
    if run.status == RunStatus.DONE:
        return run
    ScreeningRun.objects.filter(pk=run.pk).exclude(status=RunStatus.DONE).update(
        status=RunStatus.QUEUED, error=""
    )
    _enqueue(run.pk)
    run.refresh_from_db()
    return run


def process_run(
    *, run_id: int, batch_size: int = 1000, batch_delay: float = 0.0, max_batches: int | None = None
) -> ScreeningRun:
    """Screen the run's remaining applications batch by batch.

    First, once per run, the duplicate phase compares every application with the earlier ones and
    the funded projects and stores the pairs above the threshold (a resumed run skips it). Then each
    batch loads its data (its duplicate pairs included) with a constant number of queries, evaluates
    in Python and writes the results with one bulk insert that ignores rows already written, so a
    run that was interrupted resumes where it stopped and a duplicate delivery changes nothing.
    `max_batches` stops early (the run stays "running" and can be resumed).
    """
    run = ScreeningRun.objects.select_related("call").get(pk=run_id)
    if run.status == RunStatus.DONE:
        return run
    call = run.call
    base = screenable(call)
    ScreeningRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, total=base.count(), started_at=run.started_at or timezone.now()
    )
    _duplicate_phase(run)
    with _cyclic_gc_paused():
        finished_all = _run_batches(run, call, base, batch_size, batch_delay, max_batches)
    if not finished_all:
        run.refresh_from_db()
        return run
    with transaction.atomic():  # "done" and its audit entry become visible together
        finished = (
            ScreeningRun.objects.filter(pk=run.pk)
            .exclude(status=RunStatus.DONE)
            .update(status=RunStatus.DONE, finished_at=timezone.now())
        )
        run.refresh_from_db()
        if finished:
            record_audit(
                actor=None, action="screening.run.finish", target=run, after=run_counts(run)
            )
    return run


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector while batches build and drop ~15 model instances
    per application: its repeated full passes over them cost ~17 % of the CPU (profiled); memory is
    still freed by reference counting, and the collector runs again (and catches up) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_batches(run, call, base, batch_size, batch_delay, max_batches) -> bool:
    """Screen batches until none is left (True) or `max_batches` were done (False)."""
    batches = 0
    while max_batches is None or batches < max_batches:
        done_ids = ScreeningResult.objects.filter(run_id=run.pk).values("application_id")
        ids = list(
            base.exclude(pk__in=done_ids).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return True
        _screen_batch(run, call, ids)
        batches += 1
        if batch_delay:
            time.sleep(batch_delay)
    return False


def _duplicate_phase(run: ScreeningRun) -> None:
    """Find and store the run's duplicate pairs once; marks the run so a resume skips the phase."""
    if run.duplicates_done_at:
        return
    flags = find_duplicates(run=run)
    with transaction.atomic():
        DuplicateFlag.objects.bulk_create(flags, ignore_conflicts=True, batch_size=2000)
        ScreeningRun.objects.filter(pk=run.pk, duplicates_done_at__isnull=True).update(
            duplicates_done_at=timezone.now()
        )


def _batch_duplicates(run: ScreeningRun, ids: list[int]) -> dict[int, list[DuplicateFlag]]:
    flags = (
        DuplicateFlag.objects.filter(run=run, application_id__in=ids)
        .select_related("other_application", "other_project")
        .only(
            "application_id",
            "other_key",
            "similarity",
            "other_application__title_ko",
            "other_project__title",
        )  # fmt: skip
    )
    found: dict[int, list[DuplicateFlag]] = defaultdict(list)
    for flag in flags:
        found[flag.application_id].append(flag)
    return found


def _screen_batch(run: ScreeningRun, call: Call, ids: list[int]) -> None:
    apps = list(
        Application.objects.filter(pk__in=ids)
        .select_related("lead_institution", "pi", "challenge_team")  # challenge rules read the team
        .prefetch_related("challenge_team__members")
        .order_by("pk")
    )
    programs = Program.objects.in_bulk({a.program_id for a in apps})  # their JSON decoded once
    for app in apps:
        app.program = programs[app.program_id]
    data = load_batch(call=call, applications=apps, duplicates=_batch_duplicates(run, ids),
                      duplicate_threshold=run.duplicate_threshold)  # fmt: skip
    results = []
    for app in apps:
        outcome, rows = evaluate(Facts(app, data))
        results.append(ScreeningResult(run=run, application=app, outcome=outcome, rules=rows))
    with transaction.atomic():
        ScreeningResult.objects.bulk_create(results, ignore_conflicts=True)
        processed = ScreeningResult.objects.filter(run_id=run.pk).count()
        ScreeningRun.objects.filter(pk=run.pk).update(processed=processed)


def run_counts(run: ScreeningRun) -> dict[str, int]:
    """Final outcomes (overrides applied) of a run: {"pass", "fail", "needs_review"}."""
    counts = {o.value: 0 for o in Outcome}
    rows = ScreeningResult.objects.filter(run=run).values("outcome", "override_outcome")
    for row in rows.annotate(n=Count("id")):
        counts[row["override_outcome"] or row["outcome"]] += row["n"]
    return counts


@transaction.atomic
def override_result(
    *, result: ScreeningResult, outcome: str, reason: str, actor: User
) -> ScreeningResult:
    """Staff override of an application's outcome; a written reason is required and audited.

    Locks the run first (as release_run does), then the result: an override racing the release
    either lands before it (and the release applies it) or is refused as already decided.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "변경 사유를 입력해야 합니다. / A written reason is required to override."}
        )
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "알 수 없는 결과입니다. / Unknown outcome."})
    run = lock(ScreeningRun, result.run_id)
    result = lock(ScreeningResult, result.pk)
    result.run = run
    if run.released_at:
        raise AlreadyDecided(
            "공개된 결과는 변경할 수 없습니다.", "Released results cannot be changed.", "released"
        )
    before = {"outcome": result.final_outcome}
    new_override = "" if outcome == result.outcome else outcome
    if new_override and (new_override, reason) == (result.override_outcome, result.override_reason):
        return result  # the same form sent twice: nothing changes, no second audit entry
    result.override_outcome = new_override
    result.override_reason = reason if result.override_outcome else ""
    result.overridden_by = actor if result.override_outcome else None
    result.overridden_at = timezone.now() if result.override_outcome else None
    result.save()
    record_audit(actor=actor, action="screening.result.override", target=result,
                 before=before, after={"outcome": outcome}, reason=reason)  # fmt: skip
    return result


def release_run(*, run: ScreeningRun, actor: User) -> ScreeningRun:
    """Release a finished run's results to applicants; every "needs review" must be decided first.

    Failed applications go to "excluded at screening", the others to "in evaluation", through
    applications.domain.state.set_application_status (which audits and notifies the applicant).
    Releasing twice does nothing the second time. Refused (TimelineRefused, ko/en) before the
    call has closed.
    """
    from applications.domain.state import can_transition, set_application_status

    with transaction.atomic():
        run = lock(ScreeningRun, run.pk)  # override_result locks the run too
        if run.released_at:
            return run
        enforce("screening.release", run.call)  # never before the call has closed
        if run.status != RunStatus.DONE:
            raise ValidationError("실행이 끝나지 않았습니다. / The run has not finished.")
        if run_counts(run)[Outcome.NEEDS_REVIEW]:
            raise ValidationError(
                "검토 필요 결과를 모두 결정해야 공개할 수 있습니다. / "
                "Decide every 'needs review' result before releasing."
            )
        run.released_at, run.released_by = timezone.now(), actor
        run.save(update_fields=["released_at", "released_by"])
        record_audit(actor=actor, action="screening.run.release", target=run, after=run_counts(run))
        results = ScreeningResult.objects.filter(run=run).select_related("application__applicant")
        for res in results.order_by("application_id"):
            app = res.application
            target = "screened_out" if res.final_outcome == Outcome.FAIL else "in_evaluation"
            if app.status != target and can_transition(app.status, target):
                set_application_status(application=app, status=target, actor=actor,
                                       reason=_("Eligibility screening result released."))  # fmt: skip
    return run


def latest_result(*, application: Application, released_only: bool) -> ScreeningResult | None:
    """The application's result in the latest (released) run of its call."""
    qs = ScreeningResult.objects.filter(application=application, run__status=RunStatus.DONE)
    if released_only:
        qs = qs.filter(run__released_at__isnull=False)
    return qs.select_related("run").order_by("-run__created_at", "-run_id").first()
