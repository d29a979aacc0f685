"""Commitment letters of the national-matching programme (R16, 정부지원 대응투자; seed 000 Ⅳ-⑯).

A Seoul institution applying to a national programme requests the city's commitment letter
(확약서); SBA evaluates the request (approve or refuse, with reasons) and, on approval, the city
issues the letter: a PDF with a verification code stating the city share, ratio × the national
grant of each year (ratio and rounding: flow data ``Program.flow["national_matching"]``).

Every status change of a request goes through :func:`set_request_status` (one transition table,
conditional update, audit, one notice per event).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.creation import split_years
from agreements.models import CommitmentRequest, CommitmentStatus
from config.locking import AlreadyDecided, lock
from config.transitions import StateMachine
from programs.domain.flows import flow_value

S = CommitmentStatus
TRANSITIONS: dict[S, set[S]] = {
    S.REQUESTED: {S.APPROVED, S.REFUSED},
    S.APPROVED: {S.SELECTED, S.NOT_SELECTED},
    S.REFUSED: set(),
    S.SELECTED: set(),
    S.NOT_SELECTED: set(),
}
MAX_YEARS = 10  # a sanity bound on a request's period (the seed's longest project runs 10 years)


class MatchingRefused(AlreadyDecided):
    """A request or decision the rules refuse (ko/en): 422 for the API, a message on pages."""

    status_code = 422


@dataclass(frozen=True)
class MatchingRules:
    ratio: Fraction
    ratio_text: str
    rounding_unit_krw: int
    letter_prefix: str
    result_effects: dict


def matching_rules(*, program) -> MatchingRules:
    """The programme's matching ratio, rounding unit, code prefix and result effects (flow data)."""
    spec = flow_value(program=program, key="national_matching", default={}) or {}
    text = str(spec.get("ratio", "0.10"))
    return MatchingRules(
        ratio=Fraction(text), ratio_text=text,
        rounding_unit_krw=int(spec.get("rounding_unit_krw", 1000)),
        letter_prefix=str(spec.get("letter_prefix", "N")),
        result_effects=dict(spec.get("result_effects", {})),
    )  # fmt: skip


