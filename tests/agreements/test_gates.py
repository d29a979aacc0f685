"""Instalment gates: each one blocked with its reason (ko/en) and green; the catalogue chooses."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from agreements.domain.gates import DEFAULT_GATES, GATES, evaluate_gates, gate_codes
from agreements.domain.payments import ensure_instalments, refresh_instalments
from agreements.enums import AgreementStatus, AnnualVerdict
from agreements.models import AnnualReview, Instalment, InstalmentStatus
from evaluation.screening.models import Obligation, Sanction
from tests.agreements.factories import agreement_for
from tests.agreements.money_helpers import TODAY, guarantees_green  # noqa: F401

pytestmark = pytest.mark.django_db


def results(instalment, today=TODAY) -> dict:
    return {r.code: r for r in evaluate_gates(instalment=instalment, today=today)}


def first(agreement, year_no=1) -> Instalment:
    ensure_instalments(agreement=agreement)
    return Instalment.objects.select_related("agreement__program", "year").get(
        agreement=agreement, year_no=year_no
    )


def test_defaults_are_the_general_gates_in_order(catalogue):
    agreement = agreement_for()
    assert gate_codes(agreement.program) == list(DEFAULT_GATES)
    assert set(DEFAULT_GATES) <= set(GATES)


@pytest.mark.usefixtures("guarantees_green")
def test_all_green(catalogue):
    inst = first(agreement_for())
    got = results(inst)
    assert list(got) == list(DEFAULT_GATES)
    assert all(r.ok for r in got.values()), [r.message_en for r in got.values() if not r.ok]


@pytest.mark.usefixtures("guarantees_green")
def test_agreement_not_active_blocks(catalogue):
    inst = first(agreement_for(status=AgreementStatus.SUSPENDED))
    r = results(inst)["agreement_active"]
    assert not r.ok and "협약 상태가 '" in r.message_ko and "Suspended" in r.message_en


def test_guarantee_gate_reads_verified_guarantees(catalogue):
    """Real Guarantee rows: a policy ending one day before year end + 6 months does not cover."""
    from agreements.models import Guarantee

    agreement = agreement_for()
    inst = first(agreement)
    year = inst.year
    until = year.guarantee_required_until
    r = results(inst)["guarantee_covers_year"]
    assert not r.ok and f"{until:%Y-%m-%d}" in r.message_ko and "KRW 400,000,000" in r.message_en
    short = Guarantee.objects.create(
        agreement=agreement, year=year, insurer="서울보증보험", policy_no="P-1",
        amount_krw=year.city_grant_krw, starts_on=year.starts_on,
        ends_on=until - dt.timedelta(days=1), status="verified", verified_at=timezone.now(),
    )  # fmt: skip
    assert not results(inst)["guarantee_covers_year"].ok
    Guarantee.objects.filter(pk=short.pk).update(ends_on=until)
    assert results(inst)["guarantee_covers_year"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_previous_year_annual_evaluation(catalogue):
    agreement = agreement_for(years=2)
    assert results(first(agreement, 1))["previous_year_passed"].ok
    inst2 = first(agreement, 2)
    r = results(inst2)["previous_year_passed"]
    assert not r.ok and "1차년도 연차평가 결과가 아직 없습니다" in r.message_ko
    review = AnnualReview.objects.create(
        agreement=agreement, year_no=1, verdict=AnnualVerdict.STOP, decided_at=timezone.now()
    )
    r = results(inst2)["previous_year_passed"]
    assert not r.ok and "중단" in r.message_ko and "stop" in r.message_en
    AnnualReview.objects.filter(pk=review.pk).update(verdict=AnnualVerdict.CONTINUE_WITH_CHANGES)
    assert results(inst2)["previous_year_passed"].ok


@pytest.mark.parametrize("kind", ["recovery", "penalty"])
@pytest.mark.usefixtures("guarantees_green")
def test_open_recovery_or_penalty_blocks_until_paid(catalogue, kind):
    agreement = agreement_for()
    inst = first(agreement)
    bill = Obligation.objects.create(
        institution=agreement.lead_institution, kind=kind, description="2025 정산 환수",
        amount_krw=12_345_000, due_on=TODAY + dt.timedelta(days=20),
    )  # fmt: skip
    r = results(inst)["no_open_recovery"]
    assert not r.ok and "12,345,000원" in r.message_ko and "2025 정산 환수" in r.message_en
    Obligation.objects.filter(pk=bill.pk).update(fulfilled_on=TODAY)
    assert results(inst)["no_open_recovery"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_other_institution_bill_and_royalty_do_not_block(catalogue):
    agreement = agreement_for()
    inst = first(agreement)
    other = agreement_for()
    Obligation.objects.create(institution=other.lead_institution, kind="recovery",
                              amount_krw=1, due_on=TODAY)  # fmt: skip
    Obligation.objects.create(institution=agreement.lead_institution, kind="royalty",
                              amount_krw=1, due_on=TODAY)  # fmt: skip
    assert results(inst)["no_open_recovery"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_sanction_in_force_blocks_on_its_days_only(catalogue):
    agreement = agreement_for()
    inst = first(agreement)
    Sanction.objects.create(institution=agreement.lead_institution, reason="허위 서류 제출",
                            starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=364))  # fmt: skip
    r = results(inst)["no_active_sanction"]
    assert not r.ok and "허위 서류 제출" in r.message_ko and "restricted" in r.message_en
    assert results(inst, TODAY - dt.timedelta(days=1))["no_active_sanction"].ok
    assert results(inst, TODAY + dt.timedelta(days=365))["no_active_sanction"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_overdue_report_blocks_and_a_future_one_does_not(catalogue):
    agreement = agreement_for()
    inst = first(agreement)
    report = Obligation.objects.create(institution=agreement.lead_institution, kind="report",
                                       description="1차년도 중간보고서", due_on=TODAY)  # fmt: skip
    r = results(inst)["reports_filed"]
    assert not r.ok and "1차년도 중간보고서(2026-10-05)" in r.message_ko
    assert results(inst, TODAY - dt.timedelta(days=1))["reports_filed"].ok  # not due yet
    Obligation.objects.filter(pk=report.pk).update(fulfilled_on=TODAY)
    assert results(inst)["reports_filed"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_catalogue_selects_programme_gates_and_unknown_codes_fail_closed(catalogue):
    agreement = agreement_for(years=2)
    program = agreement.program
    program.post_award = {**(program.post_award or {}),
                          "instalment_gates": ["agreement_active", "previous_instalment_paid",
                                               "crowdfunding_nonexistent"]}  # fmt: skip
    program.save(update_fields=["post_award"])
    inst2 = first(agreement, 2)
    got = results(inst2)
    assert list(got) == ["agreement_active", "previous_instalment_paid", "crowdfunding_nonexistent"]
    assert got["agreement_active"].ok
    assert not got["previous_instalment_paid"].ok  # year 1 not paid yet
    assert not got["crowdfunding_nonexistent"].ok
    assert "crowdfunding_nonexistent" in got["crowdfunding_nonexistent"].message_en
    Instalment.objects.filter(agreement=agreement, year_no=1).update(status=InstalmentStatus.PAID)
    assert results(inst2)["previous_instalment_paid"].ok


@pytest.mark.usefixtures("guarantees_green")
def test_message_follows_the_language(catalogue):
    inst = first(agreement_for(status=AgreementStatus.SUSPENDED))
    r = results(inst)["agreement_active"]
    with translation.override("en"):
        assert r.message == r.message_en
    with translation.override("ko"):
        assert r.message == r.message_ko


@pytest.mark.usefixtures("guarantees_green")
def test_refresh_moves_planned_and_payable_by_the_gates(catalogue):
    agreement = agreement_for()
    ((inst, res),) = refresh_instalments(agreement=agreement, today=TODAY)
    assert inst.status == InstalmentStatus.PAYABLE and all(r.ok for r in res)
    Sanction.objects.create(institution=agreement.lead_institution, reason="제재",
                            starts_on=TODAY, ends_on=TODAY)  # fmt: skip
    ((inst, res),) = refresh_instalments(agreement=agreement, today=TODAY)
    assert inst.status == InstalmentStatus.PLANNED
    assert Instalment.objects.get(pk=inst.pk).status == InstalmentStatus.PLANNED


def test_ensure_instalments_is_idempotent_and_uses_each_year_grant(catalogue):
    agreement = agreement_for(years=3, city_grant_per_year_krw=123_456_789)
    ensure_instalments(agreement=agreement)
    got = ensure_instalments(agreement=agreement)
    assert [(i.year_no, i.amount_krw, i.status) for i in got] == [
        (n, 123_456_789, InstalmentStatus.PLANNED) for n in (1, 2, 3)
    ]


@pytest.mark.usefixtures("guarantees_green")
def test_daily_job_refreshes_active_agreements_and_is_scheduled(catalogue, beat_schedules):
    from django_celery_beat.models import PeriodicTask

    from agreements.tasks import instalment_gates_daily

    active, suspended = agreement_for(years=2), agreement_for(status=AgreementStatus.SUSPENDED)
    counts = instalment_gates_daily(today=TODAY.isoformat())
    assert counts == {"agreements": 1, "payable": 1, "planned": 1}
    assert list(active.instalments.values_list("status", flat=True)) == ["payable", "planned"]
    assert not suspended.instalments.exists()
    task = PeriodicTask.objects.get(task="agreements.tasks.instalment_gates_daily")
    assert task.enabled and (task.crontab.hour, task.crontab.minute) == ("6", "20")
    assert str(task.crontab.timezone) == "Asia/Seoul"
