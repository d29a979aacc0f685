"""Site check, coordination committee (order, grants, budget cut), results and objections."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock, refuse_duplicate
from evaluation.domain import EvaluationError
from evaluation.domain.common import set_application_status
from evaluation.domain.timeline import enforce
from evaluation.domain.track_ranking import cut_by_track
from evaluation.enums import ObjectionStatus
from evaluation.models import (
    Assignment,
    CommitteeDecision,
    CommitteeMember,
    Objection,
    ResultNotice,
    SiteCheck,
    StageResult,
)


def _reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise EvaluationError("사유를 입력하세요.", "A reason is required.", "reason")
    return reason.strip()


@transaction.atomic
def record_site_check(*, application, actor, result: str, checked_on: dt.date, notes: str = "",
                      researchers_ok: bool = False, facilities_ok: bool = False,
                      infrastructure_ok: bool = False) -> SiteCheck:  # fmt: skip
    """Record the site check of an application with support priority (presentation advances).

    Recording again replaces the check; the application row is locked first, so two staff members
    saving at once are serialised and each audit entry's "before" is what the other left.
    """
    application = lock(Application, application.pk)
    if not StageResult.objects.filter(
        application=application, stage="presentation", advances=True
    ).exists():
        raise EvaluationError("지원 우선순위 부여 대상 과제만 현장점검합니다.",
                              "Only applications with support priority get a site check.")  # fmt: skip
    existing = SiteCheck.objects.filter(application=application).first()
    before = None if existing is None else {"result": existing.result, "notes": existing.notes}
    check, _ = SiteCheck.objects.update_or_create(
        application=application,
        defaults={"result": result, "checked_on": checked_on, "notes": notes, "checked_by": actor,
                  "researchers_ok": researchers_ok, "facilities_ok": facilities_ok,
                  "infrastructure_ok": infrastructure_ok},
    )  # fmt: skip
    record_audit(actor=actor, action="evaluation.site_check", target=check, before=before,
                 after={"result": result, "researchers": researchers_ok, "facilities": facilities_ok,
                        "infrastructure": infrastructure_ok, "notes": notes})  # fmt: skip
    return check


@transaction.atomic
def decide_candidate(*, application, selected: bool, order: int | None, reason: str, actor,
                     granted_krw: int | None = None) -> CommitteeDecision:  # fmt: skip
    """Record the coordination committee's decision on one candidate, with a reason.

    Refused once the call's results are published. Locks the call (committee decisions, the budget
    cut and publication of one call are serialised), then the application; deciding the same
    again changes nothing and writes no second audit entry.
    """
    reason = _reason(reason)
    if selected and not order:
        raise EvaluationError(
            "선정 과제는 순위를 입력하세요.", "A selected candidate needs an order.", "order"
        )
    _lock_call_unpublished(application.call_id, application_id=application.pk)
    application = lock(Application.objects.select_related("call"), application.pk)
    enforce("committee.decide", application.call)  # after the close and the presentation stage
    decision = CommitteeDecision.objects.filter(application=application).first()
    before = None if decision is None else {"selected": decision.selected, "order": decision.order,
                                            "granted_krw": decision.granted_krw}  # fmt: skip
    granted = application.city_grant_krw if granted_krw is None else int(granted_krw)
    if granted < 0 or granted > application.city_grant_krw:
        raise EvaluationError("지원금은 0원 이상 신청금액 이하입니다.",
                              "The grant must be between 0 and the requested amount.", "amount")  # fmt: skip
    after = {"selected": selected, "order": order if selected else None, "granted_krw": granted}
    if before == after and decision.reason == reason:
        return decision  # the same form sent twice: nothing changes, no second audit entry
    decision, _ = CommitteeDecision.objects.update_or_create(
        application=application,
        defaults={"call": application.call, "selected": selected, "order": order if selected else None,
                  "granted_krw": granted, "reason": reason, "decided_by": actor},
    )  # fmt: skip
    record_audit(actor=actor, action="evaluation.committee.decide", target=decision, before=before,
                 after={"selected": selected, "order": decision.order, "granted_krw": granted}, reason=reason)  # fmt: skip
    return decision


@transaction.atomic
def adjust_grant(
    *, decision: CommitteeDecision, amount_krw: int, reason: str, actor
) -> CommitteeDecision:
    """Staff change the granted city grant of a decision (reason mandatory, audited).

    Refused once the call's results are published; the call, then the decision, are locked.
    """
    reason = _reason(reason)
    requested = decision.application.city_grant_krw
    if amount_krw < 0 or amount_krw > requested:
        raise EvaluationError("지원금은 0원 이상 신청금액 이하입니다.",
                              "The grant must be between 0 and the requested amount.", "amount")  # fmt: skip
    _lock_call_unpublished(decision.call_id, application_id=decision.application_id)
    decision = lock(CommitteeDecision.objects.select_related("application"), decision.pk)
    before = decision.granted_krw
    if before == int(amount_krw):
        return decision  # the same form sent twice
    decision.granted_krw = int(amount_krw)
    decision.save(update_fields=["granted_krw", "decided_at"])
    record_audit(actor=actor, action="evaluation.grant.adjust", target=decision,
                 before={"granted_krw": before}, after={"granted_krw": decision.granted_krw}, reason=reason)  # fmt: skip
    return decision


@transaction.atomic
def apply_budget_cut(*, call, actor) -> list[CommitteeDecision]:
    """Cut the ordered list of selected candidates at the call's budget envelope (call locked)."""
    call = lock(type(call), call.pk)
    selected = list(
        CommitteeDecision.objects.filter(call=call, selected=True)
        .select_related("application")
        .order_by("order", "application_id")
    )
    # per track, each at its own envelope, when the call's programme has tracks (track_ranking)
    fitting = cut_by_track(selected, call=call)
    keep = {d.pk for d in fitting}
    for decision in selected:
        within = decision.pk in keep
        if decision.within_envelope != within:
            decision.within_envelope = within
            decision.save(update_fields=["within_envelope"])
    record_audit(actor=actor, action="evaluation.budget_cut", target=call,
                 after={"envelope": call.budget_envelope_krw, "within": [d.application_id for d in fitting],
                        "cut": [d.application_id for d in selected if d.pk not in keep]})  # fmt: skip
    return fitting


