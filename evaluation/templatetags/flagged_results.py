"""{% flag_decision result as decision %}: staff's decision on a flagged stage result that still
holds (taken on the result's current scores), or None (the result awaits confirmation)."""

from django import template

from evaluation.models import FlaggedResultReview

register = template.Library()


@register.simple_tag
def flag_decision(result):
    if not result.flagged:
        return None
    review = (
        FlaggedResultReview.objects.filter(application_id=result.application_id, stage=result.stage)
        .select_related("decided_by")
        .first()
    )
    return review if review is not None and review.scores == result.scores else None
