"""Entering a challenge as a team, its members, the company a pre-founder team founds, re-entry.

A team's proposal is an ``Application`` (status submitted, with a receipt number) so that the
screening, committees, score sheets and ranking of the standard programmes work on it unchanged.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import Institution, User
from applications.domain.state import set_application_status
from applications.domain.submission import format_receipt_no, next_receipt_number
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock
from evaluation.domain.challenge_flow import call_program, call_year, challenge_of, tracks
from evaluation.models import ChallengeTeam, ChallengeTeamMember
from evaluation.models.challenges import MemberRole, TeamKind, Technology
from programs.domain.plugins import run_plugins
from programs.models import Call

MAX_MEMBERS = 20


def _error(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError({field: f"{ko} / {en}"})


def clean_members(members: list[dict]) -> list[dict]:
    """Members as name, role, affiliation (nothing else is kept); exactly one leader."""
    cleaned = []
    for i, m in enumerate(members or []):
        name = str(m.get("name", "")).strip()
        affiliation = str(m.get("affiliation", "")).strip()
        role = str(m.get("role", "")).strip()
        if not name and not affiliation:
            continue
        if not name or len(name) > 80 or "\x00" in name:
            raise _error("members", f"{i + 1}번째 구성원의 이름(80자 이하)을 입력하세요.",
                         f"Enter the name (at most 80 characters) of member {i + 1}.")  # fmt: skip
        if role not in MemberRole.values:
            raise _error("members", f"{i + 1}번째 구성원의 역할을 고르세요.",
                         f"Choose the role of member {i + 1}.")  # fmt: skip
        if len(affiliation) > 120 or "\x00" in affiliation:
            raise _error(
                "members", "소속은 120자 이하입니다.", "An affiliation has at most 120 characters."
            )
        cleaned.append({"name": name, "role": role, "affiliation": affiliation})
    if not cleaned:
        raise _error(
            "members", "팀 구성원을 한 명 이상 입력하세요.", "Enter at least one team member."
        )
    if len(cleaned) > MAX_MEMBERS:
        raise _error("members", f"팀 구성원은 {MAX_MEMBERS}명 이하입니다.",
                     f"A team has at most {MAX_MEMBERS} members.")  # fmt: skip
    if sum(1 for m in cleaned if m["role"] == MemberRole.LEADER) != 1:
        raise _error(
            "members", "팀장은 정확히 한 명이어야 합니다.", "A team has exactly one leader."
        )
    return cleaned


def _entrant_institution(*, actor: User, call: Call, program, kind: str) -> Institution:
    """The institution the proposal is filed under: the team's own, or — for pre-founders — the
    host named by the programme's ``team_kind`` plug-in."""
    if kind == TeamKind.PRE_FOUNDER:
        for result in run_plugins(hook="team_kind", program=program, call=call, kind=kind):
            if not result.ok:
                raise ValidationError({"kind": f"{result.reason_ko} / {result.reason_en}"})
            if result.data.get("institution") is not None:
                return result.data["institution"]
        raise _error("kind", "이 사업은 예비창업자 참가를 받지 않습니다.",
                     "This programme does not take pre-founders.")  # fmt: skip
    institution = actor.institution
    if institution is None:
        raise _error("kind", "먼저 소속 기관을 등록하세요(예비창업자는 '예비창업자'를 고르세요).",
                     "Register your institution first (pre-founders choose 'pre-founders').")  # fmt: skip
    if kind == TeamKind.FOREIGN and not institution.is_foreign:
        raise _error("kind", "국외 기관으로 등록된 기관이 아닙니다.",
                     "Your institution is not registered as a foreign institution.")  # fmt: skip
    return institution


