"""Shared by the money tests: agreements with green gates, staff users."""

import datetime as dt
from types import SimpleNamespace

import pytest

from accounts.enums import Role
from agreements.domain import guarantees
from agreements.domain.payments import refresh_instalments
from tests.agreements.factories import agreement_for
from tests.factories import UserFactory

TODAY = dt.date(2026, 10, 5)


@pytest.fixture
def guarantees_green(monkeypatch):
    """Every year has a verified covering guarantee (the guarantee part is tested on its own;
    tests/agreements/test_gates.py checks this gate with real Guarantee rows)."""
    monkeypatch.setattr(
        guarantees, "covering_guarantee", lambda *, year: SimpleNamespace(pk=1, year=year)
    )


def payable_agreement(years: int = 1, grant: int = 400_000_000, **kwargs):
    agreement = agreement_for(years=years, city_grant_per_year_krw=grant, **kwargs)
    refresh_instalments(agreement=agreement, today=TODAY)
    return agreement


def staff(name: str):
    return UserFactory(username=name, role=Role.STAFF)
