from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import resources

from config.spreadsheet import SafeImportExportModelAdmin
from programs.domain.calls import default_documents
from programs.interfaces.documents import clean_required_documents
from programs.models import BudgetLine, Call, Field, Operator, PrintedTotal, Program


class ProgramResource(resources.ModelResource):
    class Meta:
        model = Program
        import_id_fields = ["code"]
        exclude = ["id"]


@admin.register(Program)
class ProgramAdmin(SafeImportExportModelAdmin):
    resource_classes = [ProgramResource]
    list_display = [
        "code",
        "name_ko",
        "field",
        "department",
        "max_grant_krw",
        "max_period_months",
        "min_trl",
        "matching_rule",
        "intake_mode",
    ]
    list_filter = ["field", "matching_rule", "intake_mode"]
    search_fields = ["code", "name_ko", "name_en"]


@admin.register(Field)
class FieldAdmin(SafeImportExportModelAdmin):
    list_display = ["code", "name_ko", "name_en", "order"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SafeImportExportModelAdmin):
    list_display = [
        "year",
        "kind",
        "label",
        "program",
        "continuing",
        "new",
        "amount_million_krw",
        "national_million_krw",
    ]
    list_filter = ["year", "kind"]


@admin.register(PrintedTotal)
class PrintedTotalAdmin(SafeImportExportModelAdmin):
    list_display = [
        "year",
        "scope",
        "field",
        "continuing",
        "new",
        "amount_million_krw",
        "national_million_krw",
    ]
    list_filter = ["year", "scope"]


@admin.register(Operator)
class OperatorAdmin(SafeImportExportModelAdmin):
    list_display = ["name", "annual_quota", "year", "is_registered_vc"]


def _datetime_field(name: str) -> forms.DateTimeField:
    """One labelled date-and-time input (the admin's split widget has two unlabelled ones)."""
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    return Call._meta.get_field(name).formfield(form_class=forms.DateTimeField, widget=widget)


class CallAdminForm(forms.ModelForm):
    """Staff pick the standard documents by name; only extra, call-specific documents are typed
    as definitions (the advanced field), so opening a call needs no JSON."""

    opens_at = _datetime_field("opens_at")
    closes_at = _datetime_field("closes_at")
    standard_documents = forms.MultipleChoiceField(
        label=_("Standard documents to submit"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The seed 002 documents; applicants upload each one ticked here."),
    )  # fmt: skip
    extra_documents = forms.JSONField(
        label=_("Additional documents (advanced)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_('Only for documents not listed above: a list of {"code", "name_ko", '
                    '"name_en", "required", "formats"}.'),
    )  # fmt: skip

    class Meta:
        model = Call
        fields = ["title", "title_en", "description", "description_en", "programs", "opens_at",
                  "closes_at", "intake_mode", "slots", "budget_envelope_krw",
                  "objection_days", "status", "created_by"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        standard = default_documents()
        codes = {d["code"] for d in standard}
        self.fields["standard_documents"].choices = [
            (d["code"], f"{d['name_ko']} / {d.get('name_en') or d['code']}") for d in standard
        ]
        current = self.instance.required_documents if self.instance.pk else standard
        current = current if isinstance(current, list) else []
        self.initial.setdefault(
            "standard_documents", [d["code"] for d in current if d.get("code") in codes]
        )
        extra = [d for d in current if d.get("code") not in codes]
        self.initial.setdefault("extra_documents", extra or None)

    def clean(self):
        cleaned = super().clean()
        known = {d["code"]: d for d in default_documents()}
        chosen = [known[c] for c in cleaned.get("standard_documents") or [] if c in known]
        extra = cleaned.get("extra_documents") or []
        if not isinstance(extra, list):
            self.add_error("extra_documents", _("Enter a list of document definitions."))
            return cleaned
        try:
            cleaned["required_documents"] = clean_required_documents([*chosen, *extra])
        except ValidationError as exc:
            self.add_error("extra_documents", exc)
        return cleaned

    def save(self, commit=True):
        if "required_documents" in self.cleaned_data:
            self.instance.required_documents = self.cleaned_data["required_documents"]
        return super().save(commit=commit)


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallAdminForm
    list_display = ["title", "opens_at", "closes_at", "slots", "budget_envelope_krw", "status"]
    list_filter = ["status", "programs"]
    # A plain labelled multiple select: the two-pane filter widget has unlabelled controls (axe).
    search_fields = ["title"]


from programs import admin_rules_2024  # noqa: E402, F401  (rules 2024 part)
