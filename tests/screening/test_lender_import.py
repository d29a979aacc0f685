"""The staff import of financial statements carries the lender type of loan-type investments; old
files without the column still import (lender "not recorded")."""

import datetime as dt

import pytest
import tablib

from evaluation.screening.admin import FinancialStatementResource
from evaluation.screening.models import FinancialStatement
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

HEADERS = ["business_no", "settled_on", "total_liabilities_krw", "total_equity_krw",
           "paid_in_capital_krw", "excludable_loans_krw", "excludable_loans_on", "exception"]  # fmt: skip


@pytest.mark.parametrize("lender", ["registered_vc", None])
def test_import_with_and_without_the_lender_column(lender):
    inst = InstitutionFactory()
    row = [inst.business_no, "2022-12-31", 1_500_000_000, 100_000_000, 0, 600_000_000,
           "2022-03-01", ""]  # fmt: skip
    headers = list(HEADERS)
    if lender is not None:
        headers.insert(-1, "excludable_loans_lender")
        row.insert(-1, lender)
    result = FinancialStatementResource().import_data(
        tablib.Dataset(row, headers=headers), dry_run=False, raise_errors=True
    )
    assert not result.has_errors() and not result.has_validation_errors()
    fs = FinancialStatement.objects.get(institution=inst, settled_on=dt.date(2022, 12, 31))
    assert fs.excludable_loans_lender == (lender or "")
    exported = FinancialStatementResource().export()
    assert "excludable_loans_lender" in exported.headers
