"""Bank or card statements (통장·카드 거래내역) imported as draft expenses.

CSV (UTF-8 or CP949) or XLSX. The XLSX zip is checked for bombs before openpyxl opens it, and
formulas are read as text, never evaluated. Every text cell that could start a formula is stored
neutralised (`config.spreadsheet.safe_cell`), so no later export runs it. Each line with a date, a
positive amount and a payee becomes a DRAFT expense in the agreement year of its date (it still
needs a category); every other line is kept in `StatementImport.bad_rows` with its row number,
its raw values and the reasons, so nothing is lost. The file itself is stored too.
"""

import csv
import datetime
import hashlib
import io
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.expenses import refuse
from agreements.models import Agreement
from agreements.models.expenses import Expense, ExpenseStatus, StatementImport
from applications.domain.problems import Problem
from config.archives import ZIP_ERRORS, ArchiveRefused, check_zip_bytes
from config.params import MAX_KRW
from config.spreadsheet import safe_cell

MAX_ROWS = 5000
COLUMNS = {  # field → header names recognised (lower case, spaces removed)
    "date": [
        "거래일자",
        "거래일",
        "일자",
        "이용일",
        "이용일자",
        "승인일자",
        "date",
        "transactiondate",
    ],
    "amount": ["출금액", "출금", "금액", "이용금액", "승인금액", "amount", "withdrawal", "debit"],
    "payee": [
        "거래처",
        "가맹점",
        "가맹점명",
        "적요",
        "받는분",
        "payee",
        "merchant",
        "counterparty",
    ],
    "description": ["내용", "메모", "비고", "description", "memo", "note"],
    "reference": ["거래번호", "승인번호", "참조", "reference", "ref", "approvalno"],
}
_DATE_FORMATS = ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d", "%Y. %m. %d", "%Y.%m.%d.")


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


def _header_map(header: list) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = re.sub(r"\s+", "", str(cell or "")).lower()
        for field, names in COLUMNS.items():
            if key in names and field not in found:
                found[field] = i
    return found


def _parse_amount(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = re.sub(r"[,\s원₩]", "", str(value or ""))
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for candidate in (text, text.split(" ")[0] if text else ""):
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def _text(value) -> str:
    """Cell text, neutralised so it can never run as a formula anywhere it is shown or exported;
    characters that cannot be stored (NUL, lone surrogates from `_x0000_`-style escapes) dropped."""
    text = "" if value is None else str(value).replace("\x00", "")
    text = text.encode("utf-8", "ignore").decode("utf-8")
    return safe_cell(text.strip())


def _reason(code: str, ko: str, en: str) -> dict:
    return {"code": code, "message_ko": ko, "message_en": en}


def _check_row(values: list, cols: dict[str, int], years) -> tuple[dict | None, list[dict]]:
    def cell(field):
        i = cols.get(field)
        return values[i] if i is not None and i < len(values) else None

    reasons = []
    spent_on = _parse_date(cell("date"))
    amount = _parse_amount(cell("amount"))
    payee = _text(cell("payee"))
    if spent_on is None:
        reasons.append(
            _reason("date_invalid", "날짜를 읽을 수 없습니다.", "The date cannot be read.")
        )
    if amount is None:
        reasons.append(_reason("amount_invalid", "금액이 숫자가 아닙니다(수식 불가).",
                               "The amount is not a number (formulas are not read)."))  # fmt: skip
    elif amount > MAX_KRW:
        reasons.append(
            _reason("amount_too_large", "금액이 너무 큽니다.", "The amount is too large.")
        )
    elif amount <= 0:
        reasons.append(_reason("amount_not_expense", "출금(양수 금액)이 아닙니다.",
                               "Not a withdrawal (the amount must be positive)."))  # fmt: skip
    if not payee:
        reasons.append(_reason("payee_missing", "거래처가 비어 있습니다.", "The payee is empty."))
    year = None
    if spent_on:
        year = next((y for y in years if y.starts_on <= spent_on <= y.ends_on), None)
        if year is None:
            reasons.append(_reason("date_outside_agreement", "협약 기간 밖의 날짜입니다.",
                                   "The date is outside the agreement period."))  # fmt: skip
    if reasons:
        return None, reasons
    return {
        "year_no": year.year_no, "spent_on": spent_on, "amount_krw": amount, "payee": payee[:200],
        "description": _text(cell("description"))[:300],
        "statement_ref": _text(cell("reference"))[:100],
    }, []  # fmt: skip


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
    while rows and not any(str(c or "").strip() for c in rows[0]):
        rows.pop(0)
    cols = _header_map(rows[0]) if rows else {}
    missing = [f for f in ("date", "amount", "payee") if f not in cols]
    if missing:
        raise _file_problem("statement_columns",
                            "첫 줄에 거래일자·금액·거래처 열 제목이 있어야 합니다.",
                            "The first row must name the date, amount and payee columns.")  # fmt: skip
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise _file_problem("statement_too_long", f"한 번에 {MAX_ROWS}줄까지 가져올 수 있습니다.",
                            f"At most {MAX_ROWS} lines per import.")  # fmt: skip
    years = list(agreement.years.all())
    good, bad = [], []
    for number, values in enumerate(body, start=2):  # row numbers as the spreadsheet shows them
        if not any(str(c or "").strip() for c in values):
            continue
        parsed, reasons = _check_row(values, cols, years)
        if reasons:
            bad.append({"row": number, "values": [_text(v) for v in values], "reasons": reasons})
        else:
            good.append((number, parsed))
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
