"""Spreadsheet cells that never run as formulas (CSV / Excel formula injection, OWASP).

Every export the portal writes (openpyxl workbooks in `*/interfaces/exporters.py`, and the
django-import-export admin export in every format) passes its cells through `safe_cell`: a text
cell whose first character could start a formula (`=`, `+`, `-`, `@`, tab, CR, LF, or their
full-width forms) is prefixed with a single quote, as OWASP recommends. Numbers, dates and booleans
stay what they are; text that is only a number (`-1,200`) cannot be a formula and stays as is.

The admin import reverses the prefix (`restore_cell`), so an export edited and imported again
round-trips, and refuses an XLSX/ODS zip bomb before openpyxl unpacks it (`config.archives`). `tests/test_spreadsheet_injection.py` fails when a module writes spreadsheets without
this module, or when an admin export does not go through `SafeExportMixin`.
"""

import re
from collections.abc import Iterable

import tablib
from import_export.admin import ExportMixin, ImportExportModelAdmin, ImportMixin

from config.archives import ArchiveRefused, check_zip_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")


def _needs_quote(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def safe_cell(value):
    """The value to write into a cell: text that could start a formula gets a leading `'`."""
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(v) for v in values]


def append_row(ws, values: Iterable) -> None:
    """`ws.append(values)` of an openpyxl worksheet, through `safe_cell`."""
    ws.append(safe_row(values))


def restore_cell(value):
    """Inverse of `safe_cell` for imports: `'=x` → `=x`; anything else unchanged."""
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of a tablib dataset with headers and every cell passed through `safe_cell`."""
    return tablib.Dataset(
        *[safe_row(row) for row in dataset],
        headers=safe_row(dataset.headers) if dataset.headers else None,
        title=dataset.title,
    )


def _restored(dataset: tablib.Dataset) -> tablib.Dataset:
    return tablib.Dataset(
        *[[restore_cell(v) for v in row] for row in dataset],
        headers=[restore_cell(h) for h in dataset.headers] if dataset.headers else None,
        title=dataset.title,
    )


_RESTORING_FORMATS: dict[type, type] = {}


def _restoring_format(fmt: type) -> type:
    """The import format `fmt` whose datasets come back with the export quotes removed."""
    if fmt not in _RESTORING_FORMATS:

        def create_dataset(self, in_stream, *args, **kwargs):
            if isinstance(in_stream, bytes):
                check_zip_bytes(in_stream)  # XLSX / ODS are zips: no bomb reaches openpyxl
            return _restored(fmt.create_dataset(self, in_stream, *args, **kwargs))

        _RESTORING_FORMATS[fmt] = type(fmt.__name__, (fmt,), {"create_dataset": create_dataset})
    return _RESTORING_FORMATS[fmt]


class SafeExportMixin(ExportMixin):
    """Admin export whose data, in every format, has no cell that could run as a formula."""

    def get_data_for_export(self, request, queryset, **kwargs):
        return safe_dataset(super().get_data_for_export(request, queryset, **kwargs))


class SafeImportMixin(ImportMixin):
    """Admin import: archives (XLSX, ODS) checked for zip bombs; export quotes removed."""

    def get_import_formats(self):
        return [_restoring_format(f) for f in super().get_import_formats()]

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ArchiveRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)


class SafeImportExportModelAdmin(SafeImportMixin, SafeExportMixin, ImportExportModelAdmin):
    """Use instead of `ImportExportModelAdmin` for every admin with import/export."""
