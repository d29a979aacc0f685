"""The operator's recommendation form."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from config.params import MAX_KRW
from evaluation.screening.enums import AccountType


class RecommendationForm(forms.Form):
    call = forms.TypedChoiceField(label=_("Call"), coerce=int)
    business_no = forms.CharField(
        label=_("Business registration number of the company"), max_length=12,
        help_text=_("10 digits, hyphens allowed. The company must have registered its institution."),
    )  # fmt: skip
    investment_krw = forms.IntegerField(
        label=_("Investment or commitment (KRW)"), min_value=1, max_value=MAX_KRW,
        # xgettext:no-python-format
        help_text=_("Own account ≥ 100,000,000 KRW; fund account ≥ 200,000,000 KRW (50 % counts)."),
    )  # fmt: skip
    account_type = forms.ChoiceField(label=_("Account type"), choices=AccountType.choices)
    contract_date = forms.DateField(
        label=_("Investment contract date"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Must be within 3 years before the recommendation."),
    )  # fmt: skip
    company_share_pct = forms.DecimalField(
        label=_("Company's own shares after investment (%)"), min_value=Decimal(0),
        max_value=Decimal(100), decimal_places=2,
    )  # fmt: skip
    operator_share_pct = forms.DecimalField(
        label=_("Operator's shares after investment (%)"), min_value=Decimal(0),
        max_value=Decimal(100), decimal_places=2,
    )  # fmt: skip

    def __init__(self, *args, calls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [(c.pk, c.display_title) for c in calls]
        self.calls = {c.pk: c for c in calls}
        for field in self.fields.values():
            css = "krds-form-select" if isinstance(field, forms.ChoiceField) else "krds-input"
            field.widget.attrs.setdefault("class", css)
