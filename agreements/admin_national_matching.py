"""Admin of the national-matching (R16) records and the investment adequacy committee (INV): read
for staff; decisions are taken in the portal's pages (one state function each), so rows that a
decision writes are read-only here."""

from django.contrib import admin

from agreements.models import CommitmentRequest, NationalYear
from evaluation.models import AdequacyCommittee, AdequacyDecision, AdequacyMember
from programs.models import ContinuingNationalProject


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CommitmentRequest)
class CommitmentRequestAdmin(ReadOnly):
    list_display = ["title", "institution", "ministry", "national_programme", "city_share_krw",
                    "status", "letter_code"]  # fmt: skip
    list_filter = ["status", "ministry"]
    search_fields = ["title", "institution__name", "letter_code"]
    exclude = ["letter_pdf"]


@admin.register(NationalYear)
class NationalYearAdmin(ReadOnly):
    list_display = ["request", "year_no", "result", "national_grant_krw", "city_krw"]


@admin.register(ContinuingNationalProject)
class ContinuingNationalProjectAdmin(ReadOnly):
    list_display = ["plan_year", "row_no", "selection_year", "ministry", "national_programme",
                    "starts_on", "ends_on"]  # fmt: skip
    list_filter = ["plan_year", "ministry"]


@admin.register(AdequacyCommittee)
class AdequacyCommitteeAdmin(ReadOnly):
    list_display = ["name", "call", "created_at"]


@admin.register(AdequacyMember)
class AdequacyMemberAdmin(ReadOnly):
    list_display = ["committee", "member", "pledge_signed_at"]


@admin.register(AdequacyDecision)
class AdequacyDecisionAdmin(ReadOnly):
    list_display = ["application", "result", "decided_by", "decided_at"]
    list_filter = ["result"]