@transaction.atomic
def enter_team(
    *, actor: User, call: Call, name: str, kind: str, title: str, summary: str,
    technologies: list[str], members: list[dict], track: str = "", now=None,
) -> ChallengeTeam:  # fmt: skip
    """A team enters an open challenge call: its proposal is filed (submitted, with a receipt)."""
    now = now or timezone.now()
    program = call_program(call)
    settings = challenge_of(program) if program is not None else None
    if not settings:
        raise _error("call", "챌린지 공고가 아닙니다.", "This call is not a challenge.")
    if not call.is_open_at(now):
        raise _error("call", "접수 기간이 아닙니다.", "The call is not open for entries.")
    name, title, summary = (name or "").strip(), (title or "").strip(), (summary or "").strip()
    if not name or len(name) > 120:
        raise _error(
            "name",
            "팀 이름(120자 이하)을 입력하세요.",
            "Enter the team name (at most 120 characters).",
        )
    if not title or len(title) > 300:
        raise _error(
            "title",
            "제안 제목(300자 이하)을 입력하세요.",
            "Enter the proposal title (at most 300 characters).",
        )
    if len(summary) > 4000:
        raise _error(
            "summary", "요약은 4,000자 이하입니다.", "The summary has at most 4,000 characters."
        )
    if kind not in settings.get("kinds", []) or kind not in TeamKind.values:
        raise _error(
            "kind",
            "이 챌린지에 참가할 수 없는 유형입니다.",
            "This kind of entrant cannot enter this challenge.",
        )
    if kind == TeamKind.CONSORTIUM and call_year(call) < int(
        settings.get("consortium_from_year", 0)
    ):
        raise _error("kind", "이 연도의 공고는 컨소시엄 참가를 받지 않습니다.",
                     "Consortia may enter from a later year's call only.")  # fmt: skip
    codes = [t.code for t in tracks(program=program)]
    if codes and track not in codes:
        raise _error("track", "경연 분야를 고르세요.", "Choose the contest.")
    if not codes:
        track = ""
    techs = sorted({t for t in technologies or [] if t})
    if any(t not in Technology.values for t in techs):
        raise _error("technologies", "알 수 없는 기술입니다.", "Unknown technology.")
    cleaned = clean_members(members)
    lock(User, actor.pk)
    if Application.objects.filter(
        call=call, applicant=actor, challenge_team__isnull=False
    ).exists():
        raise AlreadyDecided("이 공고에 이미 팀으로 참가했습니다.",
                             "You have already entered this call with a team.", code="duplicate")  # fmt: skip
    institution = _entrant_institution(actor=actor, call=call, program=program, kind=kind)
    english = bool(settings.get("english_first"))
    app = Application.objects.create(
        call=call, program=program, lead_institution=institution, applicant=actor, track=track,
        title_ko="" if english else title, title_en=title if english else "", summary=summary,
        keywords=", ".join(techs), tech_classification=", ".join(techs),
    )  # fmt: skip
    app.receipt_no = format_receipt_no(app, next_receipt_number(call.pk))
    app.submitted_at = now
    set_application_status(
        application=app, status=ApplicationStatus.SUBMITTED, actor=actor,
        reason="challenge entry", extra_fields=("receipt_no", "submitted_at"),
    )  # fmt: skip
    team = ChallengeTeam.objects.create(
        application=app, name=name, kind=kind, technologies=techs,
        institution=None if kind == TeamKind.PRE_FOUNDER else institution,
    )  # fmt: skip
    ChallengeTeamMember.objects.bulk_create(
        ChallengeTeamMember(team=team, order=i, **m) for i, m in enumerate(cleaned)
    )
    record_audit(actor=actor, action="challenge.team.enter", target=team,
                 after={"application": app.pk, "kind": kind, "track": track, "members": len(cleaned),
                        "technologies": techs})  # fmt: skip
    return team


