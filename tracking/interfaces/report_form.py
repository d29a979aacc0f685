"""The outcome report form (사업화 현황 보고서): short, pre-filled, integers only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tracking.models import FIGURE_FIELDS, TrackingReport


class ReportForm(forms.ModelForm):
    evidence = forms.FileField(
        label=_("Evidence file (PDF, HWP, HWPX)"), required=False,
        help_text=_("Optional: a supporting document. It is checked by its content."),
    )  # fmt: skip

    class Meta:
        model = TrackingReport
        fields = [*FIGURE_FIELDS, "jump_note"]
        widgets = {
            f: forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}) for f in FIGURE_FIELDS
        }
        widgets["jump_note"] = forms.Textarea(attrs={"rows": 2})


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("request_changes", _("Request changes"))],
    )
    note = forms.CharField(
        label=_("Note to the institution"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
