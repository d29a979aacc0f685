"""Unpaid bills past their due date and participation restrictions are the rows screening reads:
the same institution's next application fails `unfulfilled_obligations` naming the bill."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.enums import Role
from agreements.domain.bills import record_payment, sync_obligations
from agreements.domain.rounds import decide_final
from agreements.domain.sanctions import impose_sanction
from agreements.domain.settlement import settle
from agreements.enums import BillStatus
from agreements.models.closing import Bill
from evaluation.screening.models import Obligation
from tests.agreements.closing_helpers import money, scored_round, staff
from tests.agreements.factories import agreement_for
from tests.applications.factories import complete_application, make_call
from tests.factories import UserFactory
from tests.screening.helpers import check

pytestmark = pytest.mark.django_db


def settled_with_recovery():
    agreement = agreement_for()
    money(agreement, paid=100_000_000, executed=80_000_000)
    decide_final(rnd=scored_round(agreement, "final", [80, 80, 80]), success=True, reason="의견",
                 actor=staff())  # fmt: skip
    agreement.refresh_from_db()
    return agreement, settle(agreement=agreement, actor=staff()).recovery_bill


def next_application(agreement, *, closes_in_days: int):
    """A new application of the same institution, in a call closing `closes_in_days` from now."""
    user = UserFactory(role=Role.APPLICANT, institution=agreement.lead_institution)
    now = timezone.now()
    call = make_call(opens_at=now - dt.timedelta(days=5),
                     closes_at=now + dt.timedelta(days=closes_in_days))  # fmt: skip
    return complete_application(applicant=user, call=call)


def test_overdue_recovery_fails_next_application_naming_the_bill(catalogue):
    agreement, bill = settled_with_recovery()
    app = next_application(agreement, closes_in_days=45)  # the call closes after the due date
    result = check(app, "unfulfilled_obligations")
    assert result["outcome"] == "fail"
    assert bill.number in result["reason_ko"] and bill.number in result["reason_en"]
    assert str(bill.due_on) in result["reason_ko"]


def test_not_yet_due_passes_and_paid_passes(catalogue):
    agreement, bill = settled_with_recovery()
    early = next_application(agreement, closes_in_days=10)  # closes before the due date
    assert check(early, "unfulfilled_obligations")["outcome"] == "pass"
    late = next_application(agreement, closes_in_days=45)
    record_payment(bill=bill, amount_krw=bill.amount_krw, paid_on=timezone.localdate(),
                   actor=staff())  # fmt: skip
    assert check(late, "unfulfilled_obligations")["outcome"] == "pass"


def test_sync_is_idempotent_and_marks_overdue(catalogue):
    _agreement, bill = settled_with_recovery()
    later = bill.due_on + dt.timedelta(days=1)
    assert Obligation.objects.count() == 1
    sync_obligations(today=later)
    sync_obligations(today=later)
    assert Obligation.objects.count() == 1
    bill.refresh_from_db()
    assert bill.status == BillStatus.OVERDUE
    ob = bill.obligation
    assert ob.kind == "recovery" and ob.due_on == bill.due_on and ob.fulfilled_on is None
    assert ob.institution_id == bill.institution_id and ob.amount_krw == bill.amount_krw


def test_restriction_fails_participation_rule(catalogue):
    agreement = agreement_for()
    today = timezone.localdate()
    impose_sanction(agreement=agreement, kind="giving_up", starts_on=today,
                    ends_on=today + dt.timedelta(days=365), reason="선정 후 포기", actor=staff())  # fmt: skip
    app = next_application(agreement, closes_in_days=10)
    result = check(app, "participation_restriction")
    assert result["outcome"] == "fail" and "선정 후 포기" in result["reason_ko"]


def test_penalty_bill_of_misuse_feeds_screening(catalogue):
    agreement = agreement_for()
    today = timezone.localdate()
    impose_sanction(agreement=agreement, kind="misuse", starts_on=today,
                    ends_on=today + dt.timedelta(days=30), reason="유용", actor=staff(),
                    recovery_krw=5_000_000, penalty_krw=1_000_000)  # fmt: skip
    penalty = Bill.objects.get(agreement=agreement, kind="penalty")
    app = next_application(agreement, closes_in_days=45)
    result = check(app, "unfulfilled_obligations")
    assert result["outcome"] == "fail" and penalty.number in result["reason_ko"]


def test_daily_task_runs_the_sync_and_is_scheduled(catalogue, beat_schedules):
    from django_celery_beat.models import PeriodicTask

    from agreements.tasks import closing_obligations_daily

    _agreement, bill = settled_with_recovery()
    later = (bill.due_on + dt.timedelta(days=1)).isoformat()
    assert closing_obligations_daily(today=later) == {"bills": 1}
    bill.refresh_from_db()
    assert bill.status == BillStatus.OVERDUE
    assert PeriodicTask.objects.filter(task="agreements.tasks.closing_obligations_daily").exists()
