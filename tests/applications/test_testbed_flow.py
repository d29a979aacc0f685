"""Testbed Seoul at the domain level: the whole flow, refusals, the self-pay and cap boundaries."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import AuditEntry, Notice
from applications.domain import testbed_actions as act
from applications.domain.testbed_flow import TRANSITIONS
from applications.domain.testbed_flow import TestbedRefused as Refused
from applications.domain.testbed_money import least_self_pay_krw
from applications.enums import ApplicationStatus
from applications.models.testbed import TestbedStep as T
from config.locking import AlreadyDecided
from tests.applications.testbed_factories import advance, make_testbed_world, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(catalogue):
    return make_testbed_world()


def test_flow_end_to_end_issues_the_certificate(w):
    proposal = propose(w)
    app = proposal.application
    assert app.status == ApplicationStatus.SUBMITTED and app.receipt_no.startswith("TB-")
    assert proposal.site == w["site"]  # the demand topic's site
    proposal = advance(w, proposal, to=T.CERTIFIED)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SELECTED
    assert app.agreement.city_grant_krw == 400_000_000
    assert proposal.site_opinion.fit is True
    assert proposal.answered_at is not None
    cert = proposal.certificate
    assert cert.code.startswith("T") and len(cert.code) == 13
    assert cert.result_en == "Inspection time cut by 40 %"
    steps = list(
        AuditEntry.objects.filter(action="testbed.step")
        .order_by("id")
        .values_list("after", flat=True)
    )
    assert [s["step"] for s in steps] == [s.value for s in
        (T.SITE_OPINION, T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW, T.DEMO_PLAN, T.AGREEMENT,
         T.MONITORING, T.DEMO_EVALUATION, T.CERTIFIED)]  # fmt: skip
    assert (
        Notice.objects.filter(recipient=w["proposer"], event_key__startswith="testbed:").count()
        == 8
    )
    asked = Notice.objects.filter(
        recipient=w["site_user"], event_key__endswith="site_opinion_requested"
    )
    assert asked.count() == 1


def test_foreign_corporation_with_a_seoul_branch_takes_part(catalogue):
    w = make_testbed_world(foreign=True, prefix="fx")
    proposal = propose(w, track="opportunity", city=0, company=50_000_000)
    findings = {
        f["code"]: f["verdict"].outcome for f in act.requirements_findings(proposal=proposal)
    }
    assert findings == {"seoul_location": "pass", "trl_minimum": "pass", "listed_tech_field": "pass",
                        "testbed_money": "pass"}  # fmt: skip
    proposal = advance(w, proposal, to=T.CERTIFIED)
    assert proposal.application.agreement.city_grant_krw == 0
    assert proposal.certificate.company_en == "Acme Robotics GmbH"


def test_trl_and_technology_field_are_screening_rules_with_reasons(w):
    proposal = propose(w, trl=5, tech="quantum")
    found = {f["code"]: f["verdict"] for f in act.requirements_findings(proposal=proposal)}
    assert found["trl_minimum"].outcome == "fail" and "5 < 6" in found["trl_minimum"].reason_en
    assert found["listed_tech_field"].outcome == "fail"
    assert "quantum" in found["listed_tech_field"].reason_en
    assert "listed_tech_field" in {r["code"] for r in w["program"].eligibility}


def test_failed_requirements_answer_the_proposer(w):
    proposal = propose(w)
    act.check_requirements(proposal=proposal, actor=w["agency"], passed=False, note="TRL 미달")
    proposal.refresh_from_db()
    assert proposal.step == T.NOT_SELECTED and proposal.answered_at is not None
    assert proposal.application.status == ApplicationStatus.SCREENED_OUT


def test_only_the_proposals_site_gives_the_opinion_and_only_once(w):
    proposal = advance(w, propose(w), to=T.SITE_OPINION)
    with pytest.raises(Refused):
        act.give_site_opinion(proposal=proposal, actor=w["agency"], fit=True, comment="x")
    act.give_site_opinion(proposal=proposal, actor=w["site_user"], fit=False, comment="전력 부족")
    with pytest.raises(AlreadyDecided):  # a second click finds the step moved on
        act.give_site_opinion(proposal=proposal, actor=w["site_user"], fit=True, comment="x")


def test_transition_table_refuses_skipping_steps(w):
    proposal = propose(w)
    assert T.CERTIFIED not in TRANSITIONS[T.REQUIREMENTS]
    with pytest.raises(AlreadyDecided):
        act.finish_monitoring(proposal=proposal, actor=w["staff"])


def test_demonstration_runs_at_most_a_year(w):
    import datetime as dt

    proposal = advance(w, propose(w), to=T.DEMO_PLAN)
    start = dt.date(2026, 1, 1)
    with pytest.raises(Refused):
        act.record_demo_plan(proposal=proposal, actor=w["staff"], plan="x", starts_on=start,
                             ends_on=start + dt.timedelta(days=365))  # fmt: skip
    act.record_demo_plan(proposal=proposal, actor=w["staff"], plan="x", starts_on=start,
                         ends_on=start + dt.timedelta(days=364))  # fmt: skip


@pytest.mark.parametrize(
    ("city", "company", "ok"),
    [
        (400_000_000, 100_000_000, True),  # the cap and exactly 20 %
        (400_000_001, 100_000_001, False),  # +1 won over the cap
        (400_000_000, 99_999_999, False),  # 1 won under 20 %
        (399_999_999, 100_000_000, True),  # ⌈399,999,999 / 4⌉ = 100,000,000
        (399_999_999, 99_999_999, False),  # 99,999,999.75 is not enough (rounded up)
    ],
)
def test_budget_support_cap_and_self_pay_at_the_proposal(w, city, company, ok):
    if ok:
        assert propose(w, city=city, company=company).application.city_grant_krw == city
    else:
        with pytest.raises(Refused):
            propose(w, city=city, company=company)


def test_opportunity_takes_no_city_money(w):
    with pytest.raises(Refused) as exc:
        propose(w, track="opportunity", city=1, company=10_000_000)
    assert exc.value.code == "budget"


def test_agreement_rechecks_the_cap(w):
    proposal = advance(w, propose(w), to=T.AGREEMENT)
    app = proposal.application
    app.city_grant_krw = 400_000_001  # e.g. changed in the admin after the result
    app.save(update_fields=["city_grant_krw"])
    with pytest.raises(Refused):
        act.make_agreement(proposal=proposal, actor=w["staff"])


@settings(max_examples=200, deadline=None)
@given(city=st.integers(min_value=0, max_value=400_000_000))
def test_least_self_pay_is_exactly_twenty_percent_rounded_up(city):
    least = least_self_pay_krw(city_krw=city, self_pay_pct=20)
    assert 100 * least >= 20 * (city + least)  # enough
    if least:
        assert 100 * (least - 1) < 20 * (city + least - 1)  # one won less is not


def test_the_same_form_sent_twice_makes_one_proposal(w):
    first = propose_with_token(w, "tok-1")
    assert propose_with_token(w, "tok-1") == first
    assert propose_with_token(w, "tok-2") != first


def propose_with_token(w, token):
    return act.submit_proposal(
        user=w["proposer"], call=w["call"], program=w["program"], track_code="opportunity",
        demand_topic=None, title_ko="제안", title_en="", summary="요약", tech_field="ai",
        current_trl=6, city_krw=0, company_krw=0, token=token,
    )  # fmt: skip
