"""Matching before intake (접수 전 매칭, R03): problems, the expert search, 1:1 matches, joint plans.

Seed 000 Ⅳ-③: a campus-town startup posts its technical problem; an always-on search over the pool
of university experts finds candidates; a 1:1 match is proposed and both sides accept; then the
startup and the expert write the plan together. Every change of a match goes through decide_match
(the one transition function): it locks the row, checks the table, saves, audits and notifies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.enums import Hub, Role
from accounts.models import ExpertProfile, HubTenancy, User
from accounts.models.expert import TechField, field_codes
from applications.domain.drafts import create_draft
from applications.models import (
    Application,
    ExpertMatch,
    MatchStatus,
    ProblemStatus,
    SideDecision,
    TechnicalProblem,
)
from config.locking import AlreadyDecided, lock, refuse_duplicate
from programs.domain.flows import flow_value
from programs.enums import CallStatus
from programs.models import Call, Program


class MatchingRefused(AlreadyDecided):
    """A refusal of the matching flow with Korean and English text (422, never a 500)."""

    status_code = 422


# The transition table of a match: who decides is in decide_match.
TRANSITIONS: dict[str, set[str]] = {
    MatchStatus.PROPOSED: {MatchStatus.ACCEPTED, MatchStatus.DECLINED},
    MatchStatus.ACCEPTED: set(),
    MatchStatus.DECLINED: set(),
}

MAX_LIVE_MATCHES_PER_EXPERT = 3  # DEFAULT (the seed gives no figure); flow key "max_live_matches"


def matching_programs():
    """Programmes whose flow runs the matching before intake (flow key "matching")."""
    return [p for p in Program.objects.order_by("order") if (p.flow or {}).get("matching")]


def is_campus_town_startup(*, user: User, on: dt.date | None = None) -> bool:
    """An applicant account whose institution is a campus-town tenant on `on` (today)."""
    if user is None or not user.is_authenticated or user.role != Role.APPLICANT:
        return False
    if user.institution_id is None:
        return False
    on = on or timezone.localdate()
    return (
        HubTenancy.objects.filter(institution_id=user.institution_id, hub=Hub.CAMPUS_TOWN)
        .filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .exists()
    )


@transaction.atomic
def post_problem(
    *, user: User, program: Program, title: str, field: str, description: str, keywords: str = ""
) -> TechnicalProblem:
    """A campus-town startup posts its technical problem (기술애로)."""
    if not (program.flow or {}).get("matching"):
        raise MatchingRefused("이 사업은 기술매칭을 하지 않습니다.",
                              "This programme does not run a technology matching.", code="no_matching")  # fmt: skip
    if not is_campus_town_startup(user=user):
        raise MatchingRefused(
            "캠퍼스타운 입주 창업기업의 계정만 기술애로를 등록할 수 있습니다.",
            "Only the account of a startup that is a campus-town tenant may post a problem.",
            code="not_campus_town",
        )
    if field not in TechField.values:
        raise MatchingRefused("기술분야를 선택하십시오.", "Choose a technical field.", code="field")
    if not title.strip() or not description.strip():
        raise MatchingRefused("제목과 내용을 입력하십시오.", "Enter a title and a description.",
                              code="required")  # fmt: skip
    problem = TechnicalProblem.objects.create(
        program=program, startup_id=user.institution_id, posted_by=user, title=title.strip(),
        field=field, description=description.strip(), keywords=keywords.strip(),
    )  # fmt: skip
    record_audit(actor=user, action="matching.problem", target=problem,
                 after={"title": problem.title, "field": field})  # fmt: skip
    return problem


@dataclass(frozen=True)
class Candidate:
    profile: ExpertProfile
    score: int
    reasons: list[str]
    live_matches: int


def _tokens(text: str) -> list[str]:
    return [t for t in (p.strip().lower() for p in text.replace(";", ",").split(",")) if t]


def search_experts(
    *, field: str = "", keywords: str = "", limit: int = 20, available_only: bool = True
) -> list[Candidate]:
    """Candidates of the expert pool by field and keywords, ranked.

    Score: 10 for the field, 3 for each keyword found in the expert's keywords, 1 for each found
    only in the expertise text; ties: fewer live matches first, then name. One query (the pool is
    filtered in the database; about 800 profiles in 2020)."""
    words = _tokens(keywords)[:10]
    condition = Q()
    if field:
        condition |= Q(fields__icontains=f",{field},")
    for w in words:
        condition |= Q(keywords__icontains=w) | Q(bio__icontains=w) | Q(department__icontains=w)
    qs = ExpertProfile.objects.select_related("user", "university").annotate(
        live=Count("user__expert_matches",
                   filter=Q(user__expert_matches__status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED]))
    ).filter(user__is_active=True, user__role=Role.EXPERT)  # fmt: skip
    if available_only:
        qs = qs.filter(available=True)
    if condition:
        qs = qs.filter(condition)
    ranked = []
    for profile in qs[:2000]:
        score, reasons = 0, []
        if field and field in field_codes(profile.fields):
            score += 10
            reasons.append(str(TechField(field).label))
        own = profile.keywords.lower()
        text = f"{profile.bio} {profile.department}".lower()
        for w in words:
            if w in own:
                score += 3
                reasons.append(w)
            elif w in text:
                score += 1
                reasons.append(w)
        if score or not (field or words):
            ranked.append(Candidate(profile, score, reasons, profile.live))
    ranked.sort(
        key=lambda c: (-c.score, c.live_matches, str(c.profile.user.get_full_name()), c.profile.pk)
    )
    return ranked[:limit]


def may_act_for_startup(user: User, problem: TechnicalProblem) -> bool:
    return bool(user.is_authenticated and user.role == Role.APPLICANT
                and user.institution_id == problem.startup_id)  # fmt: skip


def _link(match: ExpertMatch) -> str:
    return reverse("campus_town:match", args=[match.pk])


def _notify(match: ExpertMatch, recipients, event: str, subject: str, body: str) -> None:
    for user in recipients:
        if user is not None:
            send_notice(recipient=user, subject=subject, body=body, link=_link(match),
                        event_key=f"expert_match:{match.pk}:{event}")  # fmt: skip


@transaction.atomic
def propose_match(*, problem_id: int, expert: User, actor: User) -> ExpertMatch:
    """Propose a 1:1 match (by the startup or by staff). Refused when the problem already has a
    live match (one at a time), when the expert is not available or has too many live matches."""
    problem = lock(TechnicalProblem.objects.select_related("program"), problem_id)
    if not (may_act_for_startup(actor, problem) or actor.role in (Role.STAFF, Role.INTAKE_AGENCY)):
        raise MatchingRefused("이 기술애로에 매칭을 제안할 권한이 없습니다.",
                              "You may not propose a match for this problem.", code="forbidden")  # fmt: skip
    if problem.status != ProblemStatus.OPEN:
        raise AlreadyDecided("이미 매칭된 기술애로입니다.", "This problem is already matched.",
                             code="not_open")  # fmt: skip
    profile = ExpertProfile.objects.filter(user=expert, user__role=Role.EXPERT).first()
    if profile is None or not profile.available or not expert.is_active:
        raise MatchingRefused("선택한 전문가는 지금 매칭할 수 없습니다.",
                              "The chosen expert cannot be matched now.", code="unavailable")  # fmt: skip
    cap = int(flow_value(program=problem.program, key="max_live_matches",
                         default=MAX_LIVE_MATCHES_PER_EXPERT))  # fmt: skip
    live = ExpertMatch.objects.filter(
        expert=expert, status__in=[MatchStatus.PROPOSED, MatchStatus.ACCEPTED]
    ).count()
    if live >= cap:
        raise MatchingRefused(f"이 전문가는 이미 {live}건의 매칭을 진행 중입니다(최대 {cap}건).",
                              f"This expert already has {live} live matches (at most {cap}).",
                              code="expert_busy")  # fmt: skip
    with refuse_duplicate("이 기술애로에는 이미 진행 중인 매칭이 있습니다.",
                          "This problem already has a live match."):  # fmt: skip
        match = ExpertMatch.objects.create(problem=problem, expert=expert, proposed_by=actor)
    if may_act_for_startup(actor, problem):  # the startup proposing it has accepted it
        match.startup_decision = SideDecision.ACCEPTED
        match.startup_decided_by = actor
        match.startup_decided_at = timezone.now()
        match.save(update_fields=["startup_decision", "startup_decided_by", "startup_decided_at"])
    record_audit(actor=actor, action="matching.propose", target=match,
                 after={"problem": problem.pk, "expert": expert.pk})  # fmt: skip
    _notify(match, [expert, problem.posted_by] if actor != problem.posted_by else [expert],
            "proposed", "기술매칭 제안 / Match proposed",
            f"기술애로 「{problem.title}」에 1:1 매칭이 제안되었습니다. 수락 또는 거절해 주십시오.\n"
            f"A 1:1 match was proposed for the problem “{problem.title}”. Please accept or decline.")  # fmt: skip
    return match


@transaction.atomic
def decide_match(*, match_id: int, actor: User, accept: bool, reason: str = "") -> ExpertMatch:
    """The one transition function of a match: one side (the startup or the expert) answers.

    Locks the match; a side that already answered is refused (a double click never decides twice);
    declining needs a reason and ends the match; when both sides accepted, the match is accepted and
    the problem is matched. Audited; both sides notified once per event."""
    match = lock(ExpertMatch.objects.select_related("problem", "expert"), match_id)
    problem = match.problem
    if match.expert_id == actor.pk and actor.role == Role.EXPERT:
        side = "expert"
    elif may_act_for_startup(actor, problem):
        side = "startup"
    else:
        raise MatchingRefused("이 매칭에 답할 권한이 없습니다.",
                              "You may not answer this match.", code="forbidden")  # fmt: skip
    if match.status != MatchStatus.PROPOSED or getattr(match, f"{side}_decision"):
        raise AlreadyDecided("이미 답한 매칭입니다.", "This match was already answered.")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise MatchingRefused("거절 사유를 입력하십시오.", "Give a reason for declining.",
                              code="reason_required")  # fmt: skip
    now = timezone.now()
    before = {"status": match.status, "startup": match.startup_decision,
              "expert": match.expert_decision}  # fmt: skip
    setattr(match, f"{side}_decision", SideDecision.ACCEPTED if accept else SideDecision.DECLINED)
    setattr(match, f"{side}_decided_at", now)
    if side == "startup":
        match.startup_decided_by = actor
    target = match.status
    if not accept:
        target = MatchStatus.DECLINED
        match.decline_reason = reason
    elif match.startup_decision == match.expert_decision == SideDecision.ACCEPTED:
        target = MatchStatus.ACCEPTED
    if target != match.status:
        if target not in TRANSITIONS[match.status]:
            raise MatchingRefused(
                "허용되지 않는 변경입니다.", "Transition not allowed.", code="transition"
            )
        match.status = target
        match.decided_at = now
    match.save()
    if match.status == MatchStatus.ACCEPTED:
        TechnicalProblem.objects.filter(pk=problem.pk).update(status=ProblemStatus.MATCHED)
    record_audit(actor=actor, action=f"matching.{side}_{'accept' if accept else 'decline'}",
                 target=match, before=before,
                 after={"status": match.status, "startup": match.startup_decision,
                        "expert": match.expert_decision}, reason=reason)  # fmt: skip
    both = [match.expert, problem.posted_by]
    if match.status == MatchStatus.ACCEPTED:
        _notify(match, both, "accepted", "기술매칭 성립 / Match accepted",
                f"「{problem.title}」 1:1 매칭이 성립되었습니다. 연구계획서를 함께 작성하십시오.\n"
                f"The 1:1 match for “{problem.title}” is accepted: write the plan together.")  # fmt: skip
    elif match.status == MatchStatus.DECLINED:
        _notify(match, both, "declined", "기술매칭 거절 / Match declined",
                f"「{problem.title}」 매칭이 거절되었습니다. 사유: {reason}\n"
                f"The match for “{problem.title}” was declined. Reason: {reason}")  # fmt: skip
    else:
        other = problem.posted_by if side == "expert" else match.expert
        _notify(match, [other], f"{side}_accepted", "기술매칭 수락 / Match accepted by one side",
                f"「{problem.title}」 매칭을 상대방이 수락했습니다. 답해 주십시오.\n"
                f"The other side accepted the match for “{problem.title}”. Please answer.")  # fmt: skip
    return match


def open_matching_call(program: Program, now: dt.datetime) -> Call | None:
    return (
        Call.objects.filter(programs=program, status=CallStatus.PUBLISHED,
                            opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at").first()
    )  # fmt: skip


@transaction.atomic
def start_joint_plan(*, match_id: int, actor: User, now: dt.datetime | None = None) -> Application:
    """The startup starts the joint plan of an accepted match on the programme's open call; the
    expert becomes a co-editor of that draft (applications.rules.is_matched_expert). Idempotent:
    a second click opens the same draft."""
    now = now or timezone.now()
    match = lock(ExpertMatch.objects.select_related("problem__program"), match_id)
    if not may_act_for_startup(actor, match.problem):
        raise MatchingRefused("창업기업만 공동 연구계획서를 시작할 수 있습니다.",
                              "Only the startup starts the joint plan.", code="forbidden")  # fmt: skip
    if match.status != MatchStatus.ACCEPTED:
        raise MatchingRefused("양측이 수락한 매칭만 연구계획서를 작성할 수 있습니다.",
                              "Only a match accepted by both sides gets a joint plan.",
                              code="not_accepted")  # fmt: skip
    if match.application_id:
        return match.application
    program = match.problem.program
    from programs.plugins.campus_town import designation_refusal

    refusal = designation_refusal(program=program, year=timezone.localdate(now).year)
    if refusal:
        raise MatchingRefused(*refusal, code="not_designated")
    call = open_matching_call(program, now)
    if call is None:
        raise MatchingRefused("지금 접수 중인 공고가 없습니다.",
                              "No call of this programme is open now.", code="no_open_call")  # fmt: skip
    app = create_draft(call=call, applicant=actor, program=program, now=now,
                       data={"title_ko": match.problem.title[:300]})  # fmt: skip
    match.application = app
    match.save(update_fields=["application"])
    record_audit(actor=actor, action="matching.joint_plan", target=match,
                 after={"application": app.pk})  # fmt: skip
    _notify(match, [match.expert], "joint_plan", "공동 연구계획서 작성 시작 / Joint plan started",
            f"「{match.problem.title}」 공동 연구계획서 작성이 시작되었습니다. 함께 작성해 주십시오.\n"
            f"The joint plan for “{match.problem.title}” was started: please write it together.")  # fmt: skip
    return app


def visible_matches(user: User):
    """Matches a user may see: staff and the intake agency all; a startup its own; an expert his."""
    qs = ExpertMatch.objects.select_related(
        "problem__startup", "expert__expert_profile__university"
    )
    if not user.is_authenticated:
        return qs.none()
    if user.role in (Role.STAFF, Role.INTAKE_AGENCY) or user.is_superuser:
        return qs
    if user.role == Role.EXPERT:
        return qs.filter(expert=user)
    if user.role == Role.APPLICANT and user.institution_id:
        return qs.filter(problem__startup_id=user.institution_id)
    return qs.none()
