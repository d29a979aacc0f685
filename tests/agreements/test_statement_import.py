"""Bank/card statements imported as draft expenses: bad rows by number, formulas neutralised."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from agreements.domain.expenses import (
    ExpenseRefused,
    complete_draft,
    discard_draft,
    import_statement,
)
from agreements.enums import LedgerKind
from agreements.models import LedgerEntry
from agreements.models.expenses import Expense, ExpenseStatus
from applications.domain.attachments import bytes_file
from tests.agreements.factories import agreement_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(catalogue):
    return agreement_for()


def csv_file(text: str, name="statement.csv"):
    return bytes_file(text.encode("utf-8-sig"), name)


def run(agreement, file):
    return import_statement(agreement=agreement, file=file, actor=agreement.application.applicant)


STATEMENT = (
    "거래일자,출금액,거래처,내용,거래번호\n"
    '2026-10-05,"1,200,000",(주)시약상사,시약 구입,T-1\n'
    "2026/10/06,abc,문구점,종이,T-2\n"
    "2026.10.07,-50000,이자,입금,T-3\n"
    "2031-01-01,10000,먼미래,기간 밖,T-4\n"
    ",,,,\n"
    '20261008,330000원,"=HYPERLINK(""http://evil"",""x"")",@SUM(A1),T-5\n'
    "2026-10-09,=1+2,수식금액,,T-6\n"
)


def test_good_rows_become_drafts_and_bad_rows_are_kept_with_row_numbers(agreement):
    stmt = run(agreement, csv_file(STATEMENT))
    drafts = list(Expense.objects.filter(statement=stmt).order_by("statement_row"))
    assert [(d.statement_row, d.amount_krw, d.spent_on) for d in drafts] == [
        (2, 1_200_000, dt.date(2026, 10, 5)),
        (7, 330_000, dt.date(2026, 10, 8)),
    ]
    assert all(d.status == ExpenseStatus.DRAFT and d.category == "" for d in drafts)
    assert drafts[0].statement_ref == "T-1" and drafts[0].year_no == 1
    bad = {b["row"]: [r["code"] for r in b["reasons"]] for b in stmt.bad_rows}
    assert bad == {3: ["amount_invalid"], 4: ["amount_not_expense"],
                   5: ["date_outside_agreement"], 8: ["amount_invalid"]}  # fmt: skip
    assert stmt.bad_rows[0]["values"][2] == "문구점"  # raw values kept: nothing lost
    assert (stmt.rows_total, stmt.rows_imported) == (6, 2)
    assert stmt.file.read().decode("utf-8-sig") == STATEMENT  # the file itself is stored
    assert not LedgerEntry.objects.exists()  # drafts post nothing


def test_formula_injection_cells_are_neutralised(agreement):
    stmt = run(agreement, csv_file(STATEMENT))
    draft = Expense.objects.get(statement=stmt, statement_row=7)
    assert draft.payee.startswith("'=HYPERLINK(")
    assert draft.description == "'@SUM(A1)"


def test_xlsx_formulas_are_read_as_text_never_evaluated(agreement):
    wb = Workbook()
    ws = wb.active
    ws.append(["이용일자", "이용금액", "가맹점명", "메모"])
    ws.append([dt.datetime(2026, 10, 5), 45_000, "=CMD|' /C calc'!A0", "택시"])
    ws.append([dt.date(2026, 10, 6), "=2*1000", "식당", "회의비"])
    buf = io.BytesIO()
    wb.save(buf)
    stmt = run(agreement, bytes_file(buf.getvalue(), "card.xlsx"))
    draft = Expense.objects.get(statement=stmt)
    assert draft.payee == "'=CMD|' /C calc'!A0" and draft.amount_krw == 45_000
    assert stmt.bad_rows[0]["row"] == 3
    assert stmt.bad_rows[0]["values"][1] == "'=2*1000"


def test_cp949_csv_is_read(agreement):
    text = "거래일자,금액,적요\n2026-10-05,1000,편의점\n"
    stmt = run(agreement, bytes_file(text.encode("cp949"), "kb.csv"))
    assert Expense.objects.get(statement=stmt).payee == "편의점"


@pytest.mark.parametrize("data,code", [
    (b"", "file_empty"),
    ("날짜,값\n2026-10-05,1\n".encode(), "statement_columns"),
    (b"PK\x03\x04garbage", "statement_unreadable"),
    (b"\xff\xfe\x00\x00\x81", "statement_encoding"),
])  # fmt: skip
def test_unreadable_files_are_refused_with_a_reason(agreement, data, code):
    with pytest.raises(ExpenseRefused) as exc:
        run(agreement, bytes_file(data, "x.csv"))
    assert exc.value.code == code and exc.value.problems[0].field == "file"


def test_the_same_statement_twice_is_refused(agreement):
    run(agreement, csv_file(STATEMENT))
    with pytest.raises(ExpenseRefused) as exc:
        run(agreement, csv_file(STATEMENT))
    assert exc.value.code == "statement_duplicate"
    assert Expense.objects.count() == 2


def test_a_draft_gets_its_category_and_then_posts_to_the_ledger(agreement):
    stmt = run(agreement, csv_file(STATEMENT))
    draft = Expense.objects.get(statement=stmt, statement_row=2)
    applicant = agreement.application.applicant
    with pytest.raises(ExpenseRefused) as exc:
        complete_draft(expense=draft, actor=applicant, category="")
    assert exc.value.problems[0].field == "category"
    done, warnings = complete_draft(expense=draft, actor=applicant, category="materials")
    assert done.status == ExpenseStatus.RECORDED and warnings == []
    assert done.executed_entry.kind == LedgerKind.EXPENSE_EXECUTED
    other = Expense.objects.get(statement=stmt, statement_row=7)
    discarded = discard_draft(expense=other, actor=applicant, reason="개인 카드 사용분")
    assert discarded.status == ExpenseStatus.DISCARDED
    assert LedgerEntry.objects.count() == 1
