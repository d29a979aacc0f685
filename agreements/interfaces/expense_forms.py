"""Forms of expenses and plan changes (types only; the rules are the domain's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from agreements.models.changes import ChangeDecision
from applications.enums import BudgetCategory
from config.forms import KrdsFormMixin
from config.params import MAX_KRW

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"})
CATEGORY_CHOICES = [("", _("— choose —")), *BudgetCategory.choices]


def year_choices(agreement: Agreement) -> list[tuple[int, str]]:
    return [(y.year_no, _("Year %(n)s (%(start)s – %(end)s)")
             % {"n": y.year_no, "start": y.starts_on, "end": y.ends_on})
            for y in agreement.years.order_by("year_no")]  # fmt: skip


class ExpenseForm(KrdsFormMixin, forms.Form):
    year_no = forms.TypedChoiceField(label=_("Agreement year"), coerce=int)
    category = forms.ChoiceField(label=_("Budget category"), choices=CATEGORY_CHOICES)
    amount_krw = forms.IntegerField(label=_("Amount (KRW)"), min_value=1, max_value=MAX_KRW,
                                    widget=NUMBER)  # fmt: skip
    spent_on = forms.DateField(label=_("Date of the expense"), widget=DATE)
    payee = forms.CharField(label=_("Payee"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    evidence = forms.FileField(
        label=_("Evidence (PDF)"),
        help_text=_("Invoice, receipt or transfer slip as a PDF; checked by its content."),
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_no"].choices = year_choices(agreement)


class StatementForm(KrdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Bank or card statement (CSV or Excel)"),
        help_text=_("The first row names the columns: date (거래일자), amount (출금액/이용금액) and "
                    "payee (거래처/가맹점); description and reference are optional. Each line "
                    "becomes a draft that you give a category."),
    )  # fmt: skip


class DraftForm(KrdsFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Budget category"), choices=CATEGORY_CHOICES)


class ReasonForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ChangeRequestForm(KrdsFormMixin, forms.Form):
    """One request; each section left empty is not part of it."""

    reason = forms.CharField(label=_("Reason for the change"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    new_ends_on = forms.DateField(label=_("Extension: new end date"), required=False, widget=DATE)
    realloc_year_no = forms.TypedChoiceField(label=_("Reallocation: year"), coerce=int,
                                             required=False, empty_value=None)  # fmt: skip
    from_category = forms.ChoiceField(label=_("Reallocation: from category"),
                                      choices=CATEGORY_CHOICES, required=False)  # fmt: skip
    to_category = forms.ChoiceField(label=_("Reallocation: to category"),
                                    choices=CATEGORY_CHOICES, required=False)  # fmt: skip
    amount_krw = forms.IntegerField(label=_("Reallocation: amount (KRW)"), required=False,
                                    min_value=1, max_value=MAX_KRW, widget=NUMBER)  # fmt: skip
    researcher_role = forms.ChoiceField(
        label=_("Researcher change: who"), required=False,
        choices=[("", _("— no researcher change —")), ("pi", _("Principal investigator")),
                 ("researcher", _("Participating researcher"))],
    )  # fmt: skip
    leaving = forms.CharField(label=_("Researcher leaving"), max_length=100, required=False)
    joining = forms.CharField(label=_("Researcher joining"), max_length=100, required=False)
    rate_pct = forms.IntegerField(label=_("Participation rate of the new researcher (%)"),
                                  required=False, min_value=1, max_value=100, widget=NUMBER)  # fmt: skip
    co_action = forms.ChoiceField(
        label=_("Co-institution change"), required=False,
        choices=[("", _("— no co-institution change —")), ("add", _("Add")),
                 ("remove", _("Remove")), ("replace", _("Replace"))],
    )  # fmt: skip
    institution_name = forms.CharField(label=_("Co-institution name"), max_length=200,
                                       required=False)  # fmt: skip
    business_no = forms.CharField(label=_("Co-institution business number"), max_length=12,
                                  required=False)  # fmt: skip

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["realloc_year_no"].choices = [("", _("— no reallocation —")),
                                                  *year_choices(agreement)]  # fmt: skip

    def parts(self) -> tuple[list[dict], dict[int, dict[str, str]]]:
        """The parts filled in, and for each part index the map domain field → form field."""
        d = self.cleaned_data
        parts, fields = [], {}
        if d.get("new_ends_on"):
            fields[len(parts)] = {"new_ends_on": "new_ends_on"}
            parts.append({"kind": "period_extension",
                          "payload": {"new_ends_on": d["new_ends_on"].isoformat()}})  # fmt: skip
        if d.get("realloc_year_no") or d.get("amount_krw"):
            fields[len(parts)] = {"year_no": "realloc_year_no", "from_category": "from_category",
                                  "to_category": "to_category", "amount_krw": "amount_krw"}  # fmt: skip
            parts.append({"kind": "budget_reallocation", "payload": {
                "year_no": d.get("realloc_year_no"), "from_category": d.get("from_category"),
                "to_category": d.get("to_category"), "amount_krw": d.get("amount_krw")}})  # fmt: skip
        if d.get("researcher_role"):
            fields[len(parts)] = {"role": "researcher_role", "leaving": "leaving",
                                  "joining": "joining", "rate_pct": "rate_pct"}  # fmt: skip
            parts.append({"kind": "researcher_change", "payload": {
                "role": d["researcher_role"], "leaving": d.get("leaving"),
                "joining": d.get("joining"), "rate_pct": d.get("rate_pct")}})  # fmt: skip
        if d.get("co_action"):
            fields[len(parts)] = {"action": "co_action", "institution_name": "institution_name"}
            parts.append({"kind": "co_institution_change", "payload": {
                "action": d["co_action"], "institution_name": d.get("institution_name"),
                "business_no": d.get("business_no")}})  # fmt: skip
        return parts, fields


class PartDecisionForm(KrdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ChangeDecision.ACCEPTED, ChangeDecision.ACCEPTED.label),
                 (ChangeDecision.ACCEPTED_WITH_CHANGES, ChangeDecision.ACCEPTED_WITH_CHANGES.label),
                 (ChangeDecision.REFUSED, ChangeDecision.REFUSED.label)],
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason (required unless accepted as asked)"),
                             max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    new_ends_on = forms.DateField(label=_("Accepted end date (extension)"), required=False,
                                  widget=DATE)  # fmt: skip
    amount_krw = forms.IntegerField(label=_("Accepted amount (reallocation, KRW)"),
                                    required=False, min_value=1, max_value=MAX_KRW, widget=NUMBER)  # fmt: skip
