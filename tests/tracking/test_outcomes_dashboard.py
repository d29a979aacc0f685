"""The outcomes dashboard (/tracking/outcomes/), its Excel and PDF exports and the summary API:
who may read them, query counts that do not grow with the reports, the exports equal the API."""

import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.enums import Role
from tests.factories import UserFactory
from tests.tracking.outcomes_helpers import tracked_report, with_history

pytestmark = pytest.mark.django_db
API = "/api/v1/tracking/outcomes/summary/"
PAGES = ["outcomes_dash:dashboard", "outcomes_dash:export-xlsx", "outcomes_dash:export-pdf"]


@pytest.fixture
def data(catalogue):
    with_history()
    tracked_report(program="R04", covers_year=2026, sales_krw=7_654_321_000, hires_research=4,
                   hires_production=2, patents_registered=1, transfers=2)  # fmt: skip
    tracked_report(program="R08", covers_year=2027, sales_krw=1_000_000_000, talks=3)


def _as(client, role):
    if role is not None:
        client.force_login(UserFactory(role=role))
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OFFICIAL, 200), (Role.STAFF, 200), (Role.APPLICANT, 403), (Role.EVALUATOR, 403),
     (Role.OPERATOR, 403), (None, "login")],
)  # fmt: skip
def test_access_by_role(client, data, role, status, settings):
    settings.LANGUAGE_CODE = "ko"
    _as(client, role)
    for name in (
        PAGES if role in (Role.APPLICANT, Role.EVALUATOR, Role.OPERATOR, None) else PAGES[:2]
    ):
        response = client.get(reverse(name))
        if status == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == status, name
    api = client.get(API)
    assert api.status_code == (status if status != "login" else api.status_code)
    if status == "login":
        assert api.status_code in (401, 403)


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.STAFF])
def test_nobody_changes_anything_here(client, data, role):
    _as(client, role)
    assert client.post(reverse("outcomes_dash:dashboard")).status_code == 405
    assert client.post(API, {}).status_code in (403, 405)  # HasPerm lists GET only


def test_dashboard_shows_history_and_tracked_figures(client, data):
    _as(client, Role.OFFICIAL)
    html = client.get(
        reverse("outcomes_dash:dashboard"), {"from": 2005, "to": 2027}
    ).content.decode()
    assert "503,005" in html and "7,654" in html  # the 2005–2019 sales, the 2026 report
    assert 'id="period-2026"' in html and 'id="program-R04"' in html
    assert 'id="outcomes-chart-data"' in html and "<script>" not in html
    assert "#tracking-response-rates" in html  # response rates are linked, not repeated


def test_bad_filter_is_shown_next_to_its_field_with_the_input_kept(client, data):
    _as(client, Role.OFFICIAL)
    response = client.get(reverse("outcomes_dash:dashboard"), {"from": "2020", "to": "2011"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="to-error"' in html and 'aria-describedby="to-error"' in html
    assert 'value="2011"' in html and 'value="2020"' in html
    bad = client.get(reverse("outcomes_dash:export-xlsx"), {"program": "<x>"})
    assert bad.status_code == 400


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("outcomes_dash:dashboard"), {"to": 2030}).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_queries_do_not_grow_with_reports(client, data):
    _as(client, Role.OFFICIAL)
    few = _dashboard_queries(client)
    for i in range(25):
        tracked_report(program=("R01", "R05", "R10", "R13")[i % 4], covers_year=2026 + i % 5,
                       sales_krw=i * 1_000_000)  # fmt: skip
    many = _dashboard_queries(client)
    assert many == few and few <= 12, (few, many)


@pytest.mark.parametrize("params", [{"from": 2005, "to": 2027}, {"to": 2027, "program": "R04"}])
def test_excel_equals_the_api_for_the_same_filters(client, data, params):
    _as(client, Role.STAFF)
    body = client.get(API, params).json()
    response = client.get(reverse("outcomes_dash:export-xlsx"), params)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    periods = list(wb["periods"].iter_rows(values_only=True))
    header, rows = periods[0], periods[1:]
    assert len(rows) == len(body["rows"])

    def flat(figures: dict) -> list:
        hires = figures["hires"]
        return [figures["sales_million_krw"], figures["cost_savings_million_krw"],
                hires["research"], hires["production"], hires["other"], hires["total"],
                figures["papers_general"], figures["papers_sci"], figures["talks"],
                figures["patents_filed"], figures["patents_registered"], figures["transfers"],
                figures["transfer_value_million_krw"], figures["awards_certifications"]]  # fmt: skip

    for cells, api_row in zip(rows, body["rows"], strict=True):
        assert cells[2] == api_row["accepted_reports"]
        assert list(cells[3:]) == flat(api_row["figures"])
    cumulative = list(wb["cumulative"].iter_rows(values_only=True))[1:]
    assert [list(c[3:]) for c in cumulative] == [flat(r["cumulative"]) for r in body["rows"]]
    summary = {r[0]: list(r[1:]) for r in wb["summary"].iter_rows(values_only=True) if r[0]}
    assert summary["합계 Total"] == flat(body["totals"])
    assert "매출(백만원) Sales (million KRW)" in header


def test_pdf_reads_back_with_the_figures(client, data, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("needs pdftotext (poppler-utils)")
    _as(client, Role.OFFICIAL)
    response = client.get(reverse("outcomes_dash:export-pdf"), {"from": 2005, "to": 2027})
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "outcomes.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "서울형 R&D 성과" in text and "2005–2027" in text
    assert "503,005" in text  # printed sales 2005–2019
    assert "7,654" in text and "1,000" in text  # 2026 and 2027 reports, million KRW
    assert f"{503005 + 7654 + 1000:,}" in text  # the total
    assert "R04" in text and "R08" in text
