"""Lines of a bank or card statement: columns by their header, values parsed and checked, text
neutralised against formula injection. No file reading here (agreements.domain.statements)."""

import datetime
import re

from config.params import MAX_KRW
from config.spreadsheet import safe_cell

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


def header_map(header: list) -> dict[str, int]:
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


def sort_rows(body: list, cols: dict[str, int], years) -> tuple[list, list[dict]]:
    """(good rows as (row number, values), bad rows with number, raw values and reasons).
    Row numbers are as the spreadsheet shows them: the header is row 1."""
    checked = [
        (number, *_check_row(values, cols, years))
        for number, values in enumerate(body, start=2)
        if any(str(c or "").strip() for c in values)
    ]
    good = [(number, parsed) for number, parsed, reasons in checked if not reasons]
    bad = [
        {"row": number, "values": [_text(v) for v in body[number - 2]], "reasons": reasons}
        for number, _parsed, reasons in checked
        if reasons
    ]
    return good, bad
