"""Human labels (Korean/English) for the codes the evaluation pages show."""

from django import template
from django.utils.translation import gettext_lazy as _

from evaluation.enums import StageCode
from programs.enums import Aggregation

register = template.Library()

_LABELS = {
    **{c.value: c.label for c in StageCode},
    **{c.value: c.label for c in Aggregation},
    "site_check": _("Site check"),
    "committee": _("Coordination committee"),
    "ceil": _("round up"),
    "floor": _("round down"),
    "half_up": _("round half up"),
    # tie-break keys of evaluation.domain.aggregation.TIE_KEYS
    "total": _("total"),
    "stage score": _("stage score before bonus"),
    "number of scores": _("number of scores"),
    "highest sheet": _("highest single sheet"),
    "receipt number": _("receipt number"),
    "id": _("application id"),
}


@register.filter
def code_label(code) -> str:
    """The translated label of a stage, aggregation, rounding or tie-break code (the code if unknown)."""
    if code is None:
        return ""
    return str(_LABELS.get(str(code), code))
