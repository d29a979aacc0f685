from django.contrib import admin
from import_export import fields, resources, widgets

from accounts.models import Institution, Researcher
from config.spreadsheet import SafeImportExportModelAdmin
from evaluation.screening.models import (
    CreditStatus,
    DuplicateFlag,
    FinancialStatement,
    Obligation,
    Recommendation,
    Sanction,
    ScreeningResult,
    ScreeningRun,
)
from programs.models import Operator


def institution_field() -> fields.Field:
    """Institutions are imported by business registration number (사업자등록번호)."""
    return fields.Field(
        column_name="business_no", attribute="institution",
        widget=widgets.ForeignKeyWidget(Institution, field="business_no"),
    )  # fmt: skip


def researcher_field() -> fields.Field:
    return fields.Field(
        column_name="researcher_no", attribute="researcher",
        widget=widgets.ForeignKeyWidget(Researcher, field="researcher_no"),
    )  # fmt: skip


class RecommendationResource(resources.ModelResource):
    institution = institution_field()
    operator = fields.Field(
        column_name="operator",
        attribute="operator",
        widget=widgets.ForeignKeyWidget(Operator, "name"),
    )

    class Meta:
        model = Recommendation
        import_id_fields = ["operator", "institution", "call"]
        fields = ["operator", "institution", "call", "recommended_on", "investment_krw",
                  "account_type", "contract_date", "company_share_pct", "operator_share_pct"]  # fmt: skip


class FinancialStatementResource(resources.ModelResource):
    institution = institution_field()

    class Meta:
        model = FinancialStatement
        import_id_fields = ["institution", "settled_on"]
        fields = ["institution", "settled_on", "total_liabilities_krw", "total_equity_krw",
                  "paid_in_capital_krw", "excludable_loans_krw", "excludable_loans_on",
                  "excludable_loans_lender", "exception"]  # fmt: skip


class CreditStatusResource(resources.ModelResource):
    institution = institution_field()

    class Meta:
        model = CreditStatus
        import_id_fields = ["institution", "checked_on"]
        fields = ["institution", "checked_on", "insolvency", "rehabilitation_approved", "tax_arrears",
                  "tax_arrears_exception", "tax_arrears_exception_on", "defaulter",
                  "defaulter_exception", "defaulter_exception_on"]  # fmt: skip


class ObligationResource(resources.ModelResource):
    institution = institution_field()
    researcher = researcher_field()

    class Meta:
        model = Obligation
        fields = ["id", "institution", "researcher", "kind", "description", "amount_krw", "due_on",
                  "fulfilled_on"]  # fmt: skip


class SanctionResource(resources.ModelResource):
    institution = institution_field()
    researcher = researcher_field()

    class Meta:
        model = Sanction
        fields = ["id", "institution", "researcher", "reason", "starts_on", "ends_on"]


@admin.register(Recommendation)
class RecommendationAdmin(SafeImportExportModelAdmin):
    resource_classes = [RecommendationResource]
    list_display = ["operator", "institution", "call", "recommended_on", "investment_krw",
                    "account_type", "company_share_pct", "operator_share_pct"]  # fmt: skip
    list_filter = ["operator", "account_type"]
    search_fields = ["institution__name", "institution__business_no"]
    raw_id_fields = ["institution", "call"]


@admin.register(FinancialStatement)
class FinancialStatementAdmin(SafeImportExportModelAdmin):
    resource_classes = [FinancialStatementResource]
    list_display = [
        "institution",
        "settled_on",
        "total_liabilities_krw",
        "total_equity_krw",
        "exception",
    ]
    search_fields = ["institution__name", "institution__business_no"]
    raw_id_fields = ["institution"]


@admin.register(CreditStatus)
class CreditStatusAdmin(SafeImportExportModelAdmin):
    resource_classes = [CreditStatusResource]
    list_display = ["institution", "checked_on", "insolvency", "tax_arrears", "defaulter"]
    list_filter = ["insolvency", "tax_arrears", "defaulter"]
    search_fields = ["institution__name", "institution__business_no"]
    raw_id_fields = ["institution"]


@admin.register(Obligation)
class ObligationAdmin(SafeImportExportModelAdmin):
    resource_classes = [ObligationResource]
    list_display = ["kind", "institution", "researcher", "due_on", "fulfilled_on", "amount_krw"]
    list_filter = ["kind"]
    raw_id_fields = ["institution", "researcher"]


@admin.register(Sanction)
class SanctionAdmin(SafeImportExportModelAdmin):
    resource_classes = [SanctionResource]
    list_display = ["reason", "institution", "researcher", "starts_on", "ends_on"]
    raw_id_fields = ["institution", "researcher"]


@admin.register(ScreeningRun)
class ScreeningRunAdmin(admin.ModelAdmin):
    list_display = ["id", "call", "status", "processed", "total", "created_at", "released_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in ScreeningRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ScreeningResult)
class ScreeningResultAdmin(SafeImportExportModelAdmin):
    list_display = ["run", "application", "outcome", "override_outcome"]
    list_filter = ["outcome", "override_outcome"]
    raw_id_fields = ["run", "application", "overridden_by"]


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(admin.ModelAdmin):
    list_display = ["run", "application", "other_key", "similarity", "method"]
    raw_id_fields = ["run", "application", "other_application", "other_project"]