@transaction.atomic
def publish_results(*, call, actor) -> int:
    """Publish a result notice to every evaluated applicant and set the final application status.

    The call is locked first; publishing when every evaluated application already has its notice
    is refused (AlreadyDecided), so a second click neither re-cuts the budget nor audits again.
    Refused (TimelineRefused) before the close, while a flagged result awaits confirmation or a
    committee candidate is undecided.
    """
    call = lock(type(call), call.pk)
    evaluated = {
        a.application
        for a in Assignment.objects.filter(call=call).select_related("application__applicant")
    }
    published = set(
        ResultNotice.objects.filter(application__in=evaluated).values_list(
            "application_id", flat=True
        )
    )
    if evaluated and published >= {a.pk for a in evaluated}:
        raise AlreadyDecided("이미 결과를 통지했습니다.", "The results were already published.")
    # After the close; nobody is told "not selected" by a flagged result awaiting confirmation;
    # every committee candidate decided (evaluation.domain.timeline).
    enforce("results.publish", call)
    within = set(apply_budget_cut(call=call, actor=actor))
    selected_ids = {d.application_id for d in within}
    now = timezone.now()
    for application in evaluated:
        selected = application.pk in selected_ids
        notice, created = ResultNotice.objects.get_or_create(
            application=application, defaults={"selected": selected, "published_at": now}
        )
        if not created:
            continue
        status = ApplicationStatus.SELECTED if selected else ApplicationStatus.NOT_SELECTED
        # the result notice below is the applicant's one notice of this event
        set_application_status(application=application, status=status, actor=actor, notify=False,
                               reason="실무조정위원회 결과 / coordination committee result")  # fmt: skip
        record_audit(
            actor=actor,
            action="evaluation.result.publish",
            target=notice,
            after={"selected": selected},
        )
        send_notice(recipient=application.applicant, subject="선정평가 결과 안내 / Selection result",
                    body=("선정" if selected else "미선정") + f" – {application.receipt_no}",
                    link=notice_link("evaluation:result", application.pk),
                    event_key=f"result:{application.pk}:published")  # fmt: skip
    return len(evaluated)


def _lock_call_unpublished(call_id: int, *, application_id: int) -> None:
    """Lock the call; refuse a change to a candidate whose result notice is already published."""
    from programs.models import Call

    lock(Call, call_id)
    if ResultNotice.objects.filter(application_id=application_id).exists():
        raise AlreadyDecided("결과가 이미 통지되어 변경할 수 없습니다.",
                             "The result was already published; it cannot be changed.")  # fmt: skip


