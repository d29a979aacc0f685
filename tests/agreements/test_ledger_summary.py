"""One ledger: a project's balance, programme-year and city totals are sums of the same rows; the
ledger always balances (paid = used + unspent + disallowed-recovered); API = Excel to the won;
each summary is one query."""

import datetime as dt
import io

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from accounts.enums import Role
from agreements.domain.ledger import post_entry
from agreements.domain.money_summary import (
    KINDS,
    city_totals,
    programme_year_totals,
    project_money,
)
from agreements.enums import LedgerKind as K
from tests.agreements.factories import agreement_for
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]

DAYS = st.dates(min_value=dt.date(2026, 10, 1), max_value=dt.date(2027, 12, 31))
AMOUNT = st.integers(min_value=1, max_value=900_000_000)


def post(agreement, kind, amount, day=dt.date(2026, 11, 2), **kw):
    return post_entry(agreement=agreement, kind=kind, amount_krw=amount, occurred_on=day,
                      actor=None, **kw)  # fmt: skip


@pytest.fixture
def two():
    return agreement_for(), agreement_for()


# --- the property: the ledger always balances ---------------------------------------------------

step = st.tuples(st.sampled_from(["pay", "cash", "spend", "disallow"]), st.integers(0, 1), AMOUNT,
                 DAYS)  # fmt: skip


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_ledger_always_balances(two, steps):
    with transaction.atomic():
        expected = [dict.fromkeys(("P", "C", "E", "D"), 0) for _ in two]
        for op, which, amount, day in steps:
            a, m = two[which], expected[which]
            available = m["P"] + m["C"] - m["E"]
            if op == "pay":
                post(a, K.INSTALMENT_PAID, amount, day, year_no=1)
                m["P"] += amount
            elif op == "cash":
                post(a, K.CASH_DEPOSITED, amount, day)
                m["C"] += amount
            elif op == "spend" and available > 0:
                amount = min(amount, available)
                post(a, K.EXPENSE_EXECUTED, amount, day, category="materials")
                m["E"] += amount
            elif op == "disallow" and m["E"] - m["D"] > 0:
                amount = min(amount, m["E"] - m["D"])
                post(a, K.EXPENSE_DISALLOWED, amount, day)
                m["D"] += amount
            # at every step: the balance is what was posted, and the three views agree
            money = project_money(agreement_id=a.pk)
            assert money.balance == m["P"] + m["C"] - m["E"]
            assert money.used == m["E"] - m["D"]
        _assert_views_agree(two)
        # settlement (after the final evaluation): the grant not used goes back, the disallowed
        # amount is billed and paid as a recovery
        for a, m in zip(two, expected, strict=True):
            unspent = m["P"] + m["C"] - m["E"]
            if unspent:
                post(a, K.UNSPENT_RETURNED, unspent, dt.date(2028, 1, 15))
            if m["D"]:
                post(a, K.RECOVERY_BILLED, m["D"], dt.date(2028, 1, 15))
                assert project_money(agreement_id=a.pk).recovery_outstanding == m["D"]
                post(a, K.RECOVERY_PAID, m["D"], dt.date(2028, 2, 1))
            money = project_money(agreement_id=a.pk)
            # paid (+ the institution's cash) = used + unspent + disallowed-recovered
            assert (
                money.paid + money.cash == money.used + money.unspent_returned + money.recovery_paid
            )
            assert money.balance == 0 and money.recovery_outstanding == 0
            if m["C"] == 0:
                assert money.grant_open == 0
        _assert_views_agree(two)
        transaction.set_rollback(True)


def _assert_views_agree(agreements):
    projects = [project_money(agreement_id=a.pk) for a in agreements]
    city = city_totals()
    rows = programme_year_totals()
    for kind in KINDS:
        assert (
            city.k(kind) == sum(p.k(kind) for p in projects) == sum(r.money.k(kind) for r in rows)
        )
    for year in {r.fiscal_year for r in rows}:
        year_city = city_totals(fiscal_year=year)
        assert year_city.balance == sum(r.money.balance for r in rows if r.fiscal_year == year)


# --- totals split by programme and fiscal year ----------------------------------------------------


