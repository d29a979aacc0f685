"""Builders for the closing tests: a scored annual/final round, ledger money, a settled agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.enums import Role
from agreements.domain.ledger import post_entry
from agreements.domain.rounds import assign_round_evaluator, open_round
from agreements.enums import LedgerKind
from evaluation.domain.committees import sign_pledge
from evaluation.domain.scoring import criteria_for, save_scores, submit_sheet
from evaluation.models import CommitteeMember
from tests.factories import UserFactory


def staff():
    return UserFactory(role=Role.STAFF)


def _points(criteria: list[dict], total: Decimal) -> list[dict]:
    """Fill the criteria in order up to their maxima so that they add up to `total`."""
    left, out = Decimal(str(total)), []
    for c in criteria:
        give = min(left, Decimal(str(c["max_points"])))
        out.append({"code": c["code"], "points": str(give)})
        left -= give
    assert left == 0, "total above the sheet's maximum"
    return out


def scored_round(agreement, stage: str, totals, *, actor=None, year_no=None):
    """Open a round, assign one evaluator per total, sign the pledges, score and submit."""
    actor = actor or staff()
    rnd = open_round(agreement=agreement, stage=stage, actor=actor, year_no=year_no)
    for total in totals:
        evaluator = UserFactory(role=Role.EVALUATOR)
        assignment = assign_round_evaluator(rnd=rnd, evaluator=evaluator, actor=actor)
        member = CommitteeMember.objects.get(committee=rnd.committee, evaluator=evaluator)
        sign_pledge(member=member, actor=evaluator)
        save_scores(assignment=assignment, criteria=_points(criteria_for(assignment), total),
                    comment="", actor=evaluator)  # fmt: skip
        submit_sheet(assignment=assignment, actor=evaluator)
    return rnd


def money(agreement, *, paid=0, executed=0, disallowed=0, returned=0, on=dt.date(2027, 3, 2)):
    """Ledger rows straight through post_entry (the payments and expenses parts are tested there)."""
    for kind, amount in (
        (LedgerKind.INSTALMENT_PAID, paid), (LedgerKind.EXPENSE_EXECUTED, executed),
        (LedgerKind.EXPENSE_DISALLOWED, disallowed), (LedgerKind.UNSPENT_RETURNED, returned),
    ):  # fmt: skip
        if amount:
            post_entry(agreement=agreement, kind=kind, amount_krw=amount, occurred_on=on,
                       actor=None, year_no=1)  # fmt: skip
