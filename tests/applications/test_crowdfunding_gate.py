"""R01 crowdfunding type: the campaign result, staff verification, the agreement and payment gate,
and each fraud flag at its threshold (just below, at, above)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from accounts.enums import Role
from accounts.models import AuditEntry, Notice
from agreements.domain.creation import CreationRefused, create_agreement
from applications.domain import crowdfunding as cf
from applications.domain import crowdfunding_fraud as fraud
from applications.models import CampaignBacker, CampaignFlag
from applications.models.crowdfunding import FlagKind, FlagStatus
from config.locking import AlreadyDecided
from programs.domain.plugins import run_plugins
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
RESULT = {"platform": "wadiz", "url": "https://www.wadiz.kr/web/campaign/detail/1", "target_krw": "10,000,000",
          "raised_krw": "12000000", "backers": "240", "ends_on": "2021-08-31", "succeeded": True}  # fmt: skip
FLOW = {
    "concentration": {"top_n": 5, "max_share_pct": 50},
    "excessive_purchase": {"max_share_pct": 10},
}
NOBODY = (set(), set(), "다른회사", "9999999999")


@pytest.fixture
def selected(catalogue):
    call = CallFactory(programs=["R01"], closed=True)
    return ApplicationFactory(call=call, track="crowdfunding", status="selected", city_grant_krw=50_000_000,
                              receipt_no="2021-R01-0001")  # fmt: skip


@pytest.fixture
def staff(users):
    return users[Role.STAFF]


def test_agreement_and_payment_blocked_until_success_is_verified(selected, staff):
    with pytest.raises(CreationRefused) as refused:
        create_agreement(application=selected, actor=staff)
    assert refused.value.code == "crowdfunding_success"
    campaign, _ = cf.record_campaign(application=selected, actor=selected.applicant, data=RESULT)
    with pytest.raises(CreationRefused, match="SBA has not verified"):
        create_agreement(application=selected, actor=staff)
    instalment = SimpleNamespace(agreement=SimpleNamespace(application=selected))
    [gate] = run_plugins(
        hook="instalment_gate",
        program=selected.program,
        instalment=instalment,
        today=dt.date.today(),
    )
    assert gate.ok is False
    cf.decide_campaign(campaign=campaign, verified=True, reason="", actor=staff)
    [gate] = run_plugins(
        hook="instalment_gate",
        program=selected.program,
        instalment=instalment,
        today=dt.date.today(),
    )
    assert gate.ok is True
    [agreement_gate] = run_plugins(
        hook="agreement_gate", program=selected.program, application=selected
    )
    assert agreement_gate.ok is True
    assert (
        Notice.objects.filter(recipient=selected.applicant, subject__contains="verified").count()
        == 1
    )


def test_a_failed_campaign_keeps_the_gate_closed_even_verified(selected, staff):
    data = {**RESULT, "raised_krw": "9999999", "succeeded": "false"}
    campaign, _ = cf.record_campaign(application=selected, actor=selected.applicant, data=data)
    cf.decide_campaign(campaign=campaign, verified=True, reason="", actor=staff)
    assert cf.funding_gate(selected)[0] is False


def test_open_evaluation_track_passes_the_gate(catalogue):
    app = ApplicationFactory(
        call=CallFactory(programs=["R01"], closed=True), track="open_evaluation", status="selected"
    )
    assert cf.funding_gate(app)[0] is True


def test_recording_twice_is_idempotent_and_validation_is_bilingual(selected):
    first, changed = cf.record_campaign(application=selected, actor=selected.applicant, data=RESULT)
    again, changed_again = cf.record_campaign(
        application=selected, actor=selected.applicant, data=RESULT
    )
    assert (changed, changed_again, first.pk) == (True, False, again.pk)
    assert AuditEntry.objects.filter(action="crowdfunding.record").count() == 1
    with pytest.raises(cf.CampaignInvalid) as bad:
        cf.record_campaign(
            application=selected,
            actor=selected.applicant,
            data={**RESULT, "platform": "kickstarter", "raised_krw": "-1", "url": "wadiz"},
        )
    fields = {p.field for p in bad.value.problems}
    assert fields == {"platform", "raised_krw", "url"}
    assert all(p.message_ko and p.message_en for p in bad.value.problems)
    with pytest.raises(cf.CampaignInvalid, match="less than its target"):
        cf.record_campaign(
            application=selected, actor=selected.applicant, data={**RESULT, "raised_krw": "9999999"}
        )


def test_only_the_owner_records_and_a_verified_result_is_locked(selected, staff):
    with pytest.raises(AlreadyDecided):
        cf.record_campaign(application=selected, actor=staff, data=RESULT)
    campaign, _ = cf.record_campaign(application=selected, actor=selected.applicant, data=RESULT)
    cf.decide_campaign(campaign=campaign, verified=True, reason="", actor=staff)
    with pytest.raises(AlreadyDecided):
        cf.decide_campaign(campaign=campaign, verified=False, reason="x", actor=staff)
    with pytest.raises(AlreadyDecided):
        cf.record_campaign(
            application=selected, actor=selected.applicant, data={**RESULT, "backers": "1"}
        )


def _backers(*amounts, **first):
    rows = [CampaignBacker(backer_ref=f"b{i}", amount_krw=a) for i, a in enumerate(amounts)]
    for k, v in first.items():
        setattr(rows[0], k, v)
    return rows


@pytest.mark.parametrize(("top5", "flagged"), [(4999, False), (5000, False), (5001, True)])
def test_concentration_flag_at_its_threshold(top5, flagged):
    # five backers share `top5` won (≤ 10 % each), 45 small ones share the rest of 10,000
    big = [top5 // 5 + (1 if i < top5 % 5 else 0) for i in range(5)]
    rest = 10_000 - top5
    small = [rest // 45 + (1 if i < rest % 45 else 0) for i in range(45)]
    flow = {**FLOW, "excessive_purchase": {"max_share_pct": 20}}
    kinds = {
        k for k, _s, _d in fraud.evaluate_backers(_backers(*big, *small), flow=flow, staff=NOBODY)
    }
    assert (FlagKind.CONCENTRATION in kinds) is flagged
    assert FlagKind.EXCESSIVE not in kinds


@pytest.mark.parametrize(("one", "flagged"), [(999, False), (1000, False), (1001, True)])
def test_excessive_purchase_flag_at_its_threshold(one, flagged):
    rest = [(10_000 - one) // 90 + (1 if i < (10_000 - one) % 90 else 0) for i in range(90)]
    found = fraud.evaluate_backers(_backers(one, *rest), flow=FLOW, staff=NOBODY)
    assert ((FlagKind.EXCESSIVE, "b0") in {(k, s) for k, s, _d in found}) is flagged


@pytest.mark.parametrize(
    "match", [{"business_no": "1234567890"}, {"email": "pi@lead.kr"}, {"name": "(주) 리드"}]
)
def test_self_purchase_by_the_lead_institution_or_its_staff(match):
    staff = ({"홍길동"}, {"pi@lead.kr"}, fraud._norm("주식회사 리드"), "1234567890")
    found = fraud.evaluate_backers(_backers(*[100] * 20, **match), flow=FLOW, staff=staff)
    assert [(k, s) for k, s, _d in found] == [(FlagKind.SELF_PURCHASE, "b0")]
    assert fraud.evaluate_backers(_backers(*[100] * 20), flow=FLOW, staff=staff) == []


@pytest.mark.parametrize(("count", "size"), [(0, 0), (3, 3), (50, 5), (51, 6), (100, 10)])
def test_delivery_sample_size(count, size):
    assert fraud.sample_size(count, {"delivery_sample": {"pct": 10, "min": 5}}) == size


def test_backer_import_flags_and_a_confirmed_fraud_closes_the_gate(selected, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign, _ = cf.record_campaign(application=selected, actor=selected.applicant, data=RESULT)
    cf.decide_campaign(campaign=campaign, verified=True, reason="", actor=staff)
    lines = [
        "backer_ref,name,email,amount_krw,shares,comments",
        'big,큰손,big@x.kr,"6,000,000",1,0',
    ]
    lines += [f"u{i},후원자{i},u{i}@x.kr,100000,0,1" for i in range(60)]
    upload = SimpleUploadedFile("backers.csv", "\n".join(lines).encode("utf-8"))
    result = fraud.import_backers(campaign=campaign, upload=upload, actor=staff)
    assert result["imported"] == 61
    assert set(result["flags"]) == {FlagKind.CONCENTRATION, FlagKind.EXCESSIVE}
    flag = CampaignFlag.objects.get(campaign=campaign, kind=FlagKind.EXCESSIVE)
    fraud.decide_flag(flag=flag, status="investigating", reason="IP 추적", actor=staff)
    fraud.decide_flag(flag=flag, status="confirmed", reason="본인 구매 확인", actor=staff)
    assert CampaignFlag.objects.get(pk=flag.pk).status == FlagStatus.CONFIRMED
    assert cf.funding_gate(selected)[0] is False
    with pytest.raises(AlreadyDecided):
        fraud.decide_flag(flag=flag, status="cleared", reason="x", actor=staff)


def test_delivery_sample_checked_and_unproven_is_flagged(selected, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign, _ = cf.record_campaign(application=selected, actor=selected.applicant, data=RESULT)
    lines = ["backer_ref,method,invoice_no,address"] + [
        f"u{i},택배,INV{i:04d},서울시 중구 {i}" for i in range(20)
    ]
    upload = SimpleUploadedFile("delivery.csv", "\n".join(lines).encode("utf-8"))
    result = fraud.import_deliveries(campaign=campaign, upload=upload, actor=selected.applicant)
    assert (result["imported"], result["sampled"]) == (20, 5)
    sampled = list(campaign.deliveries.filter(sampled=True))
    fraud.check_delivery(record=sampled[0], proven=False, actor=staff)
    fraud.check_delivery(record=sampled[1], proven=True, actor=staff)
    assert CampaignFlag.objects.filter(campaign=campaign, kind=FlagKind.DELIVERY).count() == 1
    with pytest.raises(AlreadyDecided):
        fraud.check_delivery(record=sampled[1], proven=False, actor=staff)