def test_programme_year_rows_split_by_fiscal_year(two):
    a, b = two
    post(a, K.INSTALMENT_PAID, 400_000_000, dt.date(2026, 10, 10))
    post(a, K.EXPENSE_EXECUTED, 1_000, dt.date(2027, 1, 3))
    post(b, K.INSTALMENT_PAID, 7, dt.date(2027, 2, 3))
    rows = {(r.program_code, r.fiscal_year): r.money for r in programme_year_totals()}
    code = a.program.code
    assert rows[(code, 2026)].paid == 400_000_000
    assert rows[(code, 2027)].paid == 7 and rows[(code, 2027)].executed == 1_000
    only_2027 = programme_year_totals(fiscal_year=2027)
    assert [r.fiscal_year for r in only_2027] == [2027]
    assert city_totals(fiscal_year=2026).paid == 400_000_000


# --- API = Excel, to the won --------------------------------------------------------------------


def _rich_ledger(a):
    post(a, K.INSTALMENT_PAID, 400_000_000, year_no=1, reference="SBA-PAY-000001")
    post(a, K.CASH_DEPOSITED, 13_334_000)
    post(a, K.EXPENSE_EXECUTED, 123_456_789, category="personnel", institution=a.lead_institution)
    post(a, K.EXPENSE_DISALLOWED, 1_000_001, category="personnel", note="=HYPERLINK(x)")
    post(a, K.ROYALTY_BILLED, 12_345_678)
    post(a, K.ROYALTY_PAID, 2_345_678)


def test_api_and_excel_agree_to_the_won(two):
    a = two[0]
    _rich_ledger(a)
    user = UserFactory(role=Role.STAFF)
    api = client_for(user).get(f"/api/v1/agreements/{a.pk}/ledger/").json()
    c = Client()
    c.force_login(user)
    wb = load_workbook(io.BytesIO(c.get(f"/agreements/{a.pk}/ledger.xlsx").content))
    sheet_rows = [[cell.value for cell in r] for r in wb["ledger"].iter_rows(min_row=2)]
    assert [r[5] for r in sheet_rows] == [row["amount_krw"] for row in api["rows"]]
    assert [r[0].date().isoformat() for r in sheet_rows] == [
        row["occurred_on"] for row in api["rows"]
    ]
    summary = {r[0].value: r[1].value for r in wb["summary"].iter_rows(min_row=4) if r[0].value}
    assert (
        summary["계좌 잔액 Account balance"]
        == api["balance"]["balance_krw"]
        == (400_000_000 + 13_334_000 - 123_456_789)
    )
    assert (
        summary["기술료 미납 Royalty outstanding"]
        == api["balance"]["royalty_outstanding_krw"]
        == 10_000_000
    )
    assert sum(r[5] for r in sheet_rows) == sum(api["balance"]["by_kind"].values())
    assert sheet_rows[3][7] == "'=HYPERLINK(x)"  # a note never runs as a formula
    # the programme-year export and the summary API agree as well
    s_api = client_for(user).get("/api/v1/money/summary/").json()
    ws = load_workbook(io.BytesIO(c.get("/agreements/money/summary.xlsx").content)).active
    header = [cell.value for cell in ws[1]]
    col = header.index("계좌 잔액 Account balance")
    total_row = [cell.value for cell in ws[ws.max_row]]
    assert total_row[col] == s_api["city"]["balance_krw"]
    assert s_api["programme_years"][0]["paid_krw"] == 400_000_000


# --- one query each, whatever the number of rows -------------------------------------------------


def test_each_summary_is_one_query(two, django_assert_num_queries):
    for a in two:
        _rich_ledger(a)
    with django_assert_num_queries(1):
        project_money(agreement_id=two[0].pk)
    with django_assert_num_queries(2):  # the aggregate, and the catalogue's programme names
        rows = programme_year_totals()
    assert {r.program_code for r in rows} == {two[0].program.code, two[1].program.code}
    with django_assert_num_queries(1):
        city_totals(fiscal_year=2026)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_and_api_queries_do_not_grow_with_rows(two):
    a = two[0]
    user = UserFactory(role=Role.STAFF)
    c = Client()
    c.force_login(user)
    api = client_for(user)
    urls = [f"/agreements/{a.pk}/ledger/", "/agreements/money/", f"/agreements/{a.pk}/ledger.xlsx"]
    _rich_ledger(a)
    [_count(c, u) for u in urls]  # warm-up: per-process caches (content types, session)
    before = [_count(c, u) for u in urls] + [_count(api, f"/api/v1/agreements/{a.pk}/ledger/")]
    for _ in range(5):
        _rich_ledger(a)
        _rich_ledger(two[1])
    after = [_count(c, u) for u in urls] + [_count(api, f"/api/v1/agreements/{a.pk}/ledger/")]
    assert after == before
    assert max(after) <= 12