def city_share_krw(*, national_grant_krw: int, ratio: Fraction, rounding_unit_krw: int) -> int:
    """ratio × national grant, rounded DOWN to a whole multiple of the rounding unit (won)."""
    if national_grant_krw < 0:
        raise ValueError("a national grant is never negative")
    exact = Fraction(national_grant_krw) * ratio
    unit = max(int(rounding_unit_krw), 1)
    return int(exact // unit) * unit


def yearly_city_shares(*, national_grants_krw: list[int], rules: MatchingRules) -> list[int]:
    return [
        city_share_krw(national_grant_krw=int(g), ratio=rules.ratio,
                       rounding_unit_krw=rules.rounding_unit_krw)
        for g in national_grants_krw
    ]  # fmt: skip


def ratio_percent(rules: MatchingRules) -> str:
    pct = rules.ratio * 100
    return str(pct.numerator) if pct.denominator == 1 else f"{float(pct):g}"


MACHINE = StateMachine(
    model=CommitmentRequest, field="status", states=S, table=TRANSITIONS,
    refuse=lambda current, target: MatchingRefused(
        f"확약 요청 상태를 '{current.label}'에서 '{target.label}'(으)로 바꿀 수 없습니다.",
        f"A commitment request cannot go from {current.label} to {target.label}.",
        code="transition",
    ),
    raced=(
        "확약 요청이 방금 다른 사용자에 의해 처리되었습니다. 새로 고친 후 확인하세요.",
        "The commitment request was just decided by someone else; reload and check.",
    ),
)  # fmt: skip


def new_letter_code(prefix: str) -> str:
    """The prefix letter and 15 base32 characters (75 random bits)."""
    return prefix + base64.b32encode(secrets.token_bytes(10)).decode()[:15]


def set_request_status(
    *,
    request: CommitmentRequest,
    status: str,
    actor: User | None,
    reason: str = "",
    extra_fields: tuple[str, ...] = (),
) -> CommitmentRequest:
    """Check the table, save (``UPDATE … WHERE status = <current>``), audit, notify the applicant."""
    current, target = S(request.status), S(status)
    with MACHINE.move(request, target, extra_fields=extra_fields):
        entry = record_audit(
            actor=actor, action="commitment.status", target=request,
            before={"status": current.value}, after={"status": target.value}, reason=reason,
        )  # fmt: skip
        from accounts.domain.notices import notice_link

        send_notice(
            recipient=request.applicant,
            link=notice_link("national_matching:request", request.pk),
            event_key=f"commitment:{request.pk}:{target.value}:{entry.pk}",
            subject=_("Commitment letter request: %(status)s") % {"status": target.label},
            body=_("Your request “%(title)s” is now: %(status)s.")
            % {"title": request.title, "status": target.label}
            + (f"\n{reason}" if reason else ""),
        )
    return request


def _check_request(*, call, starts_on, ends_on, national_grants_krw, institution_share_krw):
    if call.programs.filter(flow__has_key="national_matching").count() == 0:
        raise MatchingRefused("정부지원 대응투자 공고가 아닙니다.",
                              "This call is not a national-matching call.", code="call")  # fmt: skip
    if not call.is_open:
        raise MatchingRefused("접수 기간이 아닌 공고입니다.", "The call is not open.", code="call")
    if ends_on < starts_on:
        raise MatchingRefused("종료일이 시작일보다 빠릅니다.",
                              "The end date is before the start date.", code="period")  # fmt: skip
    years = len(split_years(starts_on, ends_on))
    if years > MAX_YEARS:
        raise MatchingRefused(f"사업기간은 {MAX_YEARS}년을 넘을 수 없습니다.",
                              f"The period cannot exceed {MAX_YEARS} years.", code="period")  # fmt: skip
    if len(national_grants_krw) != years:
        raise MatchingRefused(
            f"사업기간은 {years}개 연차입니다. 연차마다 국비 신청액을 하나씩 입력하십시오.",
            f"The period has {years} project year(s): give one national grant per year.",
            code="years",
        )
    if any(int(g) <= 0 for g in national_grants_krw):
        raise MatchingRefused("연차별 국비 신청액은 0원보다 커야 합니다.",
                              "Each year's national grant must be more than 0 KRW.",
                              code="grant")  # fmt: skip
    if institution_share_krw < 0:
        raise MatchingRefused("기관 부담금은 음수일 수 없습니다.",
                              "The institution share cannot be negative.", code="share")  # fmt: skip


def submit_request(
    *,
    applicant: User,
    call,
    ministry: str,
    national_programme: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    national_grants_krw: list[int],
    institution_share_krw: int,
) -> CommitmentRequest:
    """An institution's request for a commitment letter (the applicant's institution)."""
    if applicant.institution_id is None:
        raise MatchingRefused("먼저 기관을 등록하십시오.", "Register your institution first.",
                              code="institution")  # fmt: skip
    _check_request(call=call, starts_on=starts_on, ends_on=ends_on,
                   national_grants_krw=national_grants_krw,
                   institution_share_krw=institution_share_krw)  # fmt: skip
    program = call.programs.filter(flow__has_key="national_matching").first()
    rules = matching_rules(program=program)
    shares = yearly_city_shares(national_grants_krw=national_grants_krw, rules=rules)
    with transaction.atomic():
        request = CommitmentRequest.objects.create(
            applicant=applicant, institution_id=applicant.institution_id, call=call,
            program=program, ministry=ministry.strip(), national_programme=national_programme.strip(),
            title=title.strip(), starts_on=starts_on, ends_on=ends_on,
            national_grants_krw=[int(g) for g in national_grants_krw],
            institution_share_krw=institution_share_krw, city_shares_krw=shares,
            city_share_krw=sum(shares), ratio=rules.ratio_text,
        )  # fmt: skip
        record_audit(actor=applicant, action="commitment.request", target=request,
                     after={"national_grants_krw": request.national_grants_krw,
                            "city_shares_krw": shares})  # fmt: skip
        send_notice(
            recipient=applicant,
            event_key=f"commitment:{request.pk}:requested",
            subject=_("Commitment letter request received"),
            body=_("SBA will evaluate your request “%(title)s”.") % {"title": request.title},
        )
    return request


def decide_request(
    *, request_id: int, approve: bool, reasons: str, actor: User, now: dt.datetime | None = None
) -> CommitmentRequest:
    """SBA's evaluation of a request; on approval the city's letter is issued (PDF + code)."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise MatchingRefused("결정 사유를 입력하십시오.", "Give the reasons of the decision.",
                              code="reasons")  # fmt: skip
    now = now or timezone.now()
    with transaction.atomic():
        request = lock(CommitmentRequest.objects.select_related("institution", "program"),
                       request_id)  # fmt: skip
        if request.status != S.REQUESTED:
            raise AlreadyDecided("이 확약 요청은 이미 결정되었습니다.",
                                 "This commitment request is already decided.")  # fmt: skip
        request.decision_reason, request.decided_by, request.decided_at = reasons, actor, now
        fields = ("decision_reason", "decided_by", "decided_at")
        if approve:
            from agreements.interfaces.commitment_letter_pdf import render_commitment_letter

            rules = matching_rules(program=request.program)
            request.city_shares_krw = yearly_city_shares(
                national_grants_krw=request.national_grants_krw, rules=rules
            )
            request.city_share_krw = sum(request.city_shares_krw)
            request.ratio = rules.ratio_text
            request.letter_code = new_letter_code(rules.letter_prefix)
            request.letter_issued_at = now
            pdf = render_commitment_letter(request=request, rules=rules)
            request.letter_pdf, request.letter_sha256 = pdf, hashlib.sha256(pdf).hexdigest()
            fields += ("city_shares_krw", "city_share_krw", "ratio", "letter_code",
                       "letter_issued_at", "letter_pdf", "letter_sha256")  # fmt: skip
        set_request_status(
            request=request, status=S.APPROVED if approve else S.REFUSED, actor=actor,
            reason=reasons, extra_fields=fields,
        )  # fmt: skip
    return request


def letter_for_code(code: str) -> CommitmentRequest | None:
    """The issued letter with this verification code (exact, case-insensitive), or None."""
    code = (code or "").strip().upper()
    if not code or len(code) > 20 or not code.isalnum():
        return None
    return (
        CommitmentRequest.objects.select_related("institution", "program")
        .filter(letter_code=code)
        .exclude(letter_issued_at__isnull=True)
        .first()
    )
