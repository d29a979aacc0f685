"""Sanctions (seed 002 §6): staff-decided, each with period and reason, audited."""

import datetime as dt

import pytest

from accounts.models import AuditEntry
from agreements.domain.bills import ClosingRefused
from agreements.domain.money_summary import project_money
from agreements.domain.rounds import decide_final
from agreements.domain.sanctions import impose_sanction
from agreements.domain.settlement import settle
from agreements.enums import AgreementStatus
from evaluation.screening.models import Sanction
from tests.agreements.closing_helpers import money, scored_round, staff
from tests.agreements.factories import agreement_for
from tests.factories import ResearcherFactory

pytestmark = pytest.mark.django_db
START, END = dt.date(2027, 1, 1), dt.date(2029, 12, 31)


@pytest.mark.parametrize("kind", ["giving_up", "false_documents"])
def test_giving_up_and_false_documents_terminate_and_restrict(catalogue, kind):
    agreement = agreement_for()
    pi = ResearcherFactory()
    decision = impose_sanction(agreement=agreement, kind=kind, starts_on=START, ends_on=END,
                               reason="허위 서류 제출", actor=staff(), researcher=pi)  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED
    restriction = decision.restriction
    assert restriction.institution_id == agreement.lead_institution_id
    assert (restriction.starts_on, restriction.ends_on) == (START, END)
    assert Sanction.objects.filter(researcher=pi).exists()
    audit = AuditEntry.objects.get(action=f"agreement.sanction.{kind}")
    assert audit.reason == "허위 서류 제출"


def test_misuse_bills_recovery_and_penalty(catalogue):
    agreement = agreement_for()
    decision = impose_sanction(agreement=agreement, kind="misuse", starts_on=START, ends_on=END,
                               reason="연구비 유용", actor=staff(), recovery_krw=7_000_000,
                               penalty_krw=3_500_000)  # fmt: skip
    assert decision.recovery_bill.amount_krw == 7_000_000
    assert decision.penalty_bill.amount_krw == 3_500_000
    m = project_money(agreement_id=agreement.pk)
    assert m.recovery_outstanding == 7_000_000 and m.penalty_outstanding == 3_500_000
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE  # misuse alone does not terminate


def test_settlement_after_misuse_recovery_does_not_recover_twice(catalogue):
    agreement = agreement_for()
    money(agreement, paid=100_000_000, executed=100_000_000, disallowed=7_000_000)
    impose_sanction(agreement=agreement, kind="misuse", starts_on=START, ends_on=END,
                    reason="유용", actor=staff(), recovery_krw=7_000_000)  # fmt: skip
    decide_final(rnd=scored_round(agreement, "final", [80, 80, 80]), success=True, reason="의견",
                 actor=staff())  # fmt: skip
    agreement.refresh_from_db()
    settlement = settle(agreement=agreement, actor=staff())
    assert settlement.recovery_krw == 0 and settlement.recovery_bill is None


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"reason": " "}, "reason_required"),
        ({"ends_on": dt.date(2026, 12, 31)}, "period_invalid"),
        ({"kind": "misuse"}, "amount_required"),
        ({"kind": "misuse", "penalty_krw": -1}, "amount_invalid"),
    ],
)
def test_refusals(catalogue, kwargs, code):
    agreement = agreement_for()
    args = {"kind": "giving_up", "starts_on": START, "ends_on": END, "reason": "사유", **kwargs}
    with pytest.raises(ClosingRefused) as exc:
        impose_sanction(agreement=agreement, actor=staff(), **args)
    assert exc.value.code == code
    assert not Sanction.objects.exists()
