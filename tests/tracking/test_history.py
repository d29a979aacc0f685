"""The city's printed support record since 2005 (seed 000): every printed total reproduced from its
rows, the one disagreement kept and marked, idempotent loading, page and API access, query count."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.enums import Role
from tests.conftest import client_for
from tracking.domain.history import history_record, load_history
from tracking.models import HistoryTable, HistoryYear, PrintedHistoryTotal

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(db):
    load_history()
    return {t.table: t for t in history_record()}


def test_support_totals_3277_projects_and_599778_million(history):
    t = history[HistoryTable.SUPPORT]
    assert t.computed.values == {
        "projects": 3_277, "projects_new": 2_527, "projects_continuing": 750,
        "amount_million_krw": 599_778,
    }  # fmt: skip
    assert t.printed.values == t.computed.values and not t.mismatches
    assert [r.period for r in t.rows][0] == "2005–2013" and t.rows[-1].period == "2020"
    # cumulative totals: 2020 closes at the printed cumulative figures
    assert t.rows[-1].cumulative == {"projects": 3_277, "amount_million_krw": 599_778}
    assert t.rows[-2].cumulative["amount_million_krw"] == 599_778 - 43_529


def test_commercialisation_totals_503005_sales_and_3384_hires(history):
    t = history[HistoryTable.COMMERCIALISATION]
    assert t.computed.values == {
        "sales_million_krw": 503_005, "cost_savings_million_krw": 45_448, "hires": 3_384,
        "hires_research": 1_276, "hires_production": 1_464, "hires_other": 644,
    }  # fmt: skip
    assert t.printed.values == t.computed.values and not t.mismatches
    assert (t.rows[0].first_year, t.rows[-1].last_year) == (2005, 2019)


def test_research_totals_2348_patents_filed_and_28443_million_transfers(history):
    t = history[HistoryTable.RESEARCH]
    assert t.computed.values == {
        "papers_general": 1_722, "papers_sci": 3_081, "talks": 13_459, "patents_filed": 2_348,
        "patents_registered": 870, "transfers": 855, "transfer_value_million_krw": 28_443,
        "awards_certifications": 1_376,
    }  # fmt: skip
    assert t.printed.values == t.computed.values and not t.mismatches
    last = t.rows[
        -1
    ].values  # 2019, as in the plan's summary: 13 papers, 72 patents filed, 68 awards
    assert last["papers_general"] + last["papers_sci"] == 13
    assert (last["patents_filed"], last["patents_registered"], last["awards_certifications"]) == (
        72, 24, 68,
    )  # fmt: skip


def test_matching_282_projects_28898_million_and_the_2020_disagreement(history):
    t = history[HistoryTable.MATCHING]
    assert t.computed.values == {
        "projects": 282, "amount_million_krw": 28_898, "projects_new": 55,
        "amount_new_million_krw": 5_711, "projects_continuing": 227,
        "amount_continuing_million_krw": 23_084,
    }  # fmt: skip
    assert t.printed.values == t.computed.values
    assert (t.rows[0].first_year, t.rows[0].last_year, t.rows[-1].last_year) == (2004, 2011, 2020)
    # 2020 prints 2,376 but new 1,303 + continuing 970 = 2,273; so the printed 28,898 is 103 more
    # than new 5,711 + continuing 23,084 = 28,795. Both are kept and marked.
    marks = [(p, m.column, m.printed, m.computed) for p, _, m in t.notes]
    assert marks == [
        ("2020", "amount_million_krw", 2_376, 2_273),
        ("2004–2020", "amount_million_krw", 28_898, 28_795),
    ]


def test_every_row_of_the_other_tables_adds_up(history):
    for table in (HistoryTable.SUPPORT, HistoryTable.COMMERCIALISATION, HistoryTable.RESEARCH):
        assert history[table].notes == []


def test_loader_is_idempotent():
    first = load_history()
    assert first == {"history_rows": 30, "printed_history_totals": 4}
    assert load_history() == {"history_rows": 0, "printed_history_totals": 0}
    call_command("load_history")
    assert HistoryYear.objects.count() == 30 and PrintedHistoryTotal.objects.count() == 4


def test_a_new_year_adds_to_the_record(history):
    HistoryYear.objects.create(
        table=HistoryTable.SUPPORT, first_year=2021, last_year=2021, projects=10, projects_new=10,
        projects_continuing=0, amount_million_krw=1_000,
    )  # fmt: skip
    t = {v.table: v for v in history_record()}[HistoryTable.SUPPORT]
    assert t.computed.values["amount_million_krw"] == 600_778
    assert t.rows[-1].cumulative["amount_million_krw"] == 600_778
    assert t.notes[0][2].where == "total"  # the 2020 printed total no longer covers every row
    assert load_history()["history_rows"] == 0  # reloading the seed leaves the new year alone


@pytest.mark.parametrize("role", [None, *Role.values])
def test_page_and_api_are_public(users, history, role):
    user = users.get(role) if role else None
    client = Client()
    if user:
        client.force_login(user)
    page = client.get("/tracking/history/")
    assert page.status_code == 200
    api = client_for(user).get("/api/v1/tracking/history/")
    assert api.status_code == 200


def test_page_shows_the_tables_and_marks_the_disagreement(history):
    html = Client().get("/en/tracking/history/").content.decode()
    assert "<title>Seoul R&D support record since 2005" in html
    assert html.count("<caption>") == 4 and 'scope="col"' in html and 'scope="row"' in html
    for figure in ("599,778", "3,277", "503,005", "3,384", "2,348", "28,443", "28,898", "2,376"):
        assert figure in html
    assert 'id="mismatch-alert-matching"' in html and "2,273" in html and "28,795" in html
    assert 'data-mismatch="amount_million_krw"' in html
    assert "mismatch-alert-support" not in html
    # no raw codes: column keys and table codes appear only inside attributes
    text = re.sub(r"<[^>]+>", " ", html)
    for raw in ("amount_million_krw", "hires_research", "commercialisation", "matching"):
        assert raw not in text


def test_page_in_korean(history):
    html = Client().get("/calls/").content.decode()
    assert 'href="/tracking/history/"' in html  # in the main menu, for everyone
    html = Client().get("/tracking/history/").content.decode()
    assert "<title>서울형 R&D 지원 실적" in html and "매출발생(백만원)" in html


def test_api_rows_with_computed_and_printed_totals(history):
    data = client_for(None).get("/api/v1/tracking/history/").json()
    tables = {t["table"]: t for t in data["tables"]}
    assert set(tables) == set(HistoryTable.values)
    support = tables["support"]
    assert (
        len(support["rows"]) == 8 and support["rows"][0]["values"]["amount_million_krw"] == 442_787
    )
    assert support["computed_total"]["values"]["amount_million_krw"] == 599_778
    assert support["printed_total"]["values"]["amount_million_krw"] == 599_778
    assert support["total_matches_rows"] is True
    matching = tables["matching"]
    assert matching["total_matches_rows"] is False
    assert matching["printed_total"]["mismatches"] == [
        {"column": "amount_million_krw", "printed": 28_898, "computed": 28_795, "where": "row"}
    ]
    assert tables["commercialisation"]["computed_total"]["values"]["sales_million_krw"] == 503_005


def test_page_and_api_query_count(users, history, django_assert_max_num_queries):
    HistoryYear.objects.create(
        table=HistoryTable.RESEARCH, first_year=2020, last_year=2020, talks=1
    )
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    with django_assert_max_num_queries(6):  # session, user, navigation; rows, printed, sums
        assert client.get("/tracking/history/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client_for(None).get("/api/v1/tracking/history/").status_code == 200


def test_catalogue_command_loads_the_record_and_the_budget_overview_links_to_it(users):
    call_command("load_programs")
    call_command("load_programs")
    assert HistoryYear.objects.count() == 30
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    html = client.get("/dashboard/budget/").content.decode()
    assert 'id="history-link"' in html and 'href="/tracking/history/"' in html


def test_the_plans_2020_headline_quotes_the_2019_row(history):
    """'<20년 주요성과>': 968억원 sales and 585 hires; papers 13, talks 35, awards 68, patents 72/24."""
    sales = history[HistoryTable.COMMERCIALISATION].rows[-1].values
    assert (sales["sales_million_krw"], sales["hires"]) == (96_763, 585)  # ≈ 968억원
    assert round(sales["sales_million_krw"] / 100) == 968


def test_empty_record_still_renders(db):
    assert Client().get("/tracking/history/").status_code == 200
    data = client_for(None).get("/api/v1/tracking/history/").json()
    assert all(t["rows"] == [] and t["printed_total"] is None for t in data["tables"])
