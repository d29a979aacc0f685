"""Signal receivers that keep OutcomeTally in step with the accepted outcome reports (see
tracking/models/outcomes.py). Connected when the tracking models are imported.

Accepted is a final status (tracking.domain.reports.TRANSITIONS), so a report adds to its tally
once, when it is saved accepted; a save of a report that may already be accepted reads its row
first (one query, only then) so that a change applies the difference and nothing counts twice."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from tracking.models.outcomes import TALLY_FIELDS
from tracking.models.reports import ReportStatus, TrackingReport

KEYS = ("status", "program_id", "covers_year", *TALLY_FIELDS)


def _values(report: TrackingReport) -> dict:
    return {k: getattr(report, k) for k in KEYS}


@receiver(pre_save, sender=TrackingReport, dispatch_uid="outcome_tally_pre_save")
def _remember(sender, instance: TrackingReport, raw=False, **kwargs):
    instance._tally_before = None
    if raw or instance._state.adding or instance.status != ReportStatus.ACCEPTED:
        return
    instance._tally_before = TrackingReport.objects.filter(pk=instance.pk).values(*KEYS).first()


@receiver(post_save, sender=TrackingReport, dispatch_uid="outcome_tally_post_save")
def _count(sender, instance: TrackingReport, created=False, raw=False, **kwargs):
    from tracking.domain.outcome_tallies import apply_change

    if raw or (instance.status != ReportStatus.ACCEPTED and not created):
        return
    apply_change(before=getattr(instance, "_tally_before", None), after=_values(instance))


@receiver(post_delete, sender=TrackingReport, dispatch_uid="outcome_tally_post_delete")
def _uncount(sender, instance: TrackingReport, **kwargs):
    from tracking.domain.outcome_tallies import apply_change

    apply_change(before=_values(instance), after=None)
