"""The outcomes summary (tracking.domain.outcomes) and GET /api/v1/tracking/outcomes/summary/:
the printed record and the accepted reports together, units and rounding, filters, refusals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import Role
from tests.factories import UserFactory
from tests.tracking.outcomes_helpers import tracked_report, with_history
from tracking.domain import outcomes
from tracking.domain.outcomes import FIGURE_KEYS, million, outcomes_summary, parse_filters
from tracking.models import ReportStatus

pytestmark = pytest.mark.django_db
URL = "/api/v1/tracking/outcomes/summary/"
# The seed's printed 누적 rows ('05~'19), reproduced from the rows (seed 000).
PRINTED_2005_2019 = {
    "sales_million_krw": 503005, "cost_savings_million_krw": 45448,
    "hires": {"research": 1276, "production": 1464, "other": 644, "total": 3384},
    "papers_general": 1722, "papers_sci": 3081, "talks": 13459, "patents_filed": 2348,
    "patents_registered": 870, "transfers": 855, "transfer_value_million_krw": 28443,
    "awards_certifications": 1376,
}  # fmt: skip


@pytest.fixture
def official_api(catalogue, client):
    with_history()
    client.force_login(UserFactory(role=Role.OFFICIAL))
    return client


def test_history_alone_reproduces_the_printed_totals(official_api):
    body = official_api.get(URL, {"from": 2005, "to": 2019}).json()
    assert set(body["totals"]) == set(FIGURE_KEYS)
    assert body["totals"] == PRINTED_2005_2019
    assert [(r["first_year"], r["last_year"]) for r in body["rows"]] == [
        (2005, 2014),
        (2015, 2015),
        (2016, 2016),
        (2017, 2017),
        (2018, 2018),
        (2019, 2019),
    ]
    assert body["rows"][-1]["cumulative"] == PRINTED_2005_2019
    assert body["rows"][1]["figures"]["sales_million_krw"] == 16301  # 2015 row as printed
    assert all(set(r["figures"]) == set(FIGURE_KEYS) for r in body["rows"])
    assert body["history"]["included"] and body["reports"]["count"] == 0


def test_accepted_reports_add_to_history_in_million_krw_rounded_half_up(official_api):
    tracked_report(covers_year=2026, sales_krw=1_234_500_000, cost_savings_krw=499_999,
                   hires_research=2, hires_other=1, awards=1, certifications=2, patents_filed=3,
                   transfer_value_krw=2_500_000)  # fmt: skip
    tracked_report(covers_year=2026, status=ReportStatus.SUBMITTED, sales_krw=9_000_000_000)
    tracked_report(covers_year=2025, status=ReportStatus.CHANGES_REQUESTED, hires_other=50)
    body = official_api.get(URL, {"from": 2005, "to": 2026}).json()
    row = body["rows"][-1]
    assert (row["first_year"], row["last_year"], row["history"], row["accepted_reports"]) == (
        2026, 2026, False, 1)  # fmt: skip
    assert row["figures"]["sales_million_krw"] == 1235  # 1,234.5 → 1,235
    assert row["figures"]["cost_savings_million_krw"] == 0  # 0.499999 → 0
    assert row["figures"]["transfer_value_million_krw"] == 3  # 2.5 → 3
    assert row["figures"]["hires"] == {"research": 2, "production": 0, "other": 1, "total": 3}
    assert row["figures"]["awards_certifications"] == 3
    assert body["totals"]["sales_million_krw"] == 503005 + 1235
    assert body["totals"]["patents_filed"] == 2348 + 3
    assert body["reports"]["tracked_krw"]["sales_krw"] == 1_234_500_000
    assert body["reports"]["count"] == 1  # submitted and changes-requested ones do not count
    assert "half-up" in body["rounding"]


def test_programme_or_field_filter_leaves_out_the_city_wide_history(official_api):
    tracked_report(program="R04", covers_year=2026, sales_krw=100_000_000)
    tracked_report(program="R05", covers_year=2026, sales_krw=300_000_000)
    body = official_api.get(URL, {"from": 2005, "to": 2026, "program": "R04"}).json()
    assert not body["history"]["included"] and body["history"]["totals"] is None
    assert body["totals"]["sales_million_krw"] == 100 and len(body["rows"]) == 1
    field = outcomes.catalogue()[3].field.code  # R04's field (거점지역) also holds R05
    body = official_api.get(URL, {"to": 2026, "field": field}).json()
    assert body["totals"]["sales_million_krw"] == 400 and body["field"] == field


def test_printed_block_partly_outside_the_range_is_not_counted(official_api):
    body = official_api.get(URL, {"from": 2010, "to": 2019}).json()
    assert body["history"]["blocks_outside_range"] == ["2005–2014"]
    assert body["totals"]["sales_million_krw"] == 503005 - 175246


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "abc"}, "from"), ({"from": "2020", "to": "2010"}, "to"), ({"to": "99999"}, "to"),
     ({"program": "R99"}, "program"), ({"field": "nope"}, "field"), ({"from": "１２"}, "from"),
     ({"program": "R04", "field": "commercialisation"}, "program")],
)  # fmt: skip
def test_bad_parameters_are_a_400_in_korean_and_english(official_api, params, field):
    response = official_api.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field and body["message_ko"] and body["message_en"]


def test_summary_is_two_queries_whatever_the_number_of_reports(catalogue):
    with_history()
    programs = outcomes.catalogue()
    filters = parse_filters(params={"from": "2005", "to": "2030"}, programs=programs)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            outcomes_summary(filters=filters, programs=programs)
        return len(ctx.captured_queries)

    tracked_report(program="R04", covers_year=2026)
    few = count()
    for i in range(12):
        tracked_report(program=("R01", "R05", "R08")[i % 3], covers_year=2026 + i % 4, talks=i)
    assert count() == few == 2  # history rows + one aggregate (the catalogue is passed in)


def test_million_rounds_half_up():
    assert [million(v) for v in (0, 499_999, 500_000, 1_500_000, 2_499_999)] == [0, 0, 1, 2, 2]
