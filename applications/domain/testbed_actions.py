"""What each role does to a testbed proposal (seed 000 Ⅳ-⑧ 추진절차); every step change goes
through applications.domain.testbed_flow.set_testbed_step on the locked proposal row.

Intake agency (서울기술연구원): requirements check, closing the written and presentation reviews
(scored by a committee through evaluation/, applications.domain.testbed_reviews), the result.
Demonstration site: its opinion. SBA staff: plan, agreement, monitoring, evaluation, certificate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from accounts.models import Institution, User
from applications.domain.state import set_application_status
from applications.domain.testbed_flow import TestbedRefused, set_testbed_step
from applications.enums import ApplicationStatus, BudgetCategory
from applications.models import Application, BudgetItem, DemandTopic, SiteOpinion, TestbedProposal
from applications.models.testbed import TestbedStep as T
from config.locking import lock, refuse_duplicate
from evaluation.screening.domain.rules import RULES
from programs.domain.flows import flow_value, program_tracks
from programs.domain.plugins import run_plugins
from programs.models import Call, Program


def _refuse(code: str, ko: str, en: str):
    raise TestbedRefused(ko, en, code=code)


def budget_problems(*, program: Program, track_code: str, city_krw: int, company_krw: int) -> list:
    """Problems of the money from the programme's selected plug-ins (flow ``proposal_budget``)."""
    problems = []
    for result in run_plugins(hook="proposal_budget", program=program, track_code=track_code,
                              city_krw=city_krw, company_krw=company_krw):  # fmt: skip
        problems += result.data.get("problems") or ([] if result.ok else [result])
    return problems


def _locked(proposal: TestbedProposal, step: T | None = None) -> TestbedProposal:
    row = lock(
        TestbedProposal.objects.select_related("application__program", "application__applicant"),
        proposal.pk,
    )
    if step is not None and row.step != step:
        _refuse("step", f"이 제안은 지금 '{T(row.step).label}' 단계입니다.",
                f"This proposal is now at '{T(row.step).label}'.")  # fmt: skip
    return row


@transaction.atomic
def submit_proposal(
    *, user: User, call: Call, program: Program, track_code: str, demand_topic: DemandTopic | None,
    title_ko: str, title_en: str, summary: str, tech_field: str, current_trl: int,
    city_krw: int, company_krw: int, now: dt.datetime | None = None, token: str = "",
) -> TestbedProposal:  # fmt: skip
    """A proposal received on the rolling intake (상시접수): application + proposal rows."""
    now = now or timezone.now()
    lock(User, user.pk)  # one submission of this account at a time (a double click waits here)
    if token:
        earlier = TestbedProposal.objects.filter(application__applicant=user,
                                                 application__idempotency_key=token).first()  # fmt: skip
        if earlier is not None:
            return earlier  # the same form sent twice: one proposal
    if user.institution_id is None:
        _refuse(
            "no_institution", "먼저 소속 기관을 등록하십시오.", "Register your institution first."
        )
    if track_code not in {t.code for t in program_tracks(program=program)}:
        _refuse("track", "제안 유형을 선택하십시오.", "Choose the proposal type.")
    if demand_topic is not None and not demand_topic.published:
        _refuse("topic", "공개된 수요과제가 아닙니다.", "This demand topic is not published.")
    problems = budget_problems(program=program, track_code=track_code, city_krw=city_krw,
                               company_krw=company_krw)  # fmt: skip
    if problems:
        raise TestbedRefused(" ".join(p.message_ko for p in problems),
                             " ".join(p.message_en for p in problems), code="budget")  # fmt: skip
    app = Application.objects.create(
        call=call, program=program, lead_institution_id=user.institution_id, applicant=user,
        track=track_code, title_ko=title_ko, title_en=title_en, summary=summary,
        tech_classification=tech_field, current_trl=current_trl, city_grant_krw=city_krw,
        institution_cash_krw=company_krw, period_months=12, idempotency_key=token[:100],
    )  # fmt: skip
    BudgetItem.objects.create(
        application=app, year=1, institution_id=user.institution_id,
        category=BudgetCategory.ACTIVITY, city_krw=city_krw, cash_krw=company_krw,
    )  # fmt: skip
    app.receipt_no = f"TB-{timezone.localdate(now).year}-{app.pk:06d}"
    app.submitted_at = now
    set_application_status(application=app, status=ApplicationStatus.SUBMITTED, actor=user,
                           extra_fields=("receipt_no", "submitted_at"), notify=False)  # fmt: skip
    return TestbedProposal.objects.create(
        application=app, demand_topic=demand_topic, received_at=now, step_started_at=now,
        site=demand_topic.site if demand_topic else None,
    )  # fmt: skip


