"""R03 campus-town startups: the financial exclusions (full capital impairment, debt ratio ≥ 1,000 %,
and the ≤ 3-years waiver that no longer matters) are waived (seed 000 Ⅳ-③: 자본잠식, 부채 1000%, 창업
3년 이하 기업 등에도 R&D 기회 부여) — catalogue data, kept by these tests."""

import datetime as dt

import pytest

from evaluation.screening.models import FinancialStatement
from programs.domain.flows import flow_value
from programs.models import Program
from tests.screening.factories import call_2023, eligible_application
from tests.screening.helpers import screen

pytestmark = pytest.mark.django_db


def test_catalogue_drops_the_financial_rule_for_r03_only(catalogue):
    r03 = Program.objects.get(code="R03")
    codes = {s["code"] for s in r03.eligibility}
    assert "financial_soundness" not in codes
    assert {"hub_tenant"} <= codes
    assert flow_value(program=r03, key="waived_exclusions") == ["financial_soundness"]
    other = next(s for s in Program.objects.get(code="R05").eligibility
                 if s["code"] == "financial_soundness")  # fmt: skip
    assert other["max_debt_ratio_pct"] == 1000 and other["young_firm_waiver_years"] == 3


@pytest.mark.parametrize(
    "liabilities, equity",
    [(1_000_000_000, 100_000_000), (5_000_000, -10_000_000), (1, 0)],
    ids=["debt-ratio-1000pct", "full-capital-impairment", "zero-equity"],
)
def test_old_impaired_startup_is_not_excluded_in_r03_but_is_elsewhere(
    catalogue, liabilities, equity
):
    results = {}
    for code in ("R03", "R05"):
        program = Program.objects.get(code=code)
        app = eligible_application(call=call_2023(programs=[code]), program=program)
        app.lead_institution.incorporated_on = dt.date(2010, 1, 1)  # far beyond 3 years old
        app.lead_institution.save()
        FinancialStatement.objects.filter(institution=app.lead_institution).update(
            total_liabilities_krw=liabilities, total_equity_krw=equity
        )
        results[code] = screen(app)
    assert "financial_soundness" not in results["R03"]
    assert results["R05"]["financial_soundness"]["outcome"] == "fail"