def objection_deadline(notice: ResultNotice) -> dt.datetime:
    """End (exclusive) of the objection period: published_at + call.objection_days."""
    return notice.published_at + dt.timedelta(days=notice.application.call.objection_days)


@transaction.atomic
def file_objection(
    *, application, stage: str, text: str, actor, now: dt.datetime | None = None
) -> Objection:
    """이의신청 by the applicant within the call's objection period; reviewers are assigned at once.

    One objection per application and stage: the application row is locked, so a form sent several
    times at once stores one objection and refuses the others (AlreadyDecided, code "duplicate").
    """
    now = now or timezone.now()
    if application.applicant_id != actor.pk:
        raise EvaluationError(
            "본인 신청과제만 이의신청할 수 있습니다.", "Only for your own application.", "forbidden"
        )
    notice = ResultNotice.objects.filter(application=application).first()
    if notice is None:
        raise EvaluationError(
            "결과 통지 전입니다.", "The result has not been published.", "not_published"
        )
    if now >= objection_deadline(notice):
        raise EvaluationError(
            "이의신청 기간이 지났습니다.", "The objection period has ended.", "late"
        )
    if not text or not text.strip():
        raise EvaluationError(
            "이의신청 사유를 입력하세요.", "Enter the grounds of the objection.", "reason"
        )
    application = lock(Application.objects.select_related("call"), application.pk)
    duplicate = ("이미 이의신청하였습니다.", "An objection was already filed.")
    if Objection.objects.filter(application=application, stage=stage).exists():
        raise AlreadyDecided(*duplicate, code="duplicate")
    with refuse_duplicate(*duplicate):  # should the lock ever be bypassed: a refusal, not a 500
        objection = Objection.objects.create(
            application=application, stage=stage, text=text.strip(), filed_by=actor
        )
    original = Assignment.objects.filter(application=application).values("evaluator_id")
    reviewers = (
        CommitteeMember.objects.filter(committee__call=application.call, committee__stage=stage)
        .exclude(evaluator_id__in=original)
        .values_list("evaluator_id", flat=True)
        .distinct()
    )
    objection.reviewers.set(list(reviewers)[:3])
    record_audit(actor=actor, action="evaluation.objection.file", target=objection,
                 after={"stage": stage, "reviewers": list(objection.reviewers.values_list("pk", flat=True))})  # fmt: skip
    for reviewer in objection.reviewers.all():
        send_notice(
            recipient=reviewer,
            subject="이의신청 검토 요청 / Objection to review",
            body=application.receipt_no,
            link=notice_link("evaluation:objection", objection.pk),
            event_key=f"objection:{objection.pk}:review",
        )
    return objection


@transaction.atomic
def decide_objection(*, objection: Objection, upheld: bool, outcome: str, actor) -> Objection:
    """Record the outcome; by staff or a reviewer who was not an original evaluator of the application.

    The objection row is locked and its status re-checked: of two decisions at once, one wins and
    the other is refused (AlreadyDecided).
    """
    outcome = _reason(outcome)
    objection = lock(Objection.objects.select_related("application__applicant"), objection.pk)
    if objection.status != ObjectionStatus.SUBMITTED:
        raise AlreadyDecided("이미 처리된 이의신청입니다.", "The objection was already decided.")
    is_original = Assignment.objects.filter(
        application=objection.application, evaluator=actor
    ).exists()
    is_reviewer = objection.reviewers.filter(pk=actor.pk).exists()
    if is_original or not (actor.is_sba_staff or is_reviewer):
        raise EvaluationError("원 평가위원은 이의신청을 검토할 수 없습니다.",
                              "Original evaluators cannot review the objection.", "forbidden")  # fmt: skip
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.outcome = outcome
    objection.decided_by = actor
    objection.decided_at = timezone.now()
    objection.save(update_fields=["status", "outcome", "decided_by", "decided_at"])
    record_audit(actor=actor, action="evaluation.objection.decide", target=objection,
                 before={"status": ObjectionStatus.SUBMITTED}, after={"status": objection.status}, reason=outcome)  # fmt: skip
    send_notice(recipient=objection.application.applicant, subject="이의신청 결과 / Objection outcome",
                body=f"{objection.get_status_display()}: {outcome}",
                link=notice_link("evaluation:result", objection.application_id),
                event_key=f"objection:{objection.pk}:decided")  # fmt: skip
    return objection
