"""The investment adequacy committee (투자적절성검증위원회; seed 002 §3) of investment-linked calls.

Before (or with) the presentation evaluation the committee reviews each operator–company
investment contract or commitment and the process that led to it. Members (evaluator accounts)
sign the conflict-of-interest pledge and give their own opinion on the applications they have no
conflict with (evaluation.domain.coi.detect_conflicts; a conflict is recorded as a ConflictRecord
like any exclusion); staff record the committee's decision per application, once, with reasons.
"Not adequate" ends the application through applications.domain.state.set_application_status, so
the presentation stage (committee_candidates: applications in evaluation only) never takes it.
The committee's settings are the programme's flow data ``Program.flow["adequacy_committee"]``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from applications.domain.state import set_application_status
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock, refuse_duplicate
from evaluation.domain import EvaluationError
from evaluation.domain.coi import detect_conflicts
from evaluation.enums import ConflictStatus
from evaluation.models import (
    Adequacy,
    AdequacyCommittee,
    AdequacyDecision,
    AdequacyMember,
    AdequacyOpinion,
    ConflictRecord,
)
from programs.domain.flows import flow_value

REVIEWABLE = (ApplicationStatus.IN_EVALUATION,)  # after screening, with the presentation stage


def committee_spec(call) -> dict | None:
    """The call's adequacy-committee settings (flow data of one of its programmes), or None."""
    for program in call.programs.all():
        spec = flow_value(program=program, key="adequacy_committee", call=call)
        if spec:
            return spec
    return None


def open_committee(*, call, actor) -> AdequacyCommittee:
    """The call's committee (created once; only for calls whose programme has one)."""
    spec = committee_spec(call)
    if spec is None:
        raise EvaluationError("이 공고의 사업에는 투자적절성검증위원회가 없습니다.",
                              "This call's programme has no investment adequacy committee.")  # fmt: skip
    committee, created = AdequacyCommittee.objects.get_or_create(
        call=call,
        defaults={"name": f"{spec.get('name_ko', '투자적절성검증위원회')} – {call.title}"},
    )
    if created:
        record_audit(actor=actor, action="adequacy.committee", target=committee,
                     after={"call": call.pk})  # fmt: skip
    return committee


@transaction.atomic
def add_member(*, committee: AdequacyCommittee, member, actor) -> AdequacyMember:
    if member.role != "evaluator":
        raise EvaluationError("평가위원 계정만 위원이 될 수 있습니다.",
                              "Only evaluator accounts can sit on the committee.")  # fmt: skip
    seat, created = AdequacyMember.objects.get_or_create(committee=committee, member=member)
    if created:
        record_audit(actor=actor, action="adequacy.member", target=seat,
                     after={"member": member.pk})  # fmt: skip
        send_notice(recipient=member, event_key=f"adequacy-seat:{seat.pk}",
                    subject="투자적절성검증위원 위촉 / Investment adequacy committee appointment",
                    body=committee.name, link=notice_link("national_matching:adequacy-mine"))  # fmt: skip
    return seat


@transaction.atomic
def sign_pledge(*, seat: AdequacyMember, actor) -> AdequacyMember:
    if actor.pk != seat.member_id:
        raise EvaluationError("본인만 서약할 수 있습니다.", "Only the member can sign the pledge.")
    seat = lock(seat)
    if seat.pledge_signed_at is None:
        seat.pledge_signed_at = timezone.now()
        seat.save(update_fields=["pledge_signed_at"])
        record_audit(actor=actor, action="adequacy.pledge", target=seat, after={})
    return seat


def candidates(committee: AdequacyCommittee):
    """Applications of the call the committee reviews (in evaluation: screened, not yet decided)."""
    return (
        Application.objects.filter(call_id=committee.call_id, status__in=REVIEWABLE)
        .select_related("lead_institution")
        .order_by("receipt_no", "id")
    )


