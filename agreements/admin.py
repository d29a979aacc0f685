from django.contrib import admin

from agreements.models import Project, ProjectParticipation
from config.spreadsheet import SafeImportExportModelAdmin


class ParticipationInline(admin.TabularInline):
    model = ProjectParticipation
    extra = 0
    autocomplete_fields = ["researcher"]


@admin.register(Project)
class ProjectAdmin(SafeImportExportModelAdmin):
    list_display = [
        "title",
        "program",
        "lead_institution",
        "selected_on",
        "ends_on",
        "status",
        "final_result",
    ]
    list_filter = ["program", "status", "final_result"]
    search_fields = ["title", "lead_institution__name"]
    inlines = [ParticipationInline]


@admin.register(ProjectParticipation)
class ProjectParticipationAdmin(SafeImportExportModelAdmin):
    list_display = ["project", "researcher", "role", "rate_pct", "starts_on", "ends_on"]


# The agreement core part registers its models in its own module.
from agreements import admin_core  # noqa: E402,F401

# isort: split
# The closing part (evaluation rounds, settlements, bills, sanctions).
from agreements import admin_closing  # noqa: E402,F401

# isort: split
# Expenses and plan changes (read-only; decided in the portal's pages).
from agreements import admin_expenses  # noqa: E402,F401

# isort: split
# National matching (R16) and the investment adequacy committee (INV), read-only.
from agreements import admin_national_matching  # noqa: E402,F401

# isort: split
# Money: ledger, instalments, payment batches, guarantees, chained agreements (read-only).
from agreements import admin_money  # noqa: E402,F401
