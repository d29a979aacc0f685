"""Annual (연차) and final (최종) evaluation of agreements, on the evaluation machinery: a committee
of the call per stage and year, members with the COI pledge, assignments checked for conflicts,
score sheets (the evaluators' existing pages) and the stage's aggregation (trimmed mean).

Decisions (staff, locked, audited, notified):
- annual: continue / continue with changes / stop — stop terminates the agreement;
- final: success or failure; a success gets the grade of its score's band (catalogue, or DEFAULT
  bands) — excellent / normal / poor. The agreement is completed with its final result, and the
  funded Project row gets it too.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.bills import ClosingRefused
from agreements.domain.closing_rules import grade_bands, grade_for
from agreements.domain.state import set_agreement_status
from agreements.enums import (
    AgreementStatus,
    AnnualVerdict,
    FinalResult,
    ProjectStatus,
    RoundStatus,
)
from agreements.models import Agreement, AnnualReview, Project
from agreements.models.closing import EvaluationRound
from config.locking import AlreadyDecided, lock
from evaluation.domain.aggregation import aggregate, q2
from evaluation.domain.coi import detect_conflicts
from evaluation.domain.committees import _record_auto_conflicts, add_member
from evaluation.enums import AssignmentStatus, SheetStatus, StageCode
from evaluation.models import Assignment, Committee, ScoreSheet

EVALUABLE = (AgreementStatus.ACTIVE,)


def _stage_spec(agreement: Agreement, stage: str) -> dict:
    spec = agreement.program.stage(stage)
    if not spec or not spec.get("criteria"):
        raise ClosingRefused(
            f"사업 카탈로그에 '{StageCode(stage).label}' 평가항목이 없습니다.",
            f"The programme's catalogue has no criteria for the {StageCode(stage).label}.",
            "stage_missing",
        )
    return spec


def committee_for(*, agreement: Agreement, stage: str, year: int, actor: User | None) -> Committee:
    """The committee of the agreement's call for this post-award stage and year (made once)."""
    call = agreement.application.call
    committee = Committee.objects.filter(call=call, stage=stage, year=year).first()
    if committee is None:
        label = StageCode(stage).label
        committee = Committee.objects.create(
            call=call, stage=stage, year=year, name=f"{call} {year} {label}",
            evaluators_per_application=5,
        )  # fmt: skip
        record_audit(actor=actor, action="evaluation.committee.create", target=committee,
                     after={"call": call.pk, "stage": stage, "year": year})  # fmt: skip
    return committee


@transaction.atomic
def open_round(*, agreement: Agreement, stage: str, actor: User, year_no: int | None = None):
    """Open the annual evaluation of an agreement year (not the last: that one has the final
    evaluation) or the final evaluation; one round per stage and year; the agreement active."""
    stage = StageCode(stage)
    if stage not in (StageCode.ANNUAL, StageCode.FINAL):
        raise ClosingRefused("연차·최종평가만 열 수 있습니다.", "Only annual or final rounds.")
    agreement = lock(Agreement.objects.select_related("program", "application__call"), agreement.pk)
    if agreement.status not in EVALUABLE:
        raise ClosingRefused(
            f"'{agreement.get_status_display()}' 상태의 협약은 평가할 수 없습니다.",
            f"An agreement that is {agreement.get_status_display()} cannot be evaluated.",
            "not_active",
        )
    last_year = agreement.years.order_by("-year_no").values_list("year_no", flat=True).first() or 1
    if stage == StageCode.FINAL:
        year_no = last_year
    elif year_no is None or not 1 <= int(year_no) < last_year:
        raise ClosingRefused(
            f"연차평가는 1~{last_year - 1}차년도에 대해 엽니다(마지막 연차는 최종평가).",
            f"An annual evaluation is for years 1–{last_year - 1} (the last year has the final).",
            "year_invalid",
        )
    _stage_spec(agreement, stage)
    if (
        stage == StageCode.FINAL
        and EvaluationRound.objects.filter(
            agreement=agreement, stage=StageCode.ANNUAL, status=RoundStatus.OPEN
        ).exists()
    ):
        raise ClosingRefused(
            "진행 중인 연차평가를 먼저 결정하십시오.",
            "Decide the open annual evaluation first.",
            "annual_open",
        )
    if EvaluationRound.objects.filter(agreement=agreement, stage=stage, year_no=year_no).exists():
        raise AlreadyDecided("이미 열린 평가입니다.", "This evaluation round already exists.")
    committee = committee_for(
        agreement=agreement, stage=stage, year=timezone.localdate().year, actor=actor
    )
    rnd = EvaluationRound.objects.create(
        agreement=agreement, stage=stage, year_no=int(year_no), committee=committee,
        opened_by=actor,
    )  # fmt: skip
    record_audit(actor=actor, action=f"agreement.round.open.{stage.value}", target=agreement,
                 after={"round": rnd.pk, "year_no": rnd.year_no, "committee": committee.pk})  # fmt: skip
    send_notice(
        recipient=agreement.application.applicant,
        subject=f"{stage.label} 개시 / {stage.label} opened",
        body=f"{agreement.verify_code} {rnd.year_no}차년도",
        event_key=f"round:{rnd.pk}:opened",
    )
    return rnd


