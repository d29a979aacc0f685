"""Payment batches: only payable instalments with green gates; four eyes; a double approval never
approves twice; the transfer file; paid instalments are ledger rows."""

import csv
import datetime as dt
import io
import threading

import pytest
from django.db import connection
from openpyxl import load_workbook

from accounts.models import AuditEntry
from agreements.domain.payments import (
    PaymentRefused,
    approve_batch,
    cancel_batch,
    mark_batch_paid,
    prepare_batch,
)
from agreements.enums import AgreementStatus, LedgerKind
from agreements.models import BatchStatus, Instalment, InstalmentStatus, LedgerEntry, PaymentBatch
from config.locking import AlreadyDecided
from evaluation.screening.models import Sanction
from tests.agreements.money_helpers import TODAY, guarantees_green, payable_agreement, staff  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue", "guarantees_green")]


def instalments(*agreements):
    return list(
        Instalment.objects.filter(agreement__in=agreements).order_by("agreement", "year_no")
    )


def test_prepare_takes_payable_instalments_and_totals_them():
    a, b = payable_agreement(grant=400_000_000), payable_agreement(grant=123_456_789)
    batch = prepare_batch(instalments=instalments(a, b), actor=staff("prep"), today=TODAY)
    assert (batch.status, batch.instalment_count, batch.total_krw) == (
        BatchStatus.DRAFT,
        2,
        523_456_789,
    )
    assert {i.status for i in batch.instalments.all()} == {InstalmentStatus.IN_BATCH}
    assert AuditEntry.objects.filter(action="payment_batch.prepared").count() == 1


def test_prepare_refuses_planned_and_red_gates():
    a = payable_agreement(years=2)  # year 2: no annual evaluation yet → planned
    with pytest.raises(PaymentRefused) as exc:
        prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    assert exc.value.code == "not_payable" and "-2" in exc.value.message_ko
    # payable, but a sanction starts today: the gates are checked at that moment
    Sanction.objects.create(institution=a.lead_institution, reason="제재", starts_on=TODAY,
                            ends_on=TODAY)  # fmt: skip
    with pytest.raises(PaymentRefused) as exc:
        prepare_batch(instalments=instalments(a)[:1], actor=staff("prep2"), today=TODAY)
    assert exc.value.code == "gate" and "참여제한" in exc.value.message_ko
    assert not PaymentBatch.objects.exists()
    with pytest.raises(PaymentRefused):
        prepare_batch(instalments=[], actor=staff("prep3"), today=TODAY)


def test_preparer_cannot_approve_own_batch():
    a = payable_agreement()
    preparer = staff("prep")
    batch = prepare_batch(instalments=instalments(a), actor=preparer, today=TODAY)
    with pytest.raises(PaymentRefused) as exc:
        approve_batch(batch=batch, actor=preparer, today=TODAY)
    assert exc.value.code == "own_batch"
    assert "본인이 작성한 지급 묶음은 승인할 수 없습니다" in exc.value.message_ko
    assert "four eyes" in exc.value.message_en
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DRAFT and not batch.transfer_csv


def test_double_approval_approves_once():
    a = payable_agreement()
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    approver = staff("appr")
    approve_batch(batch=batch, actor=approver, today=TODAY)
    with pytest.raises(AlreadyDecided) as exc:
        approve_batch(batch=batch, actor=approver, today=TODAY)
    assert "'승인(이체 파일 준비)' 상태" in exc.value.message_ko
    assert "already Approved (transfer file ready)" in exc.value.message_en
    with pytest.raises(AlreadyDecided):
        approve_batch(batch=batch, actor=staff("other"), today=TODAY)
    assert (
        AuditEntry.objects.filter(action="payment_batch.status", after__status="approved").count()
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    a = payable_agreement()
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    approvers = [staff("a1"), staff("a2")]
    outcomes, barrier = [], threading.Barrier(2)

    def approve(user):
        try:
            barrier.wait()
            approve_batch(batch=PaymentBatch.objects.get(pk=batch.pk), actor=user, today=TODAY)
            outcomes.append("ok")
        except AlreadyDecided:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in approvers]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(outcomes) == ["ok", "refused"]


def test_approval_rechecks_gates():
    a = payable_agreement()
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    a.status = AgreementStatus.SUSPENDED
    a.save(update_fields=["status"])
    with pytest.raises(PaymentRefused) as exc:
        approve_batch(batch=batch, actor=staff("appr"), today=TODAY)
    assert exc.value.code == "gate"


