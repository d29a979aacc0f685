"""Admin of expenses, statement imports and change requests: read-only (every change goes through
agreements.domain.expenses / changes, which lock, post to the ledger and audit)."""

from django.contrib import admin

from agreements.models import ChangePart, ChangeRequest, Expense, StatementImport
from config.admin_readonly import ReadOnlyAdmin


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "year_no", "category", "amount_krw", "spent_on", "payee", "status"]
    list_filter = ["status", "category"]
    search_fields = ["payee", "agreement__verify_code"]


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "original_name", "rows_total", "rows_imported", "uploaded_at"]


class ChangePartInline(admin.TabularInline):
    model = ChangePart
    extra = 0
    can_delete = False
    fields = ["kind", "change_type", "payload", "decision", "reason", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "submitted_at", "status", "version_from", "version_to"]
    list_filter = ["status"]
    inlines = [ChangePartInline]
