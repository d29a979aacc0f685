"""Catalogue loading: idempotent, and every total of the seed reproduced from its lines."""

import pytest
from django.core.management import call_command

from programs.domain.budget import budget_summary
from programs.domain.catalogue import load_catalogue
from programs.models import BudgetLine, Program

pytestmark = pytest.mark.django_db


def test_load_is_idempotent():
    first = load_catalogue()
    assert first["programs"] == 17
    snapshot = list(BudgetLine.objects.order_by("id").values())
    second = load_catalogue()
    assert all(v == 0 for v in second.values())
    assert list(BudgetLine.objects.order_by("id").values()) == snapshot


def test_command_runs_twice(capsys):
    call_command("load_programs")
    call_command("load_programs")
    assert "programs: 0" in capsys.readouterr().out
    assert Program.objects.count() == 17


def test_sixteen_programmes_and_inv(catalogue):
    codes = list(Program.objects.order_by("order").values_list("code", flat=True))
    assert codes == [f"R{i:02d}" for i in range(1, 17)] + ["INV"]
    inv = Program.objects.get(code="INV")
    assert (
        inv.max_grant_krw == 400_000_000
        and inv.max_period_months == 24
        and inv.max_firm_age_years == 7
    )
    assert Program.objects.get(code="R08").intake_mode == "rolling"
    assert Program.objects.get(code="R11").min_trl == 7
    assert str(Program.objects.get(code="R04").royalty_rate) == "0.1000"


def test_2021_totals_reproduced(catalogue):
    s = budget_summary(year=2021)
    assert s.project_total_million_krw == 34_656
    assert s.operating_million_krw == 3_577 and s.joint_operating_million_krw == 55
    assert s.total_million_krw == 38_288 == s.printed_total_million_krw
    assert (s.total_continuing, s.total_new) == (22, 254)
    assert s.grand_total_with_matching_million_krw == 40_561
    assert (s.national_city_million_krw, s.national_national_million_krw) == (2_273, 17_040)
    assert not s.mismatches
    fields = {r.key: r.amount_million_krw for r in s.by_field}
    assert fields == {
        "commercialisation": 7_260,
        "cluster": 10_820,
        "challenge": 12_412,
        "untact": 4_100,
        "exchange": 64,
    }


def test_2020_printed_total_disagrees_with_lines(catalogue):
    s = budget_summary(year=2020)
    assert s.printed_total_million_krw == 47_392
    assert s.total_million_krw == 43_559 + 4_001 + 103
    assert s.total_mismatch and "total" in s.mismatches
    # field subtotals and counts of 2020 do add up
    assert all(not r.mismatch for r in s.by_field)
    assert (s.total_continuing, s.total_new) == (28, 340)
    assert (s.national_city_million_krw, s.national_national_million_krw) == (2_350, 14_546)
    assert not s.national_mismatch