def assign_round_evaluator(*, rnd: EvaluationRound, evaluator: User, actor: User) -> Assignment:
    """Seat the evaluator on the round's committee and assign them the agreement's application,
    refused (and the conflict recorded) when a conflict of interest exists."""
    if rnd.status != RoundStatus.OPEN:
        raise AlreadyDecided("이미 결정된 평가입니다.", "This round was already decided.")
    committee, application = rnd.committee, rnd.agreement.application
    conflicts = detect_conflicts(evaluator=evaluator, application=application)
    if conflicts:
        with transaction.atomic():
            _record_auto_conflicts(committee, application, evaluator, conflicts, actor)
        raise ClosingRefused(
            "이해충돌로 배정할 수 없습니다: " + "; ".join(c.reason for c in conflicts),
            "Cannot assign because of a conflict of interest: "
            + "; ".join(c.reason for c in conflicts),
            "conflict",
        )
    with transaction.atomic():
        add_member(committee=committee, evaluator=evaluator, actor=actor)
        assignment, created = Assignment.objects.get_or_create(
            committee=committee, application=application, evaluator=evaluator,
            defaults={"call": committee.call, "stage": committee.stage},
        )  # fmt: skip
        if created:
            record_audit(actor=actor, action="evaluation.assign", target=assignment,
                         after={"application": application.pk, "evaluator": evaluator.pk,
                                "round": rnd.pk})  # fmt: skip
    return assignment


def round_assignments(rnd: EvaluationRound):
    return Assignment.objects.filter(
        committee=rnd.committee, application_id=rnd.agreement.application_id
    ).select_related("evaluator", "sheet")


def round_score(rnd: EvaluationRound) -> dict:
    """The round's score from the submitted sheets of its active assignments, aggregated as the
    catalogue stage says (trimmed mean; its fallback flagged under 3 sheets)."""
    spec = _stage_spec(rnd.agreement, rnd.stage)
    totals = list(
        ScoreSheet.objects.filter(
            assignment__in=round_assignments(rnd).filter(status=AssignmentStatus.ACTIVE),
            status=SheetStatus.SUBMITTED,
        ).values_list("total", flat=True)
    )
    agg = aggregate(totals, method=spec.get("aggregation", "trimmed_mean"),
                    fallback=spec.get("fallback", "mean"))  # fmt: skip
    value = q2(agg.value) if agg.value is not None else None
    return {
        "score": value, "n": agg.n, "method": agg.method, "flagged": agg.flagged,
        "scores": [str(t) for t in sorted(totals)], "dropped": [str(d) for d in agg.dropped],
    }  # fmt: skip


def _lock_open(rnd: EvaluationRound) -> tuple[EvaluationRound, dict]:
    rnd = lock(EvaluationRound.objects.select_related("agreement__program"), rnd.pk)
    if rnd.status != RoundStatus.OPEN:
        raise AlreadyDecided("이미 결정된 평가입니다.", "This round was already decided.")
    detail = round_score(rnd)
    if detail["score"] is None:
        raise ClosingRefused(
            "제출된 평가표가 없어 결정할 수 없습니다.",
            "No score sheet was submitted: nothing to decide on.",
            "no_scores",
        )
    return rnd, detail


