"""Admin of the closing part: evaluation rounds, settlements, bills and sanction decisions, read
only (every change goes through the domain functions and their pages, which audit it)."""

from django.contrib import admin

from agreements.models.closing import Bill, EvaluationRound, SanctionDecision, Settlement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "stage", "year_no", "status", "score", "decision", "decided_at"]
    list_filter = ["stage", "status"]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "status", "paid_krw", "used_krw", "unspent_krw", "recovery_krw",
                    "settled_on", "times_settled"]  # fmt: skip


@admin.register(Bill)
class BillAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "institution", "amount_krw", "paid_krw", "due_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "institution__name"]


@admin.register(SanctionDecision)
class SanctionDecisionAdmin(ReadOnlyAdmin):
    list_display = ["institution", "kind", "starts_on", "ends_on", "decided_at"]
    list_filter = ["kind"]
