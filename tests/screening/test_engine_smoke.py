"""An eligible application passes every rule of the INV programme; the overall logic."""

import pytest

from evaluation.screening.domain.engine import overall
from tests.screening.factories import eligible_application
from tests.screening.helpers import screen

pytestmark = pytest.mark.django_db


def test_eligible_application_passes_every_rule(catalogue):
    rows = screen(eligible_application())
    not_passed = {c: r for c, r in rows.items() if r["outcome"] != "pass"}
    assert not_passed == {}
    assert len(rows) == 23  # 17 common + sme + firm age + 4 investment rules
    assert all(r["reason_ko"] and r["reason_en"] and r["clause"] for r in rows.values())


def test_overall():
    assert overall(["pass", "needs_review", "fail"]) == "fail"
    assert overall(["pass", "needs_review"]) == "needs_review"
    assert overall(["pass"]) == "pass"
    assert overall([]) == "pass"
