"""The 2021 table of continuing national-matching projects (seed 000 Ⅳ-⑯ 지원과제 목록): loaded as data,
idempotently; its printed figures reproduced from its rows and lines; the count on the budget overview."""

import pytest
from django.test import Client

from accounts.enums import Role
from programs.data import national_matching as data
from programs.domain.national_matching import load_continuing_projects, matching_overview
from programs.models import BudgetLine, ContinuingNationalProject, PrintedTotal

pytestmark = pytest.mark.django_db


def test_the_table_loads_once_and_again_without_change(catalogue):
    assert load_continuing_projects() == {"continuing_projects": 19}
    assert load_continuing_projects() == {"continuing_projects": 0}
    assert ContinuingNationalProject.objects.filter(plan_year=2021).count() == 19


def test_the_printed_2021_figures_are_reproduced_19_projects_17040_national_2273_city(catalogue):
    load_continuing_projects()
    rows = ContinuingNationalProject.objects.filter(plan_year=2021)
    assert rows.count() == data.PRINTED_2021["count"] == 19
    line = BudgetLine.objects.get(year=2021, kind="national_matching", program__code="R16")
    assert (line.continuing, line.amount_million_krw, line.national_million_krw) == (
        19,
        2273,
        17040,
    )
    printed = PrintedTotal.objects.get(year=2021, scope="national_total")
    assert (printed.continuing, printed.amount_million_krw, printed.national_million_krw) == (
        19,
        2273,
        17040,
    )
    # 합계 사업비 19,313 = 국비 17,040 + 시비 2,273
    assert data.PRINTED_2021["total_million_krw"] == 17040 + 2273 == 19313
    by_ministry = {}
    for ministry in rows.values_list("ministry", flat=True):
        by_ministry[ministry] = by_ministry.get(ministry, 0) + 1
    assert by_ministry == {
        "산업통상자원부": 9,
        "과학기술정보통신부": 8,
        "중소벤처기업부": 1,
        "교육부": 1,
    }
    assert sum(by_ministry.values()) == 19
    assert rows.filter(ends_on__isnull=True).count() == 1  # 연구개발지원단 지원사업: ’19.3. ~ 계속


def test_the_overview_counts_the_listed_projects(catalogue):
    load_continuing_projects()
    r16 = next(m for m in matching_overview(year=2021) if m["code"] == "R16")
    assert (r16["continuing"], r16["listed"], r16["city_million_krw"], r16["national_million_krw"]) == (
        19, True, 2273, 17040,
    )  # fmt: skip
    r16_2020 = next(m for m in matching_overview(year=2020) if m["code"] == "R16")
    assert (r16_2020["continuing"], r16_2020["listed"], r16_2020["new"]) == (15, False, 5)


def test_the_budget_overview_shows_the_count_of_continuing_projects(
    users, catalogue, django_assert_max_num_queries
):
    load_continuing_projects()
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    with django_assert_max_num_queries(12):
        page = client.get("/en/dashboard/budget/?year=2021")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="matching-continuing-1">19 · 2,273 / 17,040' in body


def test_continuing_counts_next_to_the_amounts_in_the_api_and_on_the_page(users, catalogue):
    """Issue 15: the 19 listed continuing projects (and R04's 9, R10's 13) beside the amounts,
    per programme and in total, in the API and on the page, in both languages."""
    load_continuing_projects()
    client = Client()
    client.force_login(users[Role.OFFICIAL])
    data = client.get("/api/v1/budget/summary/?year=2021").json()
    assert data["national_matching"]["continuing"] == 19
    continuing = data["continuing_projects"]
    assert (continuing["city_programmes"], continuing["national_matching"], continuing["total"]) == (
        22, 19, 41,
    )  # fmt: skip
    rows = {r["code"]: r for r in continuing["by_program"]}
    assert (rows["R16"]["continuing"], rows["R16"]["listed"]) == (19, True)
    assert (rows["R16"]["amount_million_krw"], rows["R16"]["national_million_krw"]) == (2273, 17040)
    assert (rows["R04"]["continuing"], rows["R04"]["amount_million_krw"]) == (9, 4640)
    assert rows["R10"]["continuing"] == 13 and set(rows) == {"R04", "R10", "R16"}
    # 2020: R16 15 continuing as printed (no list), 지역유망 5: 20 as the plan prints
    assert (
        client.get("/api/v1/budget/summary/?year=2020").json()["national_matching"]["continuing"]
        == 20
    )

    body = client.get("/dashboard/budget/?year=2021").content.decode()
    row = body[body.index('data-continuing="R16"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">19</td>' in row and "2,273" in row and "17,040" in row
    assert "계속과제" in body and 'id="continuing-total">41<' in body
    english = client.get("/en/dashboard/budget/?year=2021").content.decode()
    assert "Continuing projects" in english and "listed in the plan" in english