def conflicts_of(*, seat: AdequacyMember, application) -> list:
    """The member's conflicts with the application; recorded once as exclusions when found."""
    found = detect_conflicts(evaluator=seat.member, application=application)
    for conflict in found:
        if not ConflictRecord.objects.filter(
            application=application, evaluator=seat.member, kind=conflict.kind, stage=""
        ).exists():
            ConflictRecord.objects.create(
                call_id=application.call_id, stage="", application=application,
                evaluator=seat.member, kind=conflict.kind,
                reason=f"투자적절성검증위원회 / adequacy committee: {conflict.reason}",
                status=ConflictStatus.UPHELD,
            )  # fmt: skip
    return found


def may_review(*, seat: AdequacyMember, application) -> bool:
    return (
        seat.pledge_signed_at is not None
        and application.call_id == seat.committee.call_id
        and not conflicts_of(seat=seat, application=application)
    )


def record_opinion(*, seat: AdequacyMember, application, result: str, reasons: str, actor):
    """A member's own opinion (changeable until the committee's decision is recorded)."""
    if actor.pk != seat.member_id:
        raise EvaluationError(
            "본인의 의견만 작성할 수 있습니다.", "You can only write your own opinion."
        )
    if result not in Adequacy.values or not (reasons or "").strip():
        raise EvaluationError("의견(적절/부적절)과 사유를 입력하십시오.",
                              "Give an opinion (adequate or not) and its reasons.")  # fmt: skip
    if seat.pledge_signed_at is None:
        raise EvaluationError(
            "먼저 이해충돌 서약을 하십시오.", "Sign the conflict-of-interest pledge first."
        )
    if not may_review(seat=seat, application=application):
        raise EvaluationError("이해충돌로 이 과제를 검토할 수 없습니다.",
                              "A conflict of interest excludes you from this application.")  # fmt: skip
    with transaction.atomic():
        if AdequacyDecision.objects.filter(application=application).exists():
            raise AlreadyDecided(
                "위원회 결정이 이미 기록되었습니다.", "The committee has already decided."
            )
        opinion, _ = AdequacyOpinion.objects.update_or_create(
            seat=seat, application=application,
            defaults={"result": result, "reasons": reasons.strip()},
        )  # fmt: skip
        record_audit(actor=actor, action="adequacy.opinion", target=opinion,
                     after={"application": application.pk, "result": result})  # fmt: skip
    return opinion


def decide(*, committee: AdequacyCommittee, application_id: int, result: str, reasons: str, actor):
    """Staff record the committee's decision (once, row locked); not adequate ends the application."""
    reasons = (reasons or "").strip()
    if result not in Adequacy.values or not reasons:
        raise EvaluationError("결정(적절/부적절)과 사유를 입력하십시오.",
                              "Give the decision (adequate or not) and its reasons.")  # fmt: skip
    with transaction.atomic():
        application = lock(Application.objects.all(), application_id)
        if application.call_id != committee.call_id:
            raise EvaluationError("이 위원회의 공고 과제가 아닙니다.",
                                  "The application is not in this committee's call.")  # fmt: skip
        if AdequacyDecision.objects.filter(application=application).exists():
            raise AlreadyDecided("이 과제의 투자적절성 결정은 이미 기록되었습니다.",
                                 "The adequacy decision of this application is already recorded.")  # fmt: skip
        if application.status not in REVIEWABLE:
            raise EvaluationError("검토 대상 상태의 과제가 아닙니다.",
                                  "The application is not under review.")  # fmt: skip
        with refuse_duplicate("이 과제의 투자적절성 결정은 이미 기록되었습니다.",
                              "The adequacy decision of this application is already recorded."):  # fmt: skip
            decision = AdequacyDecision.objects.create(
                committee=committee, application=application, result=result, reasons=reasons,
                decided_by=actor, decided_at=timezone.now(),
            )  # fmt: skip
        record_audit(actor=actor, action="adequacy.decide", target=decision,
                     after={"application": application.pk, "result": result}, reason=reasons)  # fmt: skip
        if result == Adequacy.NOT_ADEQUATE:
            _end(application=application, reasons=reasons, actor=actor)
    return decision


def _end(*, application, reasons: str, actor) -> None:
    """Not adequate: the application ends (one state function, which audits and notifies)."""
    set_application_status(
        application=application, status=ApplicationStatus.NOT_SELECTED, actor=actor,
        reason=f"투자적절성검증위원회 결정: 부적절 / Investment adequacy committee: not adequate — {reasons}",
    )  # fmt: skip
