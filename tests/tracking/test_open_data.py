"""Open data: anonymous JSON/CSV of the awards (360Giving shape, valid against the published JSON
Schema), only agreements in force or completed, no personal data; outcomes summed per programme
and year with small groups suppressed; streamed with a constant number of queries; throttled."""

import csv
import datetime as dt
import io
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from agreements.enums import AgreementStatus
from tests.tracking.helpers import completed_project
from tests.tracking.money_dash_helpers import funded, make_call
from tracking.domain.open_data import SCHEMA_PATH, outcomes
from tracking.models import ReportStatus, TrackingReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def awards():
    call = make_call(codes=("R04",))
    shown = [
        funded(call, ledger=False),
        funded(call, status=AgreementStatus.COMPLETED, ledger=False),
    ]
    hidden = [funded(call, status=s, ledger=False)
              for s in (AgreementStatus.DRAFTING, AgreementStatus.TERMINATED,
                        AgreementStatus.AWAITING_SIGNATURES)]  # fmt: skip
    other = funded(make_call(codes=("R05",), year=2024), code="R05", ledger=False)
    return shown + [other], hidden


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_awards_json_is_anonymous_valid_and_only_awarded(awards):
    shown, hidden = awards
    response = Client().get("/api/v1/open-data/awards.json")
    assert response.status_code == 200 and response.streaming
    data = json.loads(_body(response))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    ids = [g["identifier"] for g in data["grants"]]
    assert ids == [f"KR-SBA-{a.verify_code}" for a in shown]
    grant = data["grants"][0]
    a = shown[0]
    assert grant["amountAwarded"] == a.city_grant_krw and grant["currency"] == "KRW"
    assert grant["awardDate"] == a.selection_notified_on.isoformat()
    assert grant["recipientOrganization"] == [
        {"id": f"KR-BRN-{a.lead_institution.business_no}", "name": a.lead_institution.name}
    ]
    assert [f["name"].split(" ")[0] for f in grant["fundingOrganization"]] == [
        "서울특별시",
        "서울경제진흥원",
    ]
    assert grant["grantProgramme"][0]["code"] == "R04" and grant["programmeYear"] == 2025
    assert not {f"KR-SBA-{h.verify_code}" for h in hidden} & set(ids)


def test_no_personal_data_is_published(awards):
    shown, _hidden = awards
    body = _body(Client().get("/api/v1/open-data/awards.json")).decode()
    body += _body(Client().get("/api/v1/open-data/awards.csv")).decode()
    for agreement in shown:
        pi = agreement.application.applicant
        assert pi.email not in body and pi.username not in body
    assert "@" not in body


def test_csv_has_the_360giving_columns_and_the_same_awards(awards):
    shown, _hidden = awards
    response = Client().get("/api/v1/open-data/awards.csv?program=R04")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Award Date",
    ]
    assert [r[0] for r in rows[1:]] == [f"KR-SBA-{a.verify_code}" for a in shown[:2]]
    assert [int(r[4]) for r in rows[1:]] == [a.city_grant_krw for a in shown[:2]]
    only_2024 = json.loads(_body(Client().get("/api/v1/open-data/awards.json?year=2024")))
    assert [g["grantProgramme"][0]["code"] for g in only_2024["grants"]] == ["R05"]


def _report(project, year_no, *, status=ReportStatus.ACCEPTED, sales=1_000_000):
    return TrackingReport.objects.create(
        project=project, program=project.program, institution=project.lead_institution,
        report_year_no=year_no, covers_year=2026, due_on=dt.date(2027, 3, 31), status=status,
        sales_krw=sales, hires_research=1, hires_other=2, patents_filed=1,
    )  # fmt: skip


def test_outcomes_are_summed_per_programme_year_and_small_groups_suppressed():
    projects = [completed_project() for _ in range(4)]
    for p in projects[:3]:
        _report(p, 1)
    _report(projects[3], 1, status=ReportStatus.SUBMITTED)  # not accepted: not published
    rows = outcomes()
    assert len(rows) == 1
    row = rows[0]
    assert (row["year"], row["reports"], row["suppressed"]) == (2026, 3, False)
    assert (row["sales_krw"], row["hires_total"], row["patents_filed"]) == (3_000_000, 9, 3)
    TrackingReport.objects.filter(project=projects[0]).update(status=ReportStatus.SUBMITTED)
    small = outcomes()[0]
    assert small["suppressed"] and small["sales_krw"] is None and small["reports"] == 2
    csv_rows = list(csv.reader(io.StringIO(
        _body(Client().get("/api/v1/open-data/outcomes.csv")).decode("utf-8-sig"))))  # fmt: skip
    assert csv_rows[1][2:5] == ["2026", "2", "True"] and csv_rows[1][5] == ""


def test_schema_and_page_are_public_in_both_languages():
    schema = Client().get("/api/v1/open-data/schema.json").json()
    assert schema == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for prefix in ("", "/en"):
        page = Client().get(f"{prefix}/open-data/")
        html = page.content.decode()
        assert (
            page.status_code == 200 and "amountAwarded" in html and "recipientOrganization" in html
        )
        assert "/api/v1/open-data/awards.csv" in html


def test_streaming_uses_a_constant_number_of_queries():
    call = make_call(codes=("R04",))
    counts = []
    for n in (2, 20):
        for _ in range(n - (2 if counts else 0)):
            funded(call, ledger=False)
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            data = json.loads(_body(Client().get("/api/v1/open-data/awards.json")))
        counts.append(len(ctx.captured_queries))
        assert len(data["grants"]) == n
    assert counts[0] == counts[1] <= 4


@override_settings(OPEN_DATA_ANON_RATE="2/min")
def test_anonymous_callers_are_throttled():
    client = Client()
    codes = [client.get("/api/v1/open-data/schema.json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
