"""Forms of the challenge pages. A programme marked ``english_first`` (flow data) labels its
application form in English first, with the Korean after it, whatever the page language."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.forms import KrdsFormMixin
from evaluation.models.challenges import MemberRole, TeamKind, Technology

MEMBER_ROWS = 6


def english_first_label(label) -> str:
    with translation.override("en"):
        en = str(label)
    with translation.override("ko"):
        ko = str(label)
    return en if en == ko else f"{en} ({ko})"


class TeamEntryForm(KrdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind of entrant"))
    track = forms.ChoiceField(label=_("Contest"), required=False)
    title = forms.CharField(label=_("Proposal title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary of the proposal"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say how the proposal uses the technologies you tick below."),
    )  # fmt: skip
    technologies = forms.MultipleChoiceField(
        label=_("Technologies used"), choices=Technology.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, program=None, tracks=(), kinds=(), english_first=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "-")] + [(k, TeamKind(k).label) for k in kinds]
        if tracks:
            self.fields["track"].choices = [("", "-")] + [(t.code, t.name) for t in tracks]
            self.fields["track"].required = True
        else:
            del self.fields["track"]
        for i in range(MEMBER_ROWS):
            self.fields[f"member_{i}_name"] = forms.CharField(
                label=_("Member name"), max_length=80, required=False
            )
            self.fields[f"member_{i}_role"] = forms.ChoiceField(
                label=_("Role"), required=False,
                choices=[("", "-")] + list(MemberRole.choices),
                initial=MemberRole.LEADER if i == 0 else "",
            )  # fmt: skip
            self.fields[f"member_{i}_affiliation"] = forms.CharField(
                label=_("Affiliation"), max_length=120, required=False
            )
            for part in ("name", "role", "affiliation"):
                self.fields[f"member_{i}_{part}"].widget.attrs.pop("aria-describedby", None)
        self.fields["technologies"].widget.attrs["class"] = "krds-form-check-input"
        if english_first:
            for field in self.fields.values():
                field.label = english_first_label(field.label)
                if field.help_text:
                    field.help_text = english_first_label(field.help_text)

    def member_rows(self):
        return [
            (
                i + 1,
                self[f"member_{i}_name"],
                self[f"member_{i}_role"],
                self[f"member_{i}_affiliation"],
            )
            for i in range(MEMBER_ROWS)
        ]

    def members(self) -> list[dict]:
        return [
            {"name": self.cleaned_data.get(f"member_{i}_name", ""),
             "role": self.cleaned_data.get(f"member_{i}_role", ""),
             "affiliation": self.cleaned_data.get(f"member_{i}_affiliation", "")}
            for i in range(MEMBER_ROWS)
        ]  # fmt: skip


class OnSiteScoreForm(KrdsFormMixin, forms.Form):
    score = forms.DecimalField(label=_("On-site performance score (0–100)"), min_value=0, max_value=100,
                               max_digits=5, decimal_places=2)  # fmt: skip


class PrizeForm(KrdsFormMixin, forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int)
    category = forms.ChoiceField(label=_("Prize category"))
    currency = forms.CharField(label=_("Payout currency"), max_length=3, initial="KRW",
                               help_text=_("ISO 4217 code, e.g. KRW, USD, EUR."))  # fmt: skip
    rate_krw = forms.DecimalField(label=_("Rate (KRW per currency unit)"), min_value=0, max_digits=14,
                                  decimal_places=6, initial=1)  # fmt: skip
    rate_on = forms.DateField(label=_("Rate date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, teams=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(t.application_id, t.name) for t in teams]
        self.fields["category"].choices = [(c["code"], c["name"]) for c in categories]


class ReEntryForm(KrdsFormMixin, forms.Form):
    reference = forms.CharField(label=_("Earlier entry (round and receipt number)"), max_length=120)


class HostForm(KrdsFormMixin, forms.Form):
    """The call's host institution for pre-founder teams (staff page of a challenge call)."""

    host = forms.ModelChoiceField(
        label=_("Host institution for pre-founder teams"), queryset=None,
        empty_label=_("Choose an institution"),
        help_text=_("Proposals of teams of individuals before founding are filed under this "
                    "institution until the team names the company it founded."),
    )  # fmt: skip

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = candidates
        self.fields["host"].label_from_instance = lambda i: (
            f"{i.name} ({i.business_no[:3]}-{i.business_no[3:5]}-{i.business_no[5:]})"
        )
