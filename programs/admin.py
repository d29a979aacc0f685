from django import forms
from django.contrib import admin
from import_export import resources

from config.spreadsheet import SafeImportExportModelAdmin
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
    opens_at = _datetime_field("opens_at")
    closes_at = _datetime_field("closes_at")

    class Meta:
        model = Call
        fields = ["title", "title_en", "description", "description_en", "programs", "opens_at",
                  "closes_at", "intake_mode", "slots", "budget_envelope_krw", "required_documents",
                  "objection_days", "status", "created_by"]  # fmt: skip

    def clean_required_documents(self):
        return clean_required_documents(self.cleaned_data.get("required_documents") or [])


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    form = CallAdminForm
    list_display = ["title", "opens_at", "closes_at", "slots", "budget_envelope_krw", "status"]
    list_filter = ["status", "programs"]
    # A plain labelled multiple select: the two-pane filter widget has unlabelled controls (axe).
    search_fields = ["title"]
