"""Forms of the national-matching pages (types only; the rules are the domain's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import NationalResult
from config.forms import KrdsFormMixin
from config.params import MAX_KRW

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"})
YEAR_FIELDS = 5  # the form offers five project years; the period decides how many are needed


def _grant(n: int, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("National grant, year %(n)s (KRW)") % {"n": n}, min_value=1, max_value=MAX_KRW,
        required=required, widget=NUMBER,
    )  # fmt: skip


class GrantsMixin:
    def grants(self) -> list[int]:
        values = [self.cleaned_data.get(f"grant_{n}") for n in range(1, YEAR_FIELDS + 1)]
        while values and values[-1] is None:
            values.pop()
        return [v or 0 for v in values]


class CommitmentRequestForm(GrantsMixin, KrdsFormMixin, forms.Form):
    call = forms.ModelChoiceField(label=_("Call"), queryset=None, empty_label=_("— choose —"))
    ministry = forms.CharField(label=_("National ministry"), max_length=100)
    national_programme = forms.CharField(label=_("National programme"), max_length=200)
    title = forms.CharField(label=_("Project title"), max_length=300)
    starts_on = forms.DateField(label=_("Period starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Period ends on"), widget=DATE)
    institution_share_krw = forms.IntegerField(
        label=_("Institution share (KRW)"), min_value=0, max_value=MAX_KRW, widget=NUMBER
    )

    def __init__(self, *args, calls=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        for n in range(1, YEAR_FIELDS + 1):
            self.fields[f"grant_{n}"] = _grant(n, n == 1)
            self.fields[f"grant_{n}"].widget.attrs.setdefault("class", "krds-input")


class DecisionForm(KrdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("approve", _("Approve and issue the commitment letter")), ("refuse", _("Refuse"))],
    )  # fmt: skip
    reasons = forms.CharField(label=_("Reasons"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class SelectionForm(GrantsMixin, KrdsFormMixin, forms.Form):
    selected = forms.ChoiceField(
        label=_("National result"), widget=forms.RadioSelect,
        choices=[("yes", _("Selected by the national programme")),
                 ("no", _("Not selected by the national programme"))],
    )  # fmt: skip
    ministry = forms.CharField(label=_("National ministry"), max_length=100, required=False)
    national_programme = forms.CharField(label=_("National programme"), max_length=200,
                                         required=False)  # fmt: skip
    starts_on = forms.DateField(label=_("Period starts on"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("Period ends on"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, YEAR_FIELDS + 1):
            self.fields[f"grant_{n}"] = _grant(n, False)
            self.fields[f"grant_{n}"].widget.attrs.setdefault("class", "krds-input")


class NationalYearForm(KrdsFormMixin, forms.Form):
    year_no = forms.TypedChoiceField(label=_("Project year"), coerce=int, choices=[])
    result = forms.ChoiceField(
        label=_("National annual result"),
        choices=[(v, lbl) for v, lbl in NationalResult.choices if v != NationalResult.SELECTED],
    )  # fmt: skip
    national_grant_krw = forms.IntegerField(label=_("National grant of the year (KRW)"),
                                            min_value=0, max_value=MAX_KRW, widget=NUMBER)  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_no"].choices = [(n, _("Year %(n)s") % {"n": n}) for n in years]


class LetterCheckForm(forms.Form):
    pdf = forms.FileField(label=_("Commitment letter (PDF)"))