def test_transfer_file_content_csv_and_excel():
    a, b = payable_agreement(grant=400_000_000), payable_agreement(grant=99_999_999)
    batch = prepare_batch(instalments=instalments(a, b), actor=staff("prep"), today=TODAY)
    batch = approve_batch(batch=batch, actor=staff("appr"), today=TODAY)
    raw = bytes(batch.transfer_csv)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["기관명 Institution", "사업자등록번호 Business no.",
                           "금액(원) Amount (KRW)", "적요 Reference"]  # fmt: skip
    body = rows[1:-1]
    expected = [
        [x.lead_institution.name, x.lead_institution.business_no, str(amount),
         f"{batch.reference}/{x.verify_code}-1", x.verify_code, "1"]
        for x, amount in ((a, 400_000_000), (b, 99_999_999))
    ]  # fmt: skip
    assert sorted(body) == sorted(expected)
    assert rows[-1][:3] == ["합계 Total", "", "499999999"]
    ws = load_workbook(io.BytesIO(bytes(batch.transfer_xlsx))).active
    xl = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert sorted([[r[0], r[1], r[2], r[3]] for r in xl[:-1]]) == sorted(
        [[e[0], e[1], int(e[2]), e[3]] for e in expected]
    )
    assert xl[-1][2] == 499_999_999
    import hashlib

    assert batch.transfer_sha256 == hashlib.sha256(raw).hexdigest()


def test_mark_paid_posts_one_ledger_row_per_instalment():
    a = payable_agreement(grant=250_000_000)
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    with pytest.raises(AlreadyDecided):  # not approved yet
        mark_batch_paid(batch=batch, paid_on=TODAY, actor=staff("payer"))
    approve_batch(batch=batch, actor=staff("appr"), today=TODAY)
    batch = mark_batch_paid(batch=batch, paid_on=dt.date.today(), actor=staff("payer2"))
    assert batch.status == BatchStatus.PAID
    inst = Instalment.objects.get(agreement=a)
    assert (inst.status, inst.paid_on) == (InstalmentStatus.PAID, dt.date.today())
    entry = LedgerEntry.objects.get(agreement=a)
    assert (entry.kind, entry.amount_krw, entry.year_no) == (LedgerKind.INSTALMENT_PAID,
                                                             250_000_000, 1)  # fmt: skip
    assert entry.reference.startswith(batch.reference)
    with pytest.raises(AlreadyDecided):  # twice: nothing posted again
        mark_batch_paid(batch=batch, paid_on=dt.date.today(), actor=staff("payer3"))
    assert LedgerEntry.objects.filter(agreement=a).count() == 1


def test_paid_on_in_the_future_is_refused():
    a = payable_agreement()
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    approve_batch(batch=batch, actor=staff("appr"), today=TODAY)
    with pytest.raises(PaymentRefused):
        mark_batch_paid(batch=batch, paid_on=dt.date.today() + dt.timedelta(days=1),
                        actor=staff("payer"))  # fmt: skip


def test_cancel_returns_instalments_to_payable_and_needs_a_reason():
    a = payable_agreement()
    batch = prepare_batch(instalments=instalments(a), actor=staff("prep"), today=TODAY)
    with pytest.raises(PaymentRefused):
        cancel_batch(batch=batch, actor=staff("c"), reason=" ")
    cancel_batch(batch=batch, actor=staff("c2"), reason="계좌 오류")
    inst = Instalment.objects.get(agreement=a)
    assert (inst.status, inst.batch_id) == (InstalmentStatus.PAYABLE, None)
    again = prepare_batch(instalments=[inst], actor=staff("prep2"), today=TODAY)
    assert again.total_krw == inst.amount_krw


def test_unbatched_instalment_follows_a_changed_year_grant_and_a_batched_one_does_not():
    from agreements.domain.payments import refresh_instalments

    a = payable_agreement(years=2, grant=300_000_000)
    a.years.filter(year_no=2).update(city_grant_krw=280_000_000)
    refresh_instalments(agreement=a, today=TODAY)
    assert Instalment.objects.get(agreement=a, year_no=2).amount_krw == 280_000_000
    batch = prepare_batch(instalments=instalments(a)[:1], actor=staff("prep"), today=TODAY)
    a.years.filter(year_no=1).update(city_grant_krw=1)
    refresh_instalments(agreement=a, today=TODAY)
    assert Instalment.objects.get(agreement=a, year_no=1).amount_krw == 300_000_000
    assert PaymentBatch.objects.get(pk=batch.pk).total_krw == 300_000_000
    assert AuditEntry.objects.filter(action="instalment.amount").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_batches_of_the_same_instalment_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    a = payable_agreement()
    preparers = [staff("p1"), staff("p2")]
    outcomes, barrier = [], threading.Barrier(2)

    def prepare(user):
        try:
            barrier.wait()
            prepare_batch(instalments=instalments(a), actor=user, today=TODAY)
            outcomes.append("ok")
        except AlreadyDecided:  # PaymentRefused: no longer payable
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=prepare, args=(u,)) for u in preparers]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(outcomes) == ["ok", "refused"]
    assert PaymentBatch.objects.count() == 1
    assert Instalment.objects.get(agreement=a).batch_id == PaymentBatch.objects.get().pk
