from django.contrib import admin

from config.spreadsheet import SafeImportExportModelAdmin
from tracking.models import HistoryYear, PrintedHistoryTotal

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
