from django.contrib import admin

from evaluation import models


class AffiliationInline(admin.TabularInline):
    model = models.Affiliation
    extra = 0
    raw_id_fields = ["institution"]


class RelationshipInline(admin.TabularInline):
    model = models.DeclaredRelationship
    extra = 0
    raw_id_fields = ["researcher", "institution"]


@admin.register(models.EvaluatorProfile)
class EvaluatorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "technical_fields", "yearly_load_cap", "active"]
    raw_id_fields = ["user", "researcher"]
    inlines = [AffiliationInline, RelationshipInline]


class MemberInline(admin.TabularInline):
    model = models.CommitteeMember
    extra = 0
    raw_id_fields = ["evaluator"]


@admin.register(models.Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "call", "stage", "technical_field"]
    list_filter = ["stage"]
    inlines = [MemberInline]


@admin.register(models.Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["application", "evaluator", "stage", "status"]
    list_filter = ["stage", "status"]
    raw_id_fields = ["committee", "call", "application", "evaluator"]


@admin.register(models.ConflictRecord)
class ConflictRecordAdmin(admin.ModelAdmin):
    list_display = ["application", "evaluator", "named_person", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["call", "application", "evaluator", "requested_by", "decided_by"]


class CriterionInline(admin.TabularInline):
    model = models.CriterionScore
    extra = 0


@admin.register(models.ScoreSheet)
class ScoreSheetAdmin(admin.ModelAdmin):
    """Read-only here: sheets change only through the domain functions (audited)."""

    list_display = ["assignment", "total", "status", "submitted_at"]
    list_filter = ["status"]
    inlines = [CriterionInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.StageResult)
class StageResultAdmin(admin.ModelAdmin):
    list_display = [
        "application",
        "stage",
        "aggregate",
        "bonus",
        "total",
        "rank",
        "advances",
        "flagged",
    ]
    list_filter = ["stage", "advances", "flagged"]

    def has_change_permission(self, request, obj=None):
        return False


for model in (models.SiteCheck, models.CommitteeDecision, models.ResultNotice, models.Objection):
    admin.site.register(model)

# isort: split
# The challenges (R09, R10) and the adequacy opinions, read-only.
from evaluation import admin_challenges  # noqa: E402,F401
