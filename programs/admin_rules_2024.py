"""Admin of the rules 2024 part: Tech Partners, follow-on selections (read-only: made by the
selection page), R15 forum records, and the applicants' claimed facts that staff verify."""

from django.contrib import admin

from applications.models import ApplicationClaim
from config.admin_readonly import ReadOnlyAdmin
from programs.models import (
    FollowOnSelection,
    ForumRecord,
    PolicyDesignation,
    TechMatch,
    TechNeed,
    TechOutcome,
    TechPartner,
)


@admin.register(TechPartner)
class TechPartnerAdmin(admin.ModelAdmin):
    list_display = ["institution", "size", "registered_at"]
    list_filter = ["size"]
    search_fields = ["institution__name"]
    raw_id_fields = ["institution", "registered_by"]


@admin.register(TechNeed)
class TechNeedAdmin(admin.ModelAdmin):
    list_display = ["title", "partner", "field", "purchase_intent", "is_open"]
    list_filter = ["field", "is_open"]
    search_fields = ["title", "keywords"]


@admin.register(TechMatch)
class TechMatchAdmin(admin.ModelAdmin):
    """Read-only: a match's status changes only through both sides' decisions."""

    list_display = ["need", "startup", "score", "status", "decided_at"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(TechOutcome)
class TechOutcomeAdmin(admin.ModelAdmin):
    list_display = ["match", "kind", "amount_krw", "dated_on"]
    list_filter = ["kind"]


@admin.register(FollowOnSelection)
class FollowOnSelectionAdmin(admin.ModelAdmin):
    list_display = [
        "agreement",
        "program",
        "cohort_year",
        "purpose",
        "score",
        "amount_krw",
        "version_no",
    ]
    list_filter = ["program", "cohort_year", "purpose"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ForumRecord)
class ForumRecordAdmin(admin.ModelAdmin):
    list_display = ["title", "program", "year", "kind", "dated_on", "amount_krw"]
    list_filter = ["program", "year", "kind"]
    search_fields = ["title", "counterpart"]


@admin.register(ApplicationClaim)
class ApplicationClaimAdmin(admin.ModelAdmin):
    """Staff check the evidence and tick "verified"; screening and bonus rules read verified claims."""

    list_display = ["application", "kind", "amount_krw", "counterpart", "dated_on", "verified"]
    list_filter = ["kind", "verified"]
    raw_id_fields = ["application", "evidence", "verified_by"]

    def save_model(self, request, obj, form, change):
        if obj.verified and not obj.verified_by_id:
            obj.verified_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PolicyDesignation)
class PolicyDesignationAdmin(ReadOnlyAdmin):
    """R03 policy designations are made on the designating official's page (confirmed, audited)."""

    list_display = ["program", "year", "lead_institution", "project_title", "decision_no",
                    "decided_on", "status"]  # fmt: skip
    list_filter = ["status", "year"]
    raw_id_fields = ["program", "lead_institution", "designated_by"]