@transaction.atomic
def name_founded_institution(
    *, team: ChallengeTeam, institution: Institution, actor: User
) -> ChallengeTeam:
    """A pre-founder team names the company it founded; its proposal moves under it."""
    team = lock(ChallengeTeam.objects.select_related("application"), team.pk)
    if team.kind != TeamKind.PRE_FOUNDER:
        raise _error(
            "institution", "예비창업자 팀이 아닙니다.", "This is not a team of pre-founders."
        )
    if team.institution_id:
        raise AlreadyDecided(
            "이미 창업 기업을 등록했습니다.", "The founded company is already named."
        )
    before = team.application.lead_institution_id
    team.institution = institution
    team.save(update_fields=["institution"])
    Application.objects.filter(pk=team.application_id).update(lead_institution=institution)
    record_audit(actor=actor, action="challenge.team.founded", target=team,
                 before={"lead_institution": before}, after={"lead_institution": institution.pk})  # fmt: skip
    return team


@transaction.atomic
def confirm_re_entry(*, team: ChallengeTeam, reference: str, actor: User) -> ChallengeTeam:
    """Staff confirm that a team which failed in an earlier round may enter the final (재도전)."""
    team = lock(ChallengeTeam, team.pk)
    reference = (reference or "").strip()
    if not reference or len(reference) > 120:
        raise _error("reference", "이전 참가(회차·접수번호)를 입력하세요.",
                     "Enter the earlier entry (round and receipt number).")  # fmt: skip
    if team.re_entry and team.re_entry_confirmed_by_id:
        raise AlreadyDecided("이미 재도전이 확인되었습니다.", "The re-entry is already confirmed.")
    team.re_entry, team.re_entry_reference, team.re_entry_confirmed_by = True, reference, actor
    team.save(update_fields=["re_entry", "re_entry_reference", "re_entry_confirmed_by"])
    record_audit(
        actor=actor, action="challenge.team.re_entry", target=team, after={"reference": reference}
    )
    send_notice(
        recipient=team.application.applicant, link="",
        subject=f"재도전 확인 / Re-entry to the final confirmed: {team.name}",
        body="결선평가에 재도전할 수 있습니다. / Your team may enter the final again.",
        event_key=f"challenge:team:{team.pk}:re_entry",
    )  # fmt: skip
    return team


HOST_KEY = "pre_founder_host_business_no"


def host_candidates():
    """Institutions staff may name as a call's pre-founder host: domestic, confirmed, with a
    business number, not a company (SBA, a research institute, a university …)."""
    from accounts.enums import InstitutionStatus, InstitutionType

    return (
        Institution.objects.filter(is_foreign=False, status=InstitutionStatus.CONFIRMED)
        .exclude(business_no="")
        .exclude(type=InstitutionType.COMPANY)
        .order_by("name", "pk")
    )


def pre_founder_host(*, call: Call) -> Institution | None:
    number = str((call.flow or {}).get(HOST_KEY, "")).replace("-", "")
    return Institution.objects.filter(business_no=number).first() if number else None


@transaction.atomic
def set_pre_founder_host(*, call: Call, institution: Institution, actor: User) -> Call:
    """Staff name the institution under which the call files pre-founder teams' proposals
    (``Call.flow["pre_founder_host_business_no"]``, read by the ``pre_founder_host`` plug-in).
    Proposals already filed stay where they are. Audited with the old and new number."""
    call = lock(Call, call.pk)
    if institution.is_foreign or not institution.business_no:
        raise _error("institution", "사업자등록번호가 있는 국내 기관만 지정할 수 있습니다.",
                     "Only a domestic institution with a business number can host pre-founders.")  # fmt: skip
    flow = dict(call.flow or {})
    before = flow.get(HOST_KEY, "")
    if before == institution.business_no:
        return call
    flow[HOST_KEY] = institution.business_no
    call.flow = flow
    call.save(update_fields=["flow"])
    record_audit(actor=actor, action="challenge.pre_founder_host", target=call,
                 before={HOST_KEY: before}, after={HOST_KEY: institution.business_no,
                                                   "institution": institution.pk})  # fmt: skip
    return call
