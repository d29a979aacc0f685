"""Builders for Testbed Seoul tests: the people involved, a rolling call and proposals at a step."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.enums import Role, SiteKind
from applications.domain import testbed_actions as act
from applications.domain.testbed_reviews import assign_proposal, form_committee, review_stage
from applications.models import DemandTopic
from applications.models.testbed import TestbedStep as T
from evaluation.domain.scoring import criteria_for
from evaluation.enums import SheetStatus
from evaluation.models import Assignment, CommitteeMember, CriterionScore, ScoreSheet
from programs.models import Program
from tests.factories import CallFactory, InstitutionFactory, UserFactory

ORDER = [T.REQUIREMENTS, T.SITE_OPINION, T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW, T.DEMO_PLAN,
         T.AGREEMENT, T.MONITORING, T.DEMO_EVALUATION, T.CERTIFIED]  # fmt: skip


def make_testbed_world(*, foreign: bool = False, prefix: str = "tb") -> dict:
    """R08 (catalogue must be loaded), its rolling call, a proposer, the intake agency, a
    demonstration site with its account, SBA staff and a published demand topic."""
    program = Program.objects.get(code="R08")
    call = CallFactory(programs=["R08"], intake_mode="rolling",
                       closes_at=timezone.now() + dt.timedelta(days=365))  # fmt: skip
    if foreign:
        company = InstitutionFactory(
            name="Acme Robotics GmbH", name_en="Acme Robotics GmbH", business_no="",
            is_foreign=True, country="DE", foreign_registration_no="HRB-12345", seoul_hq=False,
        )  # fmt: skip
        company.sites.create(kind=SiteKind.BRANCH, address="서울특별시 강남구 테헤란로 1",
                             in_seoul=True, district="강남구")  # fmt: skip
    else:
        company = InstitutionFactory(name="주식회사 실증테크", name_en="Siljeung Tech Inc.")
    site = InstitutionFactory(name="서울교통공사", name_en="Seoul Metro", type="other")
    topic = DemandTopic.objects.create(
        title_ko="지하철 승강장 미세먼지 저감", title_en="Fine dust in subway platforms",
        description_ko="승강장 공기질 개선 기술", description_en="Air quality on platforms",
        site=site, published=True,
    )  # fmt: skip
    return {
        "program": program, "call": call, "company": company, "site": site, "topic": topic,
        "proposer": UserFactory(username=f"{prefix}-proposer", role=Role.APPLICANT, institution=company),
        "agency": UserFactory(username=f"{prefix}-agency", role=Role.INTAKE_AGENCY),
        "site_user": UserFactory(username=f"{prefix}-site", role=Role.DEMO_SITE, institution=site),
        "staff": UserFactory(username=f"{prefix}-staff", role=Role.STAFF),
        "prefix": prefix,
    }  # fmt: skip


def propose(w: dict, *, track: str = "budget_support", city: int = 400_000_000,
            company: int = 100_000_000, topic: bool = True, tech: str = "drone", trl: int = 7,
            now=None):  # fmt: skip
    return act.submit_proposal(
        user=w["proposer"], call=w["call"], program=w["program"], track_code=track,
        demand_topic=w["topic"] if topic else None, title_ko="드론 기반 교량 안전 점검",
        title_en="Drone bridge inspection", summary="드론으로 교량을 점검합니다.", tech_field=tech,
        current_trl=trl, city_krw=city, company_krw=company, now=now,
    )  # fmt: skip


def review_committee(w: dict, stage: str, *, evaluators: int = 3):
    """The world's committee of the stage (formed by the intake agency once) with its evaluators
    seated, pledge signed (rows built directly: the seating and pledge have their own tests)."""
    key = f"committee_{stage}"
    if key not in w:
        committee = form_committee(call=w["call"], stage=stage, name=f"{stage} panel",
                                   actor=w["agency"])  # fmt: skip
        w.setdefault("evaluators", [])
        while len(w["evaluators"]) < evaluators:
            w["evaluators"].append(UserFactory(
                username=f"{w['prefix']}-ev{len(w['evaluators'])}", role=Role.EVALUATOR))  # fmt: skip
        CommitteeMember.objects.bulk_create(
            CommitteeMember(committee=committee, evaluator=e, pledge_signed_at=timezone.now())
            for e in w["evaluators"][:evaluators]
        )
        w[key] = committee
    return w[key]


def sheet(total: int, criteria: list[dict]) -> list[dict]:
    """Points per criterion adding up to `total` (each criterion filled up to its maximum)."""
    out, left = [], Decimal(total)
    for c in criteria:
        points = min(left, Decimal(str(c["max_points"])))
        out.append({"code": c["code"], "points": str(points)})
        left -= points
    return out


def score_review(w: dict, proposal, *, totals=(70, 80, 90)):
    """Assign the proposal to the stage's committee (the domain's auto-assignment, conflicts
    excluded) and give the active assignments submitted sheets with these totals (rows built
    directly, as a factory: the evaluator's saving and submitting have their own tests)."""
    stage = review_stage(proposal)
    assign_proposal(proposal=proposal, committee=review_committee(w, stage), actor=w["agency"])
    active = Assignment.objects.filter(application=proposal.application, stage=stage,
                                       status="active").order_by("evaluator_id")  # fmt: skip
    now = timezone.now()
    for assignment, total in zip(active, totals, strict=False):
        made = ScoreSheet.objects.create(assignment=assignment, status=SheetStatus.SUBMITTED,
                                         total=Decimal(total), submitted_at=now)  # fmt: skip
        CriterionScore.objects.bulk_create(
            CriterionScore(sheet=made, code=c["code"], points=Decimal(c["points"]))
            for c in sheet(total, criteria_for(assignment))
        )


def advance(w: dict, proposal, *, to: str):
    """Walk a proposal through the happy path up to the step `to`."""
    while proposal.step != to:
        step = proposal.step
        if step == T.REQUIREMENTS:
            act.check_requirements(proposal=proposal, actor=w["agency"], passed=True, note="요건 충족",
                                   site=w["site"])  # fmt: skip
        elif step == T.SITE_OPINION:
            act.give_site_opinion(proposal=proposal, actor=w["site_user"], fit=True, comment="적합")
        elif step == T.WRITTEN_REVIEW:
            score_review(w, proposal, totals=(70, 80, 90))
            act.close_review(proposal=proposal, actor=w["agency"], step=step, note="기술성 양호")
        elif step == T.PRESENTATION_REVIEW:
            score_review(w, proposal, totals=(75, 75, 75))
            act.close_review(proposal=proposal, actor=w["agency"], step=step, note="효과성 양호")
        elif step == T.DEMO_PLAN:
            start = timezone.localdate()
            act.record_demo_plan(proposal=proposal, actor=w["staff"], plan="교량 3곳 실증",
                                 starts_on=start, ends_on=start + dt.timedelta(days=180))  # fmt: skip
        elif step == T.AGREEMENT:
            act.make_agreement(proposal=proposal, actor=w["staff"])
        elif step == T.MONITORING:
            act.finish_monitoring(proposal=proposal, actor=w["staff"])
        elif step == T.DEMO_EVALUATION:
            act.record_demo_evaluation(proposal=proposal, actor=w["staff"], passed=True,
                                       result_ko="점검 시간 40% 단축", result_en="Inspection time cut by 40 %")  # fmt: skip
        else:
            raise AssertionError(step)
        proposal.refresh_from_db()
    return proposal
