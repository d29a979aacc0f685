"""Formula injection (CSV / Excel): every export writes text that could start a formula as inert text.

One helper (`config.spreadsheet.safe_cell`) is used by every exporter; the guard tests below fail
when a module writes spreadsheets without it, or when an admin export bypasses it.
"""

import ast
import csv
import io
from io import BytesIO
from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from import_export.admin import ExportMixin, ImportMixin
from openpyxl import load_workbook

from accounts.enums import Role
from config.spreadsheet import (
    SafeExportMixin,
    SafeImportMixin,
    restore_cell,
    safe_cell,
    safe_dataset,
)
from tests.factories import UserFactory

EVIL = '=HYPERLINK("http://x","y")'
ATTACKS = [EVIL, "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(1,1)", "\t=1+1", "\r=1+1", "  =1+1",
           "\uff1d1+1"]  # fmt: skip


def assert_inert(cell, original: str):
    """An openpyxl cell read back: a string starting with a quote, never a formula."""
    assert cell.data_type == "s", (cell.coordinate, cell.data_type, cell.value)
    assert cell.value == "'" + original


# --- the helper ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ATTACKS)
def test_safe_cell_quotes_formula_starts_and_restore_reverses(text):
    assert safe_cell(text) == "'" + text
    assert restore_cell(safe_cell(text)) == text


@pytest.mark.parametrize(
    "value",
    [0, -5, 12.5, 400_000_000, None, True, "-5", "+12", "-1,234.5", "연구", "a=b", "'quoted", ""],
)
def test_safe_cell_leaves_numbers_and_plain_text(value):
    assert safe_cell(value) == value
    assert restore_cell(value) == value


def test_safe_dataset_keeps_numbers_numbers():
    data = tablib.Dataset([EVIL, -5, 3.5], headers=["=h", "n", "f"])
    out = safe_dataset(data)
    assert out.headers == ["'=h", "n", "f"] and list(out[0]) == ["'" + EVIL, -5, 3.5]


# --- applications export (staff, per call) ------------------------------------------------------


