"""Registration of a foreign institution (no Korean business number): country and its own
registration identifier instead. English first: international entrants use this page."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import InstitutionType, SiteKind
from config.forms import KrdsFormMixin

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./\-]{1,59}$")


class ForeignInstitutionForm(KrdsFormMixin, forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name = forms.CharField(
        label=_("Name (Korean or original)"), max_length=200, required=False,
        help_text=_("Leave empty to use the English name."),
    )  # fmt: skip
    type = forms.ChoiceField(label=_("Type"), choices=InstitutionType.choices)
    country = forms.CharField(
        label=_("Country"), max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. US, DE, JP (not KR)."),
    )  # fmt: skip
    foreign_registration_no = forms.CharField(
        label=_("Registration identifier in that country"), max_length=60,
        help_text=_("Company or institution registration number, e.g. an EIN, a Handelsregister number."),
    )  # fmt: skip
    representative = forms.CharField(label=_("Representative"), max_length=100, required=False)
    address = forms.CharField(label=_("Head-office address"), max_length=300)

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip().upper()
        if len(value) != 2 or not value.isascii() or not value.isalpha():
            raise forms.ValidationError(
                _("Enter the two-letter ISO 3166-1 code of the country, e.g. US.")
            )
        if value == "KR":
            raise forms.ValidationError(
                _(
                    "An institution in Korea registers with its business registration number instead."
                )
            )
        return value

    def clean_foreign_registration_no(self) -> str:
        value = " ".join(self.cleaned_data["foreign_registration_no"].split())
        if not _IDENTIFIER.match(value):
            raise forms.ValidationError(
                _("Use 2 to 60 letters, digits, spaces, dots, slashes or hyphens.")
            )
        return value

    def institution_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"] or data["name_en"], "name_en": data["name_en"], "type": data["type"],
            "is_foreign": True, "country": data["country"], "business_no": "",
            "foreign_registration_no": data["foreign_registration_no"],
            "representative": data["representative"], "is_sme": False, "is_corporation": True,
        }  # fmt: skip

    def sites(self) -> list[dict]:
        return [{"kind": SiteKind.HQ, "address": self.cleaned_data["address"], "in_seoul": False,
                 "district": ""}]  # fmt: skip
