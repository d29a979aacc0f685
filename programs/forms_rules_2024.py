"""Forms of the rules 2024 pages (errors shown next to their fields, input kept)."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.interfaces.forms import InstitutionForm
from accounts.models import Institution
from programs.data.flows.rules_2024 import TECH_FIELDS
from programs.models.rules_2024 import FollowOnPurpose, ForumRecordKind, OutcomeKind, PartnerSize


def tech_field_choices():
    en = translation.get_language() == "en"
    return [(f["code"], f["name_en"] if en else f["name_ko"]) for f in TECH_FIELDS]


class PartnerForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Company"), queryset=Institution.objects.filter(type="company", tech_partner__isnull=True)
        .order_by("name"),
    )  # fmt: skip
    size = forms.ChoiceField(label=_("Company size"), choices=PartnerSize.choices)
    purchase_intent = forms.CharField(label=_("Purchase intent"), widget=forms.Textarea(attrs={"rows": 3}),
                                      required=False, max_length=2000)  # fmt: skip


SIZE_CLASSES = [
    *PartnerSize.choices,
    ("sme", _("Small or medium-sized enterprise (SME)")),
]  # shown so that an SME learns why it cannot register, instead of guessing


class PartnerCompanyForm(InstitutionForm):
    """A partner account registers its own company: the institution's fields, its size class and
    its purchase intent (the size class is checked by the domain: large or mid-sized only)."""

    size = forms.ChoiceField(label=_("Company size class"), choices=SIZE_CLASSES,
                             help_text=_("Tech Partners are large and mid-sized companies."))  # fmt: skip
    purchase_intent = forms.CharField(
        label=_("Purchase intent"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000, help_text=_("What technology your company intends to buy or try (PoC)."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].initial = "company"
        self.fields["is_sme"].initial = False


class NeedForm(forms.Form):
    field = forms.ChoiceField(label=_("Technology field"))
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}),
                                  required=False, max_length=4000)  # fmt: skip
    keywords = forms.CharField(label=_("Keywords"), max_length=300, required=False,
                               help_text=_("Comma-separated; startups whose plans share them are matched first."))  # fmt: skip
    purchase_intent = forms.BooleanField(
        label=_("We intend to purchase"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = tech_field_choices()


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeKind.choices)
    amount_krw = forms.IntegerField(
        label=_("Amount (KRW)"), min_value=0, max_value=10**15, initial=0
    )
    dated_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FollowOnForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=FollowOnPurpose.choices)
    amount_krw = forms.IntegerField(
        label=_("Additional city grant (KRW)"), min_value=1, max_value=10**12
    )


class ForumRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ForumRecordKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    counterpart = forms.CharField(label=_("Association or venue"), max_length=200, required=False)
    dated_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount_krw = forms.IntegerField(
        label=_("Amount executed (KRW)"), min_value=0, max_value=10**12, initial=0
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           max_length=2000)  # fmt: skip
