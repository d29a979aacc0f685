"""Officials' budget overview: API numbers, the printed-total mismatch, Excel export, query counts."""

import re
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from accounts.enums import Role
from tests.conftest import client_for
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_summary_2021_matches_the_printed_total(users, catalogue):
    data = client_for(users[Role.OFFICIAL]).get("/api/v1/budget/summary/?year=2021").json()
    assert data["total_million_krw"] == 38_288 == data["printed_total_million_krw"]
    assert data["total_mismatch"] is False
    assert data["project_total_million_krw"] == 34_656
    assert data["operating_million_krw"] == 3_577
    assert data["joint_operating_million_krw"] == 55
    assert data["total_with_matching_million_krw"] == 40_561
    assert data["national_matching"] == {
        "city_million_krw": 2_273,
        "national_million_krw": 17_040,
        "continuing": 19,
    }
    by_field = {r["code"]: r["amount_million_krw"] for r in data["by_field"]}
    assert by_field == {
        "commercialisation": 7_260,
        "cluster": 10_820,
        "challenge": 12_412,
        "untact": 4_100,
        "exchange": 64,
    }
    assert sum(by_field.values()) == data["project_total_million_krw"]
    assert not any(r["mismatch"] for r in data["by_field"])
    by_program = {r["code"]: r["amount_million_krw"] for r in data["by_program"]}
    assert by_program["R08"] == 9_500 and by_program["R01"] == 5_960


def test_summary_2020_flags_the_printed_total(users, catalogue):
    data = client_for(users[Role.STAFF]).get("/api/v1/budget/summary/?year=2020").json()
    assert data["printed_total_million_krw"] == 47_392
    assert data["total_million_krw"] == 47_663  # 43,529 + 4,001 + 103 + 30
    assert data["total_mismatch"] is True


@pytest.mark.parametrize(("query", "code"), [("?year=1999", 404), ("?year=abc", 400)])
def test_summary_bad_year(users, catalogue, query, code):
    response = client_for(users[Role.OFFICIAL]).get("/api/v1/budget/summary/" + query)
    assert response.status_code == code


def test_dashboard_shows_mismatch_for_2020_only(users, catalogue):
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    page_2020 = client.get("/dashboard/budget/?year=2020").content.decode()
    assert 'data-mismatch="total"' in page_2020 and 'id="mismatch-alert"' in page_2020
    assert "47,392" in page_2020 and "47,663" in page_2020
    page_2021 = client.get("/dashboard/budget/?year=2021").content.decode()
    assert 'data-mismatch="total"' not in page_2021
    assert "38,288" in page_2021
    assert 'id="chart-data"' in page_2021 and "field-chart" in page_2021


def test_dashboard_query_count(users, catalogue, django_assert_max_num_queries):
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    # session + user, years, two summaries (3 queries each); independent of the number of lines.
    with django_assert_max_num_queries(10):
        response = client.get("/dashboard/budget/?year=2021")
    assert response.status_code == 200


def test_call_list_api_query_count(users, catalogue, django_assert_max_num_queries):
    CallFactory.create_batch(15, programs=["INV", "R05"])
    client = client_for(users[Role.APPLICANT])
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/calls/")
    assert len(response.json()) == 15
    assert set(response.json()[0]["programs"]) == {"INV", "R05"}


def test_call_list_page_query_count(catalogue, django_assert_max_num_queries):
    CallFactory.create_batch(15, programs=["INV", "R05"])
    with django_assert_max_num_queries(4):
        response = Client().get("/calls/")
    assert len(re.findall(r'href="/calls/\d+/"', response.content.decode())) == 15


def test_excel_export_numbers(users, catalogue):
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    assert client.get("/dashboard/budget.xlsx").status_code == 200  # Korean labels
    response = client.get("/en/dashboard/budget.xlsx")  # English labels, same numbers
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == ["2020", "2021"]

    def labelled(ws) -> dict:
        return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}

    ws21 = wb["2021"]
    programmes = {
        row[0]: row[5] for row in ws21.iter_rows(min_row=3, values_only=True) if row[0] == "R08"
    }
    assert programmes == {"R08": 9_500}
    values21 = labelled(ws21)
    assert 38_288 in values21.values()
    assert values21["Total (computed)"] == 38_288
    assert values21["Total (printed in the plan)"] == 38_288
    assert values21["Project budget"] == 34_656
    ws20 = wb["2020"]
    cells20 = [c for row in ws20.iter_rows(values_only=True) for c in row if c is not None]
    assert 47_663 in cells20 and 47_392 in cells20
    assert -271 in cells20 or 271 in cells20  # the printed total minus the computed one


def test_english_call_list(catalogue):
    CallFactory(programs=["INV"], title="국문 공고", title_en="English call title")
    en = Client().get("/en/calls/")
    assert en.status_code == 200
    html = en.content.decode()
    assert '<html lang="en">' in html
    assert "Calls for proposals" in html and "English call title" in html
    ko = Client().get("/calls/").content.decode()
    assert '<html lang="ko">' in ko and "국문 공고" in ko
