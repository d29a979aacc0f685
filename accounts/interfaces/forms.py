"""Forms of the accounts app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import SEOUL_DISTRICTS, SiteKind
from accounts.models import Institution
from accounts.validators import normalise_number
from config.forms import KrdsFormMixin

BUSINESS_NO_TAKEN = _(
    "An institution with this business registration number is already registered."
)


class InstitutionForm(KrdsFormMixin, forms.ModelForm):
    """An applicant registers their institution with its head-office address."""

    # Wider than the model field so that hyphenated input reaches the normalising clean method.
    business_no = forms.CharField(
        label=_("Business registration number"),
        max_length=14,
        help_text=_("10 digits; hyphens are allowed (e.g. 124-81-00998)."),
    )
    corporate_no = forms.CharField(
        label=_("Corporate registration number"),
        max_length=16,
        required=False,
        help_text=_("13 digits for a corporation; hyphens are allowed (e.g. 110111-1234567)."),
    )
    hq_address = forms.CharField(label=_("Head-office address"), max_length=300)
    hq_district = forms.ChoiceField(
        label=_("District (구) of the head office"),
        choices=[("", _("Outside Seoul"))] + [(d, d) for d in SEOUL_DISTRICTS],
        required=False,
    )

    class Meta:
        model = Institution
        fields = [
            "name", "name_en", "type", "business_no", "corporate_no", "representative",
            "incorporated_on", "is_sme", "is_corporation", "hospital_grade", "seoul_tax_office",
        ]  # fmt: skip
        widgets = {"incorporated_on": forms.DateInput(attrs={"type": "date"})}

    def clean_business_no(self) -> str:
        value = normalise_number(self.cleaned_data["business_no"])
        taken = Institution.objects.filter(business_no=value)
        if value and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(BUSINESS_NO_TAKEN, code="unique")
        return value

    def clean_corporate_no(self) -> str:
        return normalise_number(self.cleaned_data.get("corporate_no", ""))

    def institution_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def sites(self) -> list[dict]:
        district = self.cleaned_data.get("hq_district") or ""
        return [
            {
                "kind": SiteKind.HQ,
                "address": self.cleaned_data["hq_address"],
                "in_seoul": bool(district),
                "district": district,
            }
        ]
