"""Score sheets: save (draft), submit (locks), reopen (staff, with a reason). All audited."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from config.locking import AlreadyDecided, lock
from evaluation.domain import EvaluationError
from evaluation.enums import AssignmentStatus, SheetStatus
from evaluation.models import Assignment, CommitteeMember, CriterionScore, ScoreSheet
from programs.domain.flows import stage_of


def criteria_for(assignment: Assignment) -> list[dict]:
    """The criteria (code, names, max_points) of the application's programme at this stage."""
    app = assignment.application  # a track with its own stages is scored with them
    stage = stage_of(program=app.program, code=assignment.stage, track_code=app.track) or {}
    return list(stage.get("criteria", []))


def _check_can_score(assignment: Assignment, actor) -> None:
    if actor.pk != assignment.evaluator_id:
        raise EvaluationError(
            "본인 배정만 평가할 수 있습니다.",
            "You can only score your own assignments.",
            "forbidden",
        )
    if assignment.status != AssignmentStatus.ACTIVE:
        raise EvaluationError(
            "제외되거나 회피한 과제입니다.", "This assignment was excluded or recused."
        )
    signed = CommitteeMember.objects.filter(
        committee_id=assignment.committee_id, evaluator_id=actor.pk, pledge_signed_at__isnull=False
    ).exists()
    if not signed:
        raise EvaluationError(
            "이해충돌 서약 후 평가할 수 있습니다.",
            "Sign the conflict-of-interest pledge first.",
            "pledge",
        )


def _lock_assignment(assignment: Assignment) -> Assignment:
    """Lock the assignment (unassign, recusal and exclusions lock it too); a removed one is refused."""
    return lock(
        Assignment.objects.select_related("application__program"), assignment.pk,
        gone=AlreadyDecided("배정이 해제되었습니다.", "The assignment was removed.", "removed"),
    )  # fmt: skip


def _parse(assignment: Assignment, criteria: list[dict]) -> dict[str, tuple[Decimal, str]]:
    limits = {c["code"]: Decimal(str(c["max_points"])) for c in criteria_for(assignment)}
    parsed: dict[str, tuple[Decimal, str]] = {}
    for item in criteria:
        code = str(item.get("code", ""))
        if code not in limits:
            raise EvaluationError(
                f"알 수 없는 평가항목: {code}", f"Unknown criterion: {code}", "criterion"
            )
        try:
            points = Decimal(str(item.get("points")))
        except (InvalidOperation, ValueError):
            raise EvaluationError(
                f"{code}: 점수는 숫자여야 합니다.", f"{code}: points must be a number.", "points"
            ) from None
        if not points.is_finite() or points < 0 or points > limits[code]:
            raise EvaluationError(
                f"{code}: 점수는 0 이상 {limits[code]} 이하입니다.",
                f"{code}: points must be between 0 and {limits[code]}.", "points",
            )  # fmt: skip
        if points != points.quantize(Decimal("0.01")):
            raise EvaluationError(
                f"{code}: 소수 둘째 자리까지 입력하세요.", f"{code}: at most 2 decimals.", "points"
            )
        parsed[code] = (points, str(item.get("comment", "") or ""))
    return parsed


@transaction.atomic
def save_scores(*, assignment: Assignment, criteria: list[dict], comment: str, actor) -> ScoreSheet:
    """Save (draft) the evaluator's points; refused once the sheet is submitted."""
    assignment = _lock_assignment(assignment)
    _check_can_score(assignment, actor)
    sheet, _created = ScoreSheet.objects.get_or_create(assignment=assignment)
    if sheet.is_locked:
        raise EvaluationError(
            "제출된 평가표는 수정할 수 없습니다.", "A submitted score sheet is locked.", "locked"
        )
    parsed = _parse(assignment, criteria)
    before = {
        "total": str(sheet.total),
        "criteria": {c.code: str(c.points) for c in sheet.criteria.all()},
    }
    for code, (points, note) in parsed.items():
        CriterionScore.objects.update_or_create(
            sheet=sheet, code=code, defaults={"points": points, "comment": note}
        )
    sheet.comment = comment or ""
    sheet.total = sum((c.points for c in sheet.criteria.all()), Decimal(0))
    sheet.save(update_fields=["comment", "total", "updated_at"])
    record_audit(actor=actor, action="evaluation.sheet.save", target=sheet, before=before,
                 after={"total": str(sheet.total), "criteria": {k: str(v[0]) for k, v in parsed.items()}})  # fmt: skip
    return sheet


@transaction.atomic
def submit_sheet(*, assignment: Assignment, actor) -> ScoreSheet:
    """Submit and lock the sheet; every criterion must be scored. A repeated submit is refused."""
    assignment = _lock_assignment(assignment)
    _check_can_score(assignment, actor)
    sheet = ScoreSheet.objects.filter(assignment=assignment).first()
    if sheet is None:
        raise EvaluationError("저장된 점수가 없습니다.", "No scores were saved.", "incomplete")
    if sheet.is_locked:
        raise EvaluationError("이미 제출되었습니다.", "Already submitted.", "locked")
    missing = {c["code"] for c in criteria_for(assignment)} - set(
        sheet.criteria.values_list("code", flat=True)
    )
    if missing:
        raise EvaluationError("모든 항목을 평가하세요: " + ", ".join(sorted(missing)),
                              "Score every criterion: " + ", ".join(sorted(missing)), "incomplete")  # fmt: skip
    before = sheet.status
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["status", "submitted_at", "updated_at"])
    record_audit(actor=actor, action="evaluation.sheet.submit", target=sheet,
                 before={"status": before}, after={"status": sheet.status, "total": str(sheet.total)})  # fmt: skip
    return sheet


@transaction.atomic
def reopen_sheet(*, sheet: ScoreSheet, reason: str, actor) -> ScoreSheet:
    """Staff reopen a submitted sheet; a reason is mandatory and audited; the evaluator is told."""
    if not reason or not reason.strip():
        raise EvaluationError(
            "재개 사유를 입력하세요.", "A reason is required to reopen a sheet.", "reason"
        )
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.status != SheetStatus.SUBMITTED:
        raise EvaluationError(
            "제출된 평가표만 재개할 수 있습니다.", "Only a submitted sheet can be reopened."
        )
    sheet.status = SheetStatus.REOPENED
    sheet.save(update_fields=["status", "updated_at"])
    entry = record_audit(actor=actor, action="evaluation.sheet.reopen", target=sheet,
                         before={"status": SheetStatus.SUBMITTED}, after={"status": sheet.status},
                         reason=reason)  # fmt: skip
    send_notice(
        recipient=sheet.assignment.evaluator,
        subject="평가표 재개 안내 / Score sheet reopened",
        body=reason,
        link=notice_link("evaluation:score", sheet.assignment_id),
        # each reopening is its own event (a sheet may be reopened again after a new submit)
        event_key=f"sheet:{sheet.pk}:reopened:{entry.pk}",
    )
    return sheet


def mark_opened(*, assignment: Assignment) -> None:
    """Remember when the evaluator first opened the application (ends the right to recuse)."""
    if assignment.opened_at is None:
        Assignment.objects.filter(pk=assignment.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )
        assignment.opened_at = timezone.now()
