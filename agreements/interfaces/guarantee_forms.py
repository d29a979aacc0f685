"""The institution's guarantee registration form and the staff rejection form (KRDS controls)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from config.forms import KrdsFormMixin
from config.params import MAX_KRW


class GuaranteeForm(KrdsFormMixin, forms.Form):
    """Types only; the rules (period, amount, policy once, PDF content) are the domain's."""

    year_no = forms.TypedChoiceField(label=_("Agreement year"), coerce=int)
    insurer = forms.CharField(label=_("Insurer"), max_length=100)
    policy_no = forms.CharField(
        label=_("Policy number"), max_length=60,
        help_text=_("As printed on the policy; each policy is registered once."),
    )  # fmt: skip
    amount_krw = forms.IntegerField(
        label=_("Insured amount (KRW)"), min_value=1, max_value=MAX_KRW,
        help_text=_("At least the year's city grant."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )  # fmt: skip
    starts_on = forms.DateField(
        label=_("Insurance starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Insurance ends on"),
        help_text=_("At least the year's end + 6 months."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cost_krw = forms.IntegerField(
        label=_("Premium paid (KRW)"), required=False, min_value=0, max_value=MAX_KRW,
        help_text=_("Optional. The issue cost may be charged to the R&D budget (seed 002)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )  # fmt: skip
    pdf = forms.FileField(
        label=_("Policy (PDF)"), help_text=_("The policy as a PDF; checked by its content.")
    )

    def __init__(self, *args, agreement: Agreement, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = years if years is not None else list(agreement.years.order_by("year_no"))
        self.fields["year_no"].choices = [
            (y.year_no, _("Year %(n)s (%(start)s – %(end)s)")
             % {"n": y.year_no, "start": y.starts_on, "end": y.ends_on})
            for y in years
        ]  # fmt: skip
        self.fields["pdf"].widget.attrs["accept"] = "application/pdf,.pdf"


class RejectForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The institution reads it in the notice."),
    )  # fmt: skip
