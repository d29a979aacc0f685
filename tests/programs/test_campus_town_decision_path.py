"""R03 campus-town decision path end to end at the domain level (seed 000 Ⅳ-③ 진행절차):
1차평가(기술평가위원회 선정평가) → 2차평가(SBA 과제평가) → 산학연협력사업심의위원회 심의·확정 → 결과 공지
→ 협약: 캠퍼스타운 대학(전문가) ↔ 서울기술연구원, SBA ↔ 서울기술연구원 (정책지정된 주관기관)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from agreements.domain.chain import chain_principal_of, create_chained_agreement, set_chained_status
from agreements.domain.creation import create_agreement
from applications.enums import ApplicationStatus
from applications.models import Application
from evaluation.domain.committees import auto_assign
from evaluation.domain.decisions import decide_candidate, publish_results
from evaluation.domain.results import compute_stage_results
from evaluation.models import CommitteeDecision, StageResult
from programs.domain.flows import stage_of
from programs.models import Call
from tests.applications import campus_town_factories as ct
from tests.evaluation.factories import committee_with_members, score_all
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _score_stage(call, app, stage: str, staff) -> StageResult:
    committee = committee_with_members(call, n=3, stage=stage, actor=staff)
    auto_assign(committee=committee, applications=[app], actor=staff)
    criteria = app.program.stage(stage)["criteria"]
    points = [int(c["max_points"] * 0.9) for c in criteria]
    score_all(committee, app, [points] * 3)
    compute_stage_results(call=call, stage=stage, actor=staff)
    return StageResult.objects.get(application=app, stage=stage)


def test_r03_first_evaluation_sba_evaluation_city_committee_then_chained_agreements(catalogue):
    staff = UserFactory(role=Role.STAFF)
    lead = ct.tech_platform()  # 서울기술연구원, designated as the lead (정책지정, 운영요령 §18)
    ct.designated(lead=lead)
    call = ct.r03_call()
    match = ct.accepted_match()  # startup ↔ university expert, 1:1, before intake
    app = ct.joint_plan(match)
    # intake and screening are tested elsewhere: the plan is in evaluation after the close
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.IN_EVALUATION)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(days=1))
    app.refresh_from_db()
    call.refresh_from_db()
    program = app.program

    names = {code: stage_of(program=program, code=code)["name_ko"]
             for code in ("document", "presentation", "committee")}  # fmt: skip
    assert names["document"].startswith("1차평가(기술평가위원회")
    assert names["presentation"].startswith("2차평가(SBA")
    assert names["committee"].startswith("산학연협력사업심의위원회")

    first = _score_stage(call, app, "document", staff)  # the technology committee
    assert first.advances
    second = _score_stage(call, app, "presentation", staff)  # SBA's project evaluation
    assert second.advances  # no site check in R03's procedure: straight to the city's committee

    decide_candidate(application=app, selected=True, order=1, reason="산학연협력사업심의위원회 심의·확정",
                     actor=staff)  # fmt: skip
    assert CommitteeDecision.objects.get(application=app).selected
    client = Client()
    client.force_login(staff)
    page = client.get(f"/evaluation/calls/{call.pk}/committee/").content.decode()
    assert "<h1>산학연협력사업심의위원회" in page and "<h1>실무조정위원회" not in page
    english = client.get(f"/en/evaluation/calls/{call.pk}/committee/").content.decode()
    assert "industry–academia–research cooperation review committee" in english.lower()
    client.force_login(match.problem.posted_by)  # the startup's timeline names the same committee
    mine = client.get("/applications/").content.decode()
    assert "산학연협력사업심의위원회" in mine and "실무조정위원회" not in mine

    publish_results(call=call, actor=staff)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SELECTED

    parent = create_agreement(application=app, actor=staff)  # SBA ↔ 서울기술연구원
    assert chain_principal_of(parent) == lead
    university = match.expert.expert_profile.university
    child = create_chained_agreement(parent=parent, counterparty=university, amount_krw=50_000_000,
                                     actor=staff, expert=match.expert)  # fmt: skip
    assert (child.principal, child.counterparty, child.expert) == (lead, university, match.expert)
    child = set_chained_status(chained_id=child.pk, status="concluded", actor=staff)
    assert child.status == "concluded" and child.amount_krw <= parent.city_grant_krw