def requirements_findings(*, proposal: TestbedProposal) -> list[dict]:
    """The screening rules the requirements check rests on, with their reasons (ko/en)."""
    app = proposal.application
    lead = app.lead_institution
    sites = list(lead.sites.all())
    facts = SimpleNamespace(app=app, program=app.program, lead=lead,
                            data=SimpleNamespace(sites={lead.pk: sites}))  # fmt: skip
    out = []
    for code in ("seoul_location", "trl_minimum", "listed_tech_field"):
        verdict = RULES[code].check(facts, {})
        out.append({"code": code, "rule": RULES[code], "verdict": verdict})
    problems = budget_problems(program=app.program, track_code=app.track,
                               city_krw=app.city_grant_krw, company_krw=app.institution_cash_krw)  # fmt: skip
    track = next((t for t in program_tracks(program=app.program) if t.code == app.track), None)
    if track is not None and track.extra.get("sme_only") and not lead.is_sme:
        problems.append(SimpleNamespace(message_ko=f"{track.name_ko}은 중소기업·스타트업만 참여할 수 있습니다.",
                                        message_en=f"The {track.name_en} type is for SMEs and startups."))  # fmt: skip
    verdict = SimpleNamespace(
        outcome="fail" if problems else "pass",
        reason_ko=" ".join(p.message_ko for p in problems) or "유형별 지원한도·자부담·참여자격 충족",
        reason_en=" ".join(p.message_en for p in problems) or "cap, self-pay and type eligibility met",
    )  # fmt: skip
    out.append({"code": "testbed_money", "rule": None, "verdict": verdict})
    return out


@transaction.atomic
def check_requirements(
    *, proposal: TestbedProposal, actor: User, passed: bool, note: str,
    site: Institution | None = None, now: dt.datetime | None = None,
) -> TestbedProposal:  # fmt: skip
    """Intake agency: pass (the site is asked for its opinion) or fail (the answer is given)."""
    row = _locked(proposal, T.REQUIREMENTS)
    row.requirements_note = note
    if not passed:
        set_application_status(application=row.application, status=ApplicationStatus.SCREENED_OUT,
                               actor=actor, reason=note, notify=False)  # fmt: skip
        return set_testbed_step(proposal=row, step=T.NOT_SELECTED, actor=actor, reason=note,
                                now=now, extra_fields=("requirements_note",))  # fmt: skip
    row.site = site or row.site
    if row.site is None:
        _refuse("no_site", "실증기관을 지정하십시오.", "Choose the demonstration site.")
    set_application_status(application=row.application, status=ApplicationStatus.IN_EVALUATION,
                           actor=actor, reason=note, notify=False)  # fmt: skip
    set_testbed_step(proposal=row, step=T.SITE_OPINION, actor=actor, reason=note, now=now,
                     extra_fields=("requirements_note", "site"))  # fmt: skip
    _ask_the_site(row)
    return row


def _ask_the_site(proposal: TestbedProposal) -> None:
    """One notice to each account of the demonstration site: its opinion is due in a week."""
    from accounts.domain.audit import send_notice
    from accounts.domain.notices import notice_link
    from accounts.enums import Role

    title = proposal.application.title_ko
    for user in User.objects.filter(
        institution_id=proposal.site_id, role=Role.DEMO_SITE, is_active=True
    ):
        send_notice(
            recipient=user, link=notice_link("testbed:proposal", proposal.pk),
            subject=f"[테스트베드 서울] 실증기관 의견 요청: {title} / Site opinion requested",
            body="시정현장 적합성 의견을 1주 내에 제출해 주십시오. / Please give your opinion within a week.",
            event_key=f"testbed:{proposal.pk}:site_opinion_requested",
        )  # fmt: skip