def test_applications_export_title_is_inert(catalogue):
    from tests.applications.factories import complete_application

    app = complete_application(title_ko=EVIL)
    staff = UserFactory(username="staff-export", role=Role.STAFF)
    c = Client()
    c.force_login(staff)
    r = c.get(f"/applications/calls/{app.call_id}/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    row = ws[2]
    assert_inert(row[3], EVIL)
    assert row[8].value == 400_000_000 and row[8].data_type == "n"  # numbers stay numbers


# --- budget overview export (officials) ----------------------------------------------------------


def test_budget_export_programme_name_is_inert(users, catalogue):
    from programs.models import Program

    Program.objects.filter(code="R08").update(name_ko=EVIL, name_en=EVIL)
    c = Client()
    c.force_login(users[Role.OFFICIAL])
    for url in ("/dashboard/budget.xlsx", "/en/dashboard/budget.xlsx"):
        r = c.get(url)
        assert r.status_code == 200
        ws = load_workbook(BytesIO(r.content))["2021"]
        (row,) = [row for row in ws.iter_rows(min_row=3) if row[0].value == "R08"]
        assert_inert(row[1], EVIL)
        assert row[5].value == 9_500 and row[5].data_type == "n"


# --- admin import-export (django-import-export), every format ------------------------------------


def _superuser():
    return UserFactory(username="admin-export", role=Role.STAFF, is_superuser=True, is_staff=True)


def _admin_export(model, fmt_name: str, user):
    model_admin = admin.site._registry[model]
    formats = {f.__name__: f for f in model_admin.get_export_formats()}
    request = RequestFactory().get("/admin/")
    request.user = user
    return model_admin.get_export_data(formats[fmt_name](), request, model.objects.all())


def test_admin_export_xlsx_is_inert_and_keeps_numbers(catalogue):
    from programs.models import Program

    Program.objects.filter(code="R08").update(name_ko=EVIL)
    data = _admin_export(Program, "XLSX", _superuser())
    ws = load_workbook(BytesIO(data)).active
    headers = [c.value for c in ws[1]]
    (row,) = [r for r in ws.iter_rows(min_row=2) if r[headers.index("code")].value == "R08"]
    assert_inert(row[headers.index("name_ko")], EVIL)
    grant = row[headers.index("max_grant_krw")]
    assert grant.data_type == "n" and isinstance(grant.value, int)


def test_admin_export_csv_is_inert_and_import_round_trips(catalogue):
    from programs.models import Program

    Program.objects.filter(code="R08").update(name_ko=EVIL)
    data = _admin_export(Program, "CSV", _superuser())
    rows = list(csv.DictReader(io.StringIO(data)))
    (r08,) = [r for r in rows if r["code"] == "R08"]
    assert r08["name_ko"] == "'" + EVIL
    # The admin import removes the quote again: an exported file imports to the same text.
    model_admin = admin.site._registry[Program]
    (csv_format,) = [f for f in model_admin.get_import_formats() if f.__name__ == "CSV"]
    dataset = csv_format().create_dataset(data)
    assert dataset.dict[[r["code"] for r in rows].index("R08")]["name_ko"] == EVIL


@pytest.mark.django_db
def test_admin_export_all_formats_of_every_admin_are_inert():
    """Every admin that exports, in every format it offers, writes no formula."""
    exporting = [(m, a) for m, a in admin.site._registry.items() if isinstance(a, ExportMixin)]
    assert exporting
    for model, model_admin in exporting:
        assert isinstance(model_admin, SafeExportMixin), model
        if isinstance(model_admin, ImportMixin):
            assert isinstance(model_admin, SafeImportMixin), model
        dataset = safe_dataset(tablib.Dataset([EVIL, 7], headers=["t", "n"]))
        for fmt in model_admin.get_export_formats():
            out = fmt().export_data(dataset)
            if fmt.__name__ == "XLSX":
                cell = load_workbook(BytesIO(out)).active["A2"]
                assert_inert(cell, EVIL)
            else:
                text = out.decode() if isinstance(out, bytes) else out
                assert EVIL not in text.replace("'" + EVIL, "").replace(
                    "'" + EVIL.replace('"', '""'), ""
                ), (model, fmt)


# --- guard: no module writes spreadsheets without the helper -------------------------------------

SPREADSHEET_MODULES = {"openpyxl", "csv", "tablib", "xlsxwriter", "xlwt", "import_export", "odf"}
EXEMPT = {"config/spreadsheet.py"}


def _imports(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.add(node.module.split(".")[0])
    return found


def test_every_spreadsheet_writer_uses_the_helper():
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in {".venv", "tests", "bench", "var", "node_modules"} or (
            "/migrations/" in rel or rel in EXEMPT
        ):
            continue
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
        if imported & SPREADSHEET_MODULES and "config.spreadsheet" not in imported:
            offenders.append(rel)
    assert not offenders, (
        "These modules write spreadsheets without config.spreadsheet (safe_cell / append_row / "
        f"SafeImportExportModelAdmin): {offenders}"
    )


# --- admin import: an XLSX zip bomb is refused before openpyxl unpacks it ------------------------


def test_admin_import_refuses_xlsx_zip_bomb(catalogue):
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    from programs.models import Program

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    bomb = buf.getvalue()
    assert len(bomb) < 100_000
    model_admin = admin.site._registry[Program]
    formats = [f.__name__ for f in model_admin.get_import_formats()]
    c = Client()
    c.force_login(_superuser())
    count = Program.objects.count()
    r = c.post("/admin/programs/program/import/", {
        "format": formats.index("XLSX"), "resource": 0,
        "import_file": SimpleUploadedFile("programs.xlsx", bomb),
    })  # fmt: skip
    assert r.status_code == 200
    page = r.content.decode()
    assert "압축 폭탄" in page and "zip bomb" in page
    assert Program.objects.count() == count


def _writes_around_helper(tree) -> list[int]:
    """Lines of a module that write worksheet cells directly: `x.append(...)` not wrapped in
    safe_row, `x.cell(..., value=...)` or `x.value = ...` not wrapped in safe_cell."""

    def wrapped(node, helper: str) -> bool:
        return (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == helper
        )

    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "append" and not (node.args and wrapped(node.args[0], "safe_row")):
                lines.append(node.lineno)
            if node.func.attr == "cell" and any(
                k.arg == "value" and not wrapped(k.value, "safe_cell") for k in node.keywords
            ):
                lines.append(node.lineno)
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Attribute) and t.attr == "value" for t in node.targets
        ):
            if not wrapped(node.value, "safe_cell"):
                lines.append(node.lineno)
    return lines


def test_workbook_cells_are_written_through_the_helper():
    root = Path(settings.BASE_DIR)
    offenders = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in {".venv", "tests", "bench", "var"} or rel in EXEMPT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if {"openpyxl", "xlsxwriter", "csv"} & _imports(tree) and (
            lines := _writes_around_helper(tree)
        ):
            offenders[rel] = lines
    assert not offenders, (
        "Write spreadsheet cells with config.spreadsheet.append_row / safe_row / safe_cell: "
        f"{offenders}"
    )
