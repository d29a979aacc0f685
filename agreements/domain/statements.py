"""Bank or card statements (통장·카드 거래내역) imported as draft expenses.

CSV (UTF-8 or CP949) or XLSX. The XLSX zip is checked for bombs before openpyxl opens it, and
formulas are read as text, never evaluated. Every text cell that could start a formula is stored
neutralised (`config.spreadsheet.safe_cell`), so no later export runs it. Each line with a date, a
positive amount and a payee becomes a DRAFT expense in the agreement year of its date (it still
needs a category); every other line is kept in `StatementImport.bad_rows` with its row number,
its raw values and the reasons, so nothing is lost. The file itself is stored too.
"""

import csv
import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.expenses import refuse
from agreements.domain.statement_rows import header_map, sort_rows
from agreements.models import Agreement
from agreements.models.expenses import Expense, ExpenseStatus, StatementImport
from applications.domain.problems import Problem
from config.archives import ZIP_ERRORS, ArchiveRefused, check_zip_bytes
from config.spreadsheet import safe_row

MAX_ROWS = 5000


def _file_problem(code: str, ko: str, en: str) -> Exception:
    return refuse([Problem(code, "file", ko, en)])


def _rows_from_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _file_problem("statement_encoding", "CSV 파일의 문자 인코딩을 읽을 수 없습니다(UTF-8 또는 CP949).",
                            "The CSV file's encoding cannot be read (UTF-8 or CP949).")  # fmt: skip
    if "\x00" in text:
        raise _file_problem(
            "statement_unreadable", "CSV 파일이 아닙니다.", "This is not a CSV file."
        )
    try:
        return [row for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise _file_problem("statement_unreadable", "CSV 파일을 읽을 수 없습니다.",
                            "The CSV file cannot be read.") from exc  # fmt: skip


def _rows_from_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        check_zip_bytes(data)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(max_row=MAX_ROWS + 2, values_only=True)]
        wb.close()
    except ArchiveRefused as exc:
        raise _file_problem(exc.code, exc.message_ko, exc.message_en) from exc
    except (*ZIP_ERRORS, IndexError, TypeError) as exc:
        raise _file_problem("statement_unreadable", "엑셀 파일을 읽을 수 없습니다.",
                            "The Excel file cannot be read.") from exc  # fmt: skip
    return rows


def import_statement(*, agreement: Agreement, file: UploadedFile, actor: User) -> StatementImport:
    """Read a CSV/XLSX statement into draft expenses; bad rows are reported by row number."""
    if file is None or not file.size:
        raise _file_problem("file_empty", "파일을 선택하십시오.", "Choose a file.")
    if file.size > settings.MAX_UPLOAD_FILE_BYTES:
        raise _file_problem("file_too_large", "파일이 너무 큽니다.", "The file is too large.")
    data = file.read()
    sha = hashlib.sha256(data).hexdigest()
    if StatementImport.objects.filter(agreement=agreement, sha256=sha).exists():
        raise _file_problem("statement_duplicate", "이미 가져온 거래내역 파일입니다.",
                            "This statement file was already imported.")  # fmt: skip
    rows = _rows_from_xlsx(data) if data[:4] == b"PK\x03\x04" else _rows_from_csv(data)
    rows = [safe_row(row) for row in rows]  # every text cell neutralised as it is read
    while rows and not any(str(c or "").strip() for c in rows[0]):
        rows.pop(0)
    cols = header_map(rows[0]) if rows else {}
    missing = [f for f in ("date", "amount", "payee") if f not in cols]
    if missing:
        raise _file_problem("statement_columns",
                            "첫 줄에 거래일자·금액·거래처 열 제목이 있어야 합니다.",
                            "The first row must name the date, amount and payee columns.")  # fmt: skip
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise _file_problem("statement_too_long", f"한 번에 {MAX_ROWS}줄까지 가져올 수 있습니다.",
                            f"At most {MAX_ROWS} lines per import.")  # fmt: skip
    good, bad = sort_rows(body, cols, list(agreement.years.all()))
    with transaction.atomic():
        stmt = StatementImport(
            agreement=agreement, original_name=(file.name or "statement")[:255], sha256=sha,
            rows_total=len(good) + len(bad), rows_imported=len(good), bad_rows=bad,
            uploaded_by=actor,
        )  # fmt: skip
        stmt.file.save(file.name or "statement", ContentFile(data), save=False)
        stmt.save()
        Expense.objects.bulk_create([
            Expense(agreement=agreement, institution_id=agreement.lead_institution_id,
                    statement=stmt, statement_row=number, status=ExpenseStatus.DRAFT, **parsed)
            for number, parsed in good
        ])  # fmt: skip
        record_audit(actor=actor, action="expense.import", target=agreement,
                     after={"statement": stmt.pk, "sha256": sha, "imported": len(good),
                            "bad_rows": [b["row"] for b in bad]})  # fmt: skip
    return stmt
