from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import KrdsFormMixin
from evaluation.screening.enums import Outcome


class OverrideForm(KrdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = forms.CharField(
        label=_("Reason (required)"), widget=forms.Textarea(attrs={"rows": 3}), required=True,
        error_messages={"required": _("A written reason is required to override an outcome.")},
    )  # fmt: skip
