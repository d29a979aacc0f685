from django.contrib import admin
from import_export import resources

from config.spreadsheet import SafeImportExportModelAdmin
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


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "slots", "budget_envelope_krw", "status"]
    list_filter = ["status", "programs"]
    filter_horizontal = ["programs"]
    search_fields = ["title"]
