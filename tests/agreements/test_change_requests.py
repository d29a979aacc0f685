"""Plan changes: part types from the rules (threshold exact), decisions per part, version n+1."""

import datetime as dt

import pytest

from accounts.enums import Role
from agreements.domain.changes import decide_change_part, submit_change_request
from agreements.domain.expenses import ExpenseRefused
from agreements.models import AgreementBudgetLine
from agreements.models.changes import ChangeDecision, ChangeRequestStatus, ChangeType
from config.locking import AlreadyDecided
from tests.agreements.factories import agreement_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(catalogue):
    from agreements.domain.versions import record_version

    agreement = agreement_for()
    record_version(agreement=agreement, actor=None, reason="협약 체결")  # version 1
    return agreement


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF)


def realloc(amount, src="personnel", dst="materials"):
    return {"kind": "budget_reallocation",
            "payload": {"year_no": 1, "from_category": src, "to_category": dst,
                        "amount_krw": amount}}  # fmt: skip


def submit(agreement, *parts, reason="장비 구입 계획 변경"):
    return submit_change_request(agreement=agreement, actor=agreement.application.applicant,
                                 reason=reason, parts=list(parts))  # fmt: skip


def line(agreement, category):
    return AgreementBudgetLine.objects.get(year__agreement=agreement, category=category)


def test_reallocation_exactly_at_the_threshold_is_a_notification_applied_at_once(agreement):
    # personnel plan 250,000,000 × 20 % (DEFAULT) = 50,000,000
    request = submit(agreement, realloc(50_000_000))
    part = request.parts.get()
    assert part.change_type == ChangeType.NOTIFICATION and part.decision == ChangeDecision.ACCEPTED
    assert "20%" in part.type_rule and "default" in part.type_rule
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.CLOSED
    assert (request.version_from, request.version_to) == (1, 2)
    assert line(agreement, "personnel").city_grant_krw == 200_000_000
    assert line(agreement, "materials").city_grant_krw == 200_000_000


def test_one_won_over_the_threshold_needs_approval(agreement, staff):
    request = submit(agreement, realloc(50_000_001))
    part = request.parts.get()
    assert part.change_type == ChangeType.APPROVAL and part.decision == ""
    assert line(agreement, "personnel").city_grant_krw == 250_000_000  # nothing applied yet
    decide_change_part(part=part, actor=staff, decision=ChangeDecision.ACCEPTED)
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.CLOSED and request.version_to == 2
    assert line(agreement, "personnel").city_grant_krw == 199_999_999


def test_programme_threshold_overrides_the_default(agreement):
    program = agreement.program
    program.post_award = {**(program.post_award or {}),
                          "change_rules": {"reallocation_notification_max_pct": 30}}  # fmt: skip
    program.save()
    part = submit(agreement, realloc(75_000_000)).parts.get()
    assert part.change_type == ChangeType.NOTIFICATION and "programme" in part.type_rule


def test_parts_are_decided_one_by_one_and_one_version_records_them_all(agreement, staff):
    from agreements.domain.versions import diff_versions

    request = submit(
        agreement,
        {"kind": "period_extension", "payload": {"new_ends_on": "2027-12-31"}},
        realloc(10_000_000),
        {"kind": "researcher_change", "payload": {"role": "pi", "leaving": "김철수",
                                                  "joining": "이영희", "rate_pct": 40}},
        {"kind": "co_institution_change", "payload": {"action": "add",
                                                      "institution_name": "서울대학교"}},
    )  # fmt: skip
    parts = {p.kind: p for p in request.parts.all()}
    types = {k: p.change_type for k, p in parts.items()}
    assert types == {"period_extension": "approval", "budget_reallocation": "notification",
                     "researcher_change": "approval", "co_institution_change": "approval"}  # fmt: skip
    decide_change_part(part=parts["period_extension"], actor=staff,
                       decision=ChangeDecision.ACCEPTED_WITH_CHANGES,
                       payload={"new_ends_on": "2027-11-30"}, reason="2개월만 인정")  # fmt: skip
    decide_change_part(part=parts["researcher_change"], actor=staff, decision="accepted")
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING and request.version_to is None
    decide_change_part(part=parts["co_institution_change"], actor=staff,
                       decision=ChangeDecision.REFUSED, reason="컨소시엄 요건 불충족")  # fmt: skip
    request.refresh_from_db()
    agreement.refresh_from_db()
    assert request.status == ChangeRequestStatus.CLOSED and request.version_to == 2
    assert agreement.ends_on == dt.date(2027, 11, 30) and agreement.version_no == 2
    assert agreement.years.get().ends_on == dt.date(2027, 11, 30)
    v1, v2 = agreement.versions.order_by("version_no")
    diff = diff_versions(old=v1, new=v2)
    text = " ".join(d["ko"] for d in diff)
    assert "2027-09-30" in text and "2027-11-30" in text
    assert any(d["old"] == 250_000_000 and d["new"] == 240_000_000 for d in diff)
    assert "이영희" in v2.reason and "서울대학교" not in v2.reason


def test_all_refused_makes_no_version(agreement, staff):
    request = submit(agreement, realloc(60_000_000))
    decide_change_part(part=request.parts.get(), actor=staff, decision="refused", reason="불필요")
    request.refresh_from_db()
    agreement.refresh_from_db()
    assert request.status == ChangeRequestStatus.CLOSED and request.version_to is None
    assert agreement.version_no == 1 and line(agreement, "personnel").city_grant_krw == 250_000_000


def test_a_part_is_decided_once(agreement, staff):
    part = submit(agreement, realloc(60_000_000)).parts.get()
    decide_change_part(part=part, actor=staff, decision="accepted")
    with pytest.raises(AlreadyDecided):
        decide_change_part(part=part, actor=staff, decision="refused", reason="두 번째 클릭")
    notification = submit(agreement, realloc(1_000)).parts.get()
    with pytest.raises(AlreadyDecided):  # final on filing: staff cannot overturn it
        decide_change_part(part=notification, actor=staff, decision="refused", reason="x")


@pytest.mark.parametrize("part,field,code", [
    (realloc(300_000_000), "parts.0.amount_krw", "amount_over_remaining"),
    (realloc(10, dst="personnel"), "parts.0.to_category", "same_category"),
    ({"kind": "period_extension", "payload": {"new_ends_on": "2028-06-30"}},
     "parts.0.new_ends_on", "extension_too_long"),
    ({"kind": "period_extension", "payload": {"new_ends_on": "nope"}},
     "parts.0.new_ends_on", "date_invalid"),
    ({"kind": "researcher_change", "payload": {"role": "pi", "leaving": "김"}},
     "parts.0.joining", "pi_required"),
    ({"kind": "teleport", "payload": {}}, "parts.0.kind", "kind_unknown"),
])  # fmt: skip
def test_bad_parts_are_refused_with_their_field(agreement, part, field, code):
    with pytest.raises(ExpenseRefused) as exc:
        submit(agreement, part)
    assert (exc.value.problems[0].field, exc.value.problems[0].code) == (field, code)


def test_refusal_and_changed_acceptance_need_a_reason(agreement, staff):
    part = submit(agreement, realloc(60_000_000)).parts.get()
    with pytest.raises(ExpenseRefused) as exc:
        decide_change_part(part=part, actor=staff, decision="refused")
    assert exc.value.problems[0].field == "reason"
