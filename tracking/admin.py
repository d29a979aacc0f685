from django.contrib import admin

from config.admin_readonly import ReadOnlyAdmin
from config.spreadsheet import SafeImportExportModelAdmin
from tracking.models import HistoryYear, PrintedHistoryTotal, TestbedOutcome, TrackingReport

# The city's printed support record (seed 000): staff add a new year as a new row.
_HISTORY_LIST = ["table", "first_year", "last_year", "projects", "amount_million_krw",
                 "sales_million_krw", "hires", "patents_filed"]  # fmt: skip


@admin.register(HistoryYear)
class HistoryYearAdmin(SafeImportExportModelAdmin):
    list_display = _HISTORY_LIST
    list_filter = ["table"]


@admin.register(PrintedHistoryTotal)
class PrintedHistoryTotalAdmin(SafeImportExportModelAdmin):
    list_display = _HISTORY_LIST
    list_filter = ["table"]


# Reports and follow-up outcomes change through the tracking pages; the admin shows them.
@admin.register(TrackingReport)
class TrackingReportAdmin(ReadOnlyAdmin):
    list_display = ["project", "program", "institution", "report_year_no", "covers_year",
                    "due_on", "status", "submitted_at"]  # fmt: skip
    list_filter = ["status", "program", "covers_year"]
    list_select_related = ["project", "program", "institution"]
    raw_id_fields = ["project", "program", "institution", "submitted_by", "reviewed_by",
                     "obligation"]  # fmt: skip


@admin.register(TestbedOutcome)
class TestbedOutcomeAdmin(ReadOnlyAdmin):
    list_display = ["institution", "group_label", "year", "procurement_krw", "investment_krw",
                    "exports_usd", "mou_count", "is_printed_total"]  # fmt: skip
    list_filter = ["year", "is_printed_total"]
    raw_id_fields = ["institution", "entered_by"]