def _close(rnd, decision: str, reason: str, actor, detail: dict) -> None:
    rnd.status, rnd.decision, rnd.reason = RoundStatus.DECIDED, decision, reason
    rnd.score, rnd.score_detail = detail["score"], {**detail, "score": str(detail["score"])}
    rnd.decided_by, rnd.decided_at = actor, timezone.now()
    rnd.save()


@transaction.atomic
def decide_annual(*, rnd: EvaluationRound, verdict: str, reason: str, actor: User):
    """Annual verdict; a reason is required for changes and stop. Stop terminates the agreement
    (set_agreement_status, with notice)."""
    verdict = AnnualVerdict(verdict)
    reason = (reason or "").strip()
    if verdict != AnnualVerdict.CONTINUE and not reason:
        raise ClosingRefused("사유를 입력하십시오.", "Enter the reason.", "reason_required")
    rnd, detail = _lock_open(rnd)
    if rnd.stage != StageCode.ANNUAL:
        raise ClosingRefused("연차평가가 아닙니다.", "Not an annual evaluation.")
    agreement = lock(Agreement, rnd.agreement_id)
    _close(rnd, verdict.value, reason, actor, detail)
    AnnualReview.objects.create(
        agreement=agreement, year_no=rnd.year_no, verdict=verdict, score=detail["score"],
        reason=reason, decided_by=actor, decided_at=rnd.decided_at,
    )  # fmt: skip
    record_audit(actor=actor, action="agreement.round.annual", target=agreement,
                 after={"round": rnd.pk, "verdict": verdict.value, "score": str(detail["score"])},
                 reason=reason)  # fmt: skip
    if verdict == AnnualVerdict.STOP:
        _project_rows(agreement).update(status=ProjectStatus.CANCELLED)
        set_agreement_status(
            agreement=agreement, status=AgreementStatus.TERMINATED, actor=actor,
            reason=f"연차평가 중단 / stopped at the annual evaluation: {reason}",
        )  # fmt: skip
    else:
        send_notice(
            recipient=agreement.application.applicant,
            subject=f"연차평가 결과 / Annual evaluation: {verdict.label}",
            body=reason or str(verdict.label), event_key=f"round:{rnd.pk}:decided",
        )  # fmt: skip
    return rnd


@transaction.atomic
def decide_final(*, rnd: EvaluationRound, success: bool, reason: str, actor: User):
    """Final verdict: failure, or success graded by the catalogue bands (DEFAULT bands otherwise).
    Sets Agreement.final_result and the Project's, and completes the agreement."""
    reason = (reason or "").strip()
    if not reason:
        raise ClosingRefused("사유를 입력하십시오.", "Enter the reason.", "reason_required")
    rnd, detail = _lock_open(rnd)
    if rnd.stage != StageCode.FINAL:
        raise ClosingRefused("최종평가가 아닙니다.", "Not a final evaluation.")
    agreement = lock(Agreement.objects.select_related("program"), rnd.agreement_id)
    result = grade_for(agreement.program, detail["score"]) if success else FinalResult.FAILURE
    bands, source = grade_bands(agreement.program)
    detail = {**detail, "grade_bands": bands, "grade_bands_source": source}
    _close(rnd, FinalResult(result).value, reason, actor, detail)
    agreement.final_result = result
    record_audit(actor=actor, action="agreement.round.final", target=agreement,
                 after={"round": rnd.pk, "final_result": result, "score": str(detail["score"]),
                        "grade_bands_source": source}, reason=reason)  # fmt: skip
    _project_rows(agreement).update(final_result=result, status=ProjectStatus.COMPLETED)
    set_agreement_status(
        agreement=agreement, status=AgreementStatus.COMPLETED, actor=actor,
        reason=f"최종평가 {FinalResult(result).label}: {reason}", extra_fields=("final_result",),
    )  # fmt: skip
    return rnd


def _project_rows(agreement: Agreement):
    """The funded Project row(s) of the agreement (linked, or by its application)."""
    return Project.objects.filter(
        Q(pk=agreement.project_id) | Q(application_id=agreement.application_id)
    )
