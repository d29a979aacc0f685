"""The money dashboard's figures: each level adds up to the level above, to the won; the Excel export
of every level equals the API for the same filters; the number of queries does not grow with the
number of projects (2 and 20)."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from agreements.enums import LedgerKind
from programs.models import Field, Program
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.tracking.money_dash_helpers import KIND_AMOUNTS, funded, world
from tracking.domain.money_dashboard import (
    COHORT_NAMES,
    FIGURE_NAMES,
    money_dashboard,
    project_dashboard,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]
LEDGER_NAMES = ("paid_krw", "used_krw", "unspent_returned_krw", "recovered_krw",
                "royalty_billed_krw", "royalty_paid_krw")  # fmt: skip
PAID = KIND_AMOUNTS[LedgerKind.INSTALMENT_PAID]
USED = KIND_AMOUNTS[LedgerKind.EXPENSE_EXECUTED] - KIND_AMOUNTS[LedgerKind.EXPENSE_DISALLOWED]


def _sum(rows, name):
    return sum(getattr(r, name) for r in rows if r.cohort or name not in COHORT_NAMES)


def test_programme_figures_name_every_source():
    w = world(2)
    dash = money_dashboard(year=2025, program_code="R04")
    t = dash.total
    assert (t.envelope_krw, t.slots, t.calls) == (2_000_000_000, 4, 1)
    assert (t.submitted, t.requested_krw) == (3, 2 * 300_000_001 + 100_000_000)
    assert t.competition_ratio == 0.75
    assert (t.agreements, t.committed_krw) == (2, 600_000_000)
    # the 2024 call's project was paid in fiscal 2025: its money counts, its call does not
    assert t.paid_krw == 3 * PAID and t.used_krw == 3 * USED
    assert t.royalty_billed_krw == 3 * KIND_AMOUNTS[LedgerKind.ROYALTY_BILLED]
    assert t.recovered_krw == 3 * KIND_AMOUNTS[LedgerKind.RECOVERY_PAID]
    assert t.budget_krw is None  # the catalogue's budget lines are of 2020 and 2021
    rows = {r.key: r for r in dash.rows}
    assert set(rows) == {w.calls[0].pk, w.calls[2].pk}
    assert rows[w.calls[0].pk].cohort and not rows[w.calls[2].pk].cohort
    assert rows[w.calls[2].pk].paid_krw == PAID


def test_budget_is_the_catalogue_line_of_the_year_in_won():
    dash = money_dashboard(year=2021, program_code="R04")
    assert dash.total.budget_krw == 4_640 * 1_000_000
    city = money_dashboard(year=2021)
    assert city.total.budget_krw == sum(r.budget_krw or 0 for r in city.rows)


def test_each_level_adds_up_to_the_level_above():
    w = world(2)
    city = money_dashboard(year=2025)
    cluster = next(r for r in city.rows if r.code == Program.objects.get(code="R04").field.code)
    field = money_dashboard(year=2025, field_code=cluster.code)
    program = money_dashboard(year=2025, program_code="R04")
    call = money_dashboard(year=2025, call_id=w.calls[0].pk)
    for name in FIGURE_NAMES:
        if name == "competition_ratio":
            continue
        assert getattr(cluster, name) == getattr(field.total, name), name
        if name != "budget_krw":
            assert _sum(city.rows, name) == getattr(city.total, name), name
            assert _sum(field.rows, name) == getattr(field.total, name), name
            r04 = next(r for r in field.rows if r.code == "R04")
            assert getattr(r04, name) == getattr(program.total, name), name
    for name in LEDGER_NAMES:
        assert _sum(program.rows, name) == getattr(program.total, name), name
        assert _sum(call.rows, name) == getattr(call.total, name), name
        one = project_dashboard(agreement_id=w.agreements[0].pk, year=2025)
        assert getattr(one.figures, name) == getattr(call.rows[0], name)
    assert [r.code for r in call.rows] == sorted(a.verify_code for a in w.agreements[:2])


def _staff_client():
    return client_for(UserFactory(username="money-official", role=Role.OFFICIAL))


def _sheet_rows(content: bytes, sheet="dashboard") -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(content), read_only=True)[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _as_excel(fig: dict) -> list:
    return [fig["code"], fig["name_ko"]] + [fig[n] for n in FIGURE_NAMES]


LEVELS = {
    "city": lambda w: {},
    "field": lambda w: {"field": "cluster"},
    "program": lambda w: {"program": "R04"},
    "call": lambda w: {"call": w.calls[0].pk},
}


@pytest.mark.parametrize("level", list(LEVELS))
def test_excel_equals_the_api_for_the_same_filters(level):
    w = world(2)
    filters = {"year": 2025, **LEVELS[level](w)}
    api = _staff_client().get("/api/v1/dashboard/money/", filters).json()
    assert api["level"] == level
    page = Client()
    page.force_login(UserFactory(username="money-staff", role=Role.STAFF))
    xlsx = page.get("/dashboard/money/export.xlsx", filters)
    assert xlsx.status_code == 200
    rows = _sheet_rows(xlsx.content)
    assert rows[1][1] == 2025
    body = [r[: 2 + len(FIGURE_NAMES)] for r in rows[4:]]
    assert body == [_as_excel(r) for r in api["rows"]] + [_as_excel(api["total"])]
    assert api["total"]["paid_krw"] > 0


def test_project_excel_equals_the_api_and_lists_the_ledger_rows():
    w = world(2)
    agreement = w.agreements[0]
    api = _staff_client().get("/api/v1/dashboard/money/", {"year": 2025, "agreement": agreement.pk})
    data = api.json()
    page = Client()
    page.force_login(UserFactory(username="money-staff", role=Role.STAFF))
    xlsx = page.get(f"/dashboard/money/projects/{agreement.pk}/export.xlsx", {"year": 2025}).content
    assert _sheet_rows(xlsx, "project")[4][: 2 + len(FIGURE_NAMES)] == _as_excel(data["total"])
    ledger = _sheet_rows(xlsx, "ledger")[1:]
    assert [r[4] for r in ledger] == [e["amount_krw"] for e in data["ledger"]]
    assert sorted(e["amount_krw"] for e in data["ledger"]) == sorted(KIND_AMOUNTS.values())


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


PAGES = {
    "city": lambda w: "/dashboard/money/?year=2025",
    "field": lambda w: "/dashboard/money/?year=2025&field=cluster",
    "program": lambda w: "/dashboard/money/programs/R04/?year=2025",
    "call": lambda w: f"/dashboard/money/calls/{w.calls[0].pk}/?year=2025",
    "project": lambda w: f"/dashboard/money/projects/{w.agreements[0].pk}/?year=2025",
    "api city": lambda w: "/api/v1/dashboard/money/?year=2025",
    "api call": lambda w: f"/api/v1/dashboard/money/?year=2025&call={w.calls[0].pk}",
    "export program": lambda w: "/dashboard/money/export.xlsx?year=2025&program=R04",
}
BOUND = 20  # session, user and the level's aggregates: fixed, whatever the number of rows


def test_query_count_does_not_grow_with_the_number_of_projects(django_assert_max_num_queries):
    w = world(2)
    official = UserFactory(username="money-official", role=Role.OFFICIAL)
    client = Client()
    client.force_login(official)
    small = {name: _queries(client, url(w)) for name, url in PAGES.items()}
    for _ in range(18):
        w.agreements.append(funded(w.calls[0]))
    large = {}
    for name, url in PAGES.items():
        with django_assert_max_num_queries(BOUND):
            large[name] = _queries(client, url(w))
    assert large == small, (small, large)
    assert money_dashboard(year=2025, program_code="R04").total.agreements == 20


def test_unknown_codes_are_404_and_bad_years_400():
    client = Client()
    client.force_login(UserFactory(username="money-staff", role=Role.STAFF))
    assert client.get("/dashboard/money/programs/NOPE/").status_code == 404
    assert client.get("/dashboard/money/?field=nope").status_code == 404
    assert client.get("/dashboard/money/calls/999999/").status_code == 404
    assert client.get("/dashboard/money/projects/999999/").status_code == 404
    assert client.get("/dashboard/money/?year=abc").status_code == 400
    api = _staff_client().get("/api/v1/dashboard/money/?year=99999")
    assert api.status_code == 400 and api.json()["field"] == "year"
    assert Field.objects.filter(code="cluster").exists()