@transaction.atomic
def give_site_opinion(
    *,
    proposal: TestbedProposal,
    actor: User,
    fit: bool,
    comment: str,
    now: dt.datetime | None = None,
) -> TestbedProposal:
    """Demonstration site: fit / unfit for the city site, with a comment (once)."""
    row = _locked(proposal, T.SITE_OPINION)
    if actor.institution_id is None or actor.institution_id != row.site_id:
        _refuse("not_site", "이 제안의 실증기관 계정이 아닙니다.",
                "You are not the demonstration site of this proposal.")  # fmt: skip
    with refuse_duplicate("의견이 이미 제출되었습니다.", "The opinion was already given."):
        SiteOpinion.objects.create(proposal=row, fit=fit, comment=comment, given_by=actor)
    reason = ("적합 / fit: " if fit else "부적합 / unfit: ") + comment
    return set_testbed_step(
        proposal=row, step=T.WRITTEN_REVIEW, actor=actor, reason=reason, now=now
    )


def _cutoff(program: Program) -> Decimal:
    return Decimal(str(flow_value(program=program, key="review_cutoff", default=60)))


@transaction.atomic
def close_review(
    *, proposal: TestbedProposal, actor: User, step: str, note: str = "",
    now: dt.datetime | None = None,
) -> TestbedProposal:  # fmt: skip
    """Intake agency closes the written (technical) or presentation (effect, business) review.

    The score is the committee's: the standard aggregation of the submitted score sheets (trimmed
    mean, ``evaluation.domain.rolling``) stored as the stage's StageResult, compared with the
    flow's ``review_cutoff``. Refused while a sheet is missing or fewer than 3 scores exist.
    Below the cut-off the proposal is not selected; a presentation pass is the selection result.
    ``step`` is the review the agency saw: a second click finds the proposal moved on (refused).
    """
    from evaluation.domain import EvaluationError
    from evaluation.domain.rolling import compute_application_result
    from programs.domain.flows import step_stage

    row = _locked(proposal, T(step))
    program = row.application.program
    stage = step_stage(program=program, step=row.step)
    if row.step not in (T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW) or stage is None:
        _refuse("step", f"이 제안은 지금 '{T(row.step).label}' 단계입니다.",
                f"This proposal is now at '{T(row.step).label}'.")  # fmt: skip
    cutoff = _cutoff(program)
    try:
        result = compute_application_result(application=row.application, stage=stage,
                                             actor=actor, cutoff=cutoff)  # fmt: skip
    except EvaluationError as exc:
        raise TestbedRefused(exc.message_ko, exc.message_en, code=exc.code) from None
    score = result.total
    dropped = ", ".join(result.dropped)
    reason = (f"{score}점(평가위원 {result.n_scores}명, 최고·최저 제외 {dropped}; 기준 {cutoff}점) / "
              f"{score} points ({result.n_scores} evaluators, highest and lowest dropped {dropped}; "
              f"cut-off {cutoff}). {note}").strip()  # fmt: skip
    row.review_note = note
    field = "written_score" if row.step == T.WRITTEN_REVIEW else "presentation_score"
    setattr(row, field, score)
    if score < cutoff:
        set_application_status(application=row.application, status=ApplicationStatus.NOT_SELECTED,
                               actor=actor, reason=reason, notify=False)  # fmt: skip
        return set_testbed_step(proposal=row, step=T.NOT_SELECTED, actor=actor, reason=reason,
                                now=now, extra_fields=(field, "review_note"))  # fmt: skip
    if row.step == T.WRITTEN_REVIEW:
        return set_testbed_step(proposal=row, step=T.PRESENTATION_REVIEW, actor=actor,
                                reason=reason, now=now, extra_fields=(field, "review_note"))  # fmt: skip
    set_application_status(application=row.application, status=ApplicationStatus.SELECTED,
                           actor=actor, reason=reason, notify=False)  # fmt: skip
    return set_testbed_step(proposal=row, step=T.DEMO_PLAN, actor=actor, reason=reason, now=now,
                            extra_fields=(field, "review_note"))  # fmt: skip


@transaction.atomic
def record_demo_plan(
    *, proposal: TestbedProposal, actor: User, plan: str, starts_on: dt.date, ends_on: dt.date,
    now: dt.datetime | None = None,
) -> TestbedProposal:  # fmt: skip
    """SBA: the demonstration plan (실증계획) and its period (installation and monitoring ≤ 1 year)."""
    row = _locked(proposal, T.DEMO_PLAN)
    days = next((int(s["days"]) for s in flow_value(program=row.application.program,
                 key="testbed_steps", default=[]) if s["code"] == "monitoring"), 365)  # fmt: skip
    if ends_on < starts_on or (ends_on - starts_on).days + 1 > days:
        _refuse("period", f"실증기간은 시작일부터 최장 {days}일입니다.",
                f"The demonstration runs at most {days} days from its start.")  # fmt: skip
    app = lock(Application, row.application_id)
    app.starts_on, app.ends_on = starts_on, ends_on
    app.save(update_fields=["starts_on", "ends_on", "updated_at"])
    row.demo_plan = plan
    return set_testbed_step(proposal=row, step=T.AGREEMENT, actor=actor, reason=plan[:200],
                            now=now, extra_fields=("demo_plan",))  # fmt: skip


@transaction.atomic
def make_agreement(*, proposal: TestbedProposal, actor: User, now: dt.datetime | None = None):
    """SBA: the money is checked again (cap, self-pay) and the agreement is created through the
    agreements machinery; installation and monitoring start."""
    from agreements.domain.creation import create_agreement

    row = _locked(proposal, T.AGREEMENT)
    app = row.application
    problems = budget_problems(program=app.program, track_code=app.track,
                               city_krw=app.city_grant_krw, company_krw=app.institution_cash_krw)  # fmt: skip
    if problems:
        raise TestbedRefused(" ".join(p.message_ko for p in problems),
                             " ".join(p.message_en for p in problems), code="budget")  # fmt: skip
    agreement = create_agreement(application=app, actor=actor, now=now)
    set_testbed_step(proposal=row, step=T.MONITORING, actor=actor, now=now,
                     reason=f"협약 생성 / agreement created ({agreement.verify_code})")  # fmt: skip
    return agreement


@transaction.atomic
def finish_monitoring(*, proposal: TestbedProposal, actor: User, now: dt.datetime | None = None):
    row = _locked(proposal, T.MONITORING)
    return set_testbed_step(proposal=row, step=T.DEMO_EVALUATION, actor=actor, now=now,
                            reason="설치·적용 모니터링 종료 / monitoring finished")  # fmt: skip


@transaction.atomic
def record_demo_evaluation(
    *, proposal: TestbedProposal, actor: User, passed: bool, result_ko: str, result_en: str,
    now: dt.datetime | None = None,
):  # fmt: skip
    """SBA: the demonstration evaluation (실증평가); a pass issues the performance certificate."""
    from applications.domain.testbed_certificates import issue_certificate

    row = _locked(proposal, T.DEMO_EVALUATION)
    row.demo_result_ko, row.demo_result_en = result_ko, result_en
    if not passed:
        return set_testbed_step(proposal=row, step=T.ENDED, actor=actor, now=now, reason=result_ko,
                                extra_fields=("demo_result_ko", "demo_result_en"))  # fmt: skip
    row.save(update_fields=["demo_result_ko", "demo_result_en", "updated_at"])
    certificate = issue_certificate(proposal=row, actor=actor, now=now)
    set_testbed_step(proposal=row, step=T.CERTIFIED, actor=actor, now=now,
                     reason=f"성능확인서 발급 / certificate {certificate.code}")  # fmt: skip
    return certificate


def is_testbed_program(program: Program) -> bool:
    """The programme runs the testbed flow (flow data has its steps)."""
    return bool(flow_value(program=program, key="testbed_steps"))
