"""Committees, members, COI pledge, assignment (automatic and by staff), exclusions and recusal."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from config.locking import AlreadyDecided, lock
from evaluation.domain import EvaluationError
from evaluation.domain.coi import detect_conflicts
from evaluation.enums import AssignmentStatus, ConflictKind, ConflictStatus, SheetStatus
from evaluation.models import (
    Assignment,
    Committee,
    CommitteeMember,
    ConflictRecord,
    EvaluatorProfile,
    ScoreSheet,
)


@transaction.atomic
def create_committee(
    *,
    call,
    stage: str,
    name: str,
    actor,
    technical_field: str = "",
    evaluators_per_application: int = 7,
) -> Committee:
    """Create a committee for a call's scored stage."""
    committee = Committee.objects.create(
        call=call, stage=stage, name=name, technical_field=technical_field,
        evaluators_per_application=evaluators_per_application,
    )  # fmt: skip
    record_audit(actor=actor, action="evaluation.committee.create", target=committee,
                 after={"call": call.pk, "stage": stage, "name": name})  # fmt: skip
    return committee


@transaction.atomic
def add_member(*, committee: Committee, evaluator, actor) -> CommitteeMember:
    """Seat an evaluator (role evaluator) on a committee."""
    if evaluator.role != "evaluator":
        raise EvaluationError(
            "평가위원 계정만 위원이 될 수 있습니다.",
            "Only evaluator accounts can sit on a committee.",
        )
    member, created = CommitteeMember.objects.get_or_create(
        committee=committee, evaluator=evaluator
    )
    if created:
        record_audit(actor=actor, action="evaluation.member.add", target=member,
                     after={"committee": committee.pk, "evaluator": evaluator.pk})  # fmt: skip
        send_notice(recipient=evaluator, subject="평가위원 위촉 안내 / Committee appointment",
                    body=f"{committee.name}", link=notice_link("evaluation:my-assignments"),
                    event_key=f"committee-member:{member.pk}")  # fmt: skip
    return member


@transaction.atomic
def sign_pledge(*, member: CommitteeMember, actor) -> CommitteeMember:
    """The evaluator signs the committee's conflict-of-interest pledge (once)."""
    if actor.pk != member.evaluator_id:
        raise EvaluationError(
            "본인만 서약할 수 있습니다.", "Only the evaluator can sign the pledge."
        )
    member = lock(member)
    if member.pledge_signed_at is None:
        member.pledge_signed_at = timezone.now()
        member.save(update_fields=["pledge_signed_at"])
        record_audit(actor=actor, action="evaluation.pledge.sign", target=member,
                     after={"signed_at": member.pledge_signed_at.isoformat()})  # fmt: skip
    return member


def _record_auto_conflicts(committee, application, evaluator, conflicts, actor) -> None:
    for conflict in conflicts:
        record, created = ConflictRecord.objects.get_or_create(
            call=committee.call, stage=committee.stage, application=application,
            evaluator=evaluator, kind=conflict.kind, reason=conflict.reason,
            defaults={"status": ConflictStatus.UPHELD, "decided_by": actor},
        )  # fmt: skip
        if created:
            record_audit(actor=actor, action="evaluation.coi.auto", target=record,
                         after={"application": application.pk, "evaluator": evaluator.pk},
                         reason=conflict.reason)  # fmt: skip


def _loads(evaluator_ids, year: int) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for evaluator_id in Assignment.objects.filter(
        evaluator_id__in=evaluator_ids, created_at__year=year, status=AssignmentStatus.ACTIVE
    ).values_list("evaluator_id", flat=True):
        counts[evaluator_id] += 1
    return counts


def committee_candidates(committee: Committee):
    """Applications this committee evaluates (a queryset ordered by receipt number).

    Matched by call, stage AND technical field: applications in evaluation (passed screening;
    not drafts, submitted-but-unscreened, withdrawn or screened out); for the presentation stage only those advancing from the document
    stage; when the committee has a technical field, only applications whose technology
    classification starts with it (case-insensitive, e.g. field "정보통신" matches
    "정보통신-인공지능"); and never applications already assigned at this stage by another
    committee of the call (one committee per application and stage).
    """
    from applications.enums import ApplicationStatus
    from applications.models import Application
    from evaluation.enums import SCORED_STAGES, StageCode

    if committee.stage not in SCORED_STAGES:
        # Annual and final committees are staffed per agreement (agreements.domain.rounds).
        return Application.objects.none()
    apps = Application.objects.filter(
        call_id=committee.call_id,
        status=ApplicationStatus.IN_EVALUATION,
    )
    if committee.stage == StageCode.PRESENTATION:
        apps = apps.filter(stage_results__stage="document", stage_results__advances=True)
    field = committee.technical_field.strip()
    if field:
        apps = apps.filter(tech_classification__istartswith=field)
    elsewhere = Assignment.objects.filter(call_id=committee.call_id, stage=committee.stage).exclude(
        committee=committee
    )
    return apps.exclude(pk__in=elsewhere.values("application_id")).order_by("receipt_no")


@transaction.atomic
def auto_assign(*, committee: Committee, applications, actor) -> dict:
    """Assign each application to the committee's least-loaded members without a conflict.

    Members over their yearly load cap are skipped; conflicts found are recorded as exclusions.
    Returns {"assigned": n, "excluded": n, "short": [application ids with too few evaluators]}.
    The call is locked first: two assignment runs of one call (a double click, two committees)
    are serialised, and the second sees the first one's assignments.
    """
    from programs.models import Call

    lock(Call, committee.call_id)
    members = list(committee.members.select_related("evaluator").order_by("evaluator_id"))
    evaluator_ids = [m.evaluator_id for m in members]
    caps = dict(
        EvaluatorProfile.objects.filter(user_id__in=evaluator_ids).values_list(
            "user_id", "yearly_load_cap"
        )
    )
    loads = _loads(evaluator_ids, timezone.localdate().year)
    summary = {"assigned": 0, "excluded": 0, "short": []}
    new_per_evaluator: dict = {}
    for application in applications:
        existing = set(
            Assignment.objects.filter(stage=committee.stage, application=application).values_list(
                "evaluator_id", flat=True
            )
        )
        need = committee.evaluators_per_application - len(existing)
        candidates = []
        for member in members:
            if member.evaluator_id in existing:
                continue
            conflicts = detect_conflicts(evaluator=member.evaluator, application=application)
            if conflicts:
                _record_auto_conflicts(committee, application, member.evaluator, conflicts, actor)
                summary["excluded"] += 1
                continue
            if loads[member.evaluator_id] >= caps.get(member.evaluator_id, 10**6):
                continue
            candidates.append(member.evaluator)
        candidates.sort(key=lambda u: (loads[u.pk], u.pk))
        for evaluator in candidates[: max(need, 0)]:
            Assignment.objects.create(
                committee=committee, call=committee.call, stage=committee.stage,
                application=application, evaluator=evaluator,
            )  # fmt: skip
            loads[evaluator.pk] += 1
            summary["assigned"] += 1
            new_per_evaluator[evaluator] = new_per_evaluator.get(evaluator, 0) + 1
        if (
            len(existing) + min(len(candidates), max(need, 0))
            < committee.evaluators_per_application
        ):
            summary["short"].append(application.pk)
    entry = record_audit(
        actor=actor, action="evaluation.assign.auto", target=committee, after=summary
    )
    for evaluator, count in new_per_evaluator.items():  # one notice per evaluator and run
        _notify_assigned(evaluator, committee, count, event_key=f"assign-run:{entry.pk}")
    return summary


def _notify_assigned(evaluator, committee: Committee, count: int, *, event_key: str) -> None:
    send_notice(
        recipient=evaluator,
        subject="평가 배정 안내 / Applications assigned to you",
        body=f"{committee.name}: {count}건 배정 / {count} application(s) assigned",
        link=notice_link("evaluation:my-assignments"),
        event_key=event_key,
    )


def assign(*, committee: Committee, application, evaluator, actor) -> Assignment:
    """Staff add one evaluator to one application; refused when a conflict exists.

    Not atomic as a whole on purpose: the conflict found is recorded even though the call fails.
    """
    if not committee.members.filter(evaluator=evaluator).exists():
        raise EvaluationError(
            "위원회 위원이 아닙니다.", "The evaluator is not a member of this committee."
        )
    conflicts = detect_conflicts(evaluator=evaluator, application=application)
    if conflicts:
        with transaction.atomic():
            _record_auto_conflicts(committee, application, evaluator, conflicts, actor)
        raise EvaluationError(
            "이해충돌로 배정할 수 없습니다: " + "; ".join(c.reason for c in conflicts),
            "Cannot assign because of a conflict of interest: "
            + "; ".join(c.reason for c in conflicts),
            code="conflict",
        )
    with transaction.atomic():
        from programs.models import Call

        lock(Call, committee.call_id)  # serialised with auto_assign of the same call
        assignment, created = Assignment.objects.get_or_create(
            stage=committee.stage, application=application, evaluator=evaluator,
            defaults={"committee": committee, "call": committee.call},
        )  # fmt: skip
        if created:
            record_audit(actor=actor, action="evaluation.assign", target=assignment,
                         after={"application": application.pk, "evaluator": evaluator.pk})  # fmt: skip
            _notify_assigned(evaluator, committee, 1, event_key=f"assignment:{assignment.pk}")
    return assignment


@transaction.atomic
def unassign(*, assignment: Assignment, actor, reason: str) -> None:
    """Staff remove an assignment that has no submitted sheet.

    The assignment row is locked (submit_sheet locks it too) and its sheet read after the lock; an
    assignment removed a moment ago by someone else is refused as already decided.
    """
    assignment = lock(
        Assignment.objects.select_related("application"), assignment.pk,
        gone=AlreadyDecided("이미 해제된 배정입니다.", "The assignment was already removed."),
    )  # fmt: skip
    sheet = ScoreSheet.objects.filter(assignment=assignment).first()
    if sheet is not None and sheet.status == SheetStatus.SUBMITTED:
        raise EvaluationError("제출된 평가표가 있어 배정을 해제할 수 없습니다.",
                              "The score sheet was submitted; the assignment cannot be removed.")  # fmt: skip
    record_audit(actor=actor, action="evaluation.unassign", target=assignment.application,
                 before={"assignment": assignment.pk, "evaluator": assignment.evaluator_id},
                 reason=reason)  # fmt: skip
    assignment.delete()


def _exclude(assignments, actor, reason: str, status: str) -> None:
    """Set the status of still-active assignments, each locked (rows changed meanwhile are
    re-checked by PostgreSQL after the lock wait and skipped when no longer active)."""
    assignments = assignments.filter(status=AssignmentStatus.ACTIVE).select_for_update(of=("self",))
    for assignment in assignments.order_by("pk"):
        before = assignment.status
        assignment.status = status
        assignment.save(update_fields=["status"])
        record_audit(actor=actor, action=f"evaluation.assignment.{status}", target=assignment,
                     before={"status": before}, after={"status": status}, reason=reason)  # fmt: skip


@transaction.atomic
def recuse(*, assignment: Assignment, reason: str, actor) -> ConflictRecord:
    """회피: the evaluator withdraws from an application before opening its content.

    The assignment is locked and re-checked: a second recusal (or a staff exclusion that came
    first) is refused as already decided.
    """
    assignment = lock(Assignment.objects.select_related("application", "call"), assignment.pk)
    if actor.pk != assignment.evaluator_id:
        raise EvaluationError(
            "본인 배정만 회피할 수 있습니다.", "You can only recuse from your own assignment."
        )
    if assignment.opened_at is not None:
        raise EvaluationError("과제 내용을 열람한 후에는 회피할 수 없습니다.",
                              "Recusal is possible only before opening the application.")  # fmt: skip
    if not reason.strip():
        raise EvaluationError("회피 사유를 입력하세요.", "Enter the reason for recusal.")
    if assignment.status != AssignmentStatus.ACTIVE:
        raise AlreadyDecided("이미 제외된 배정입니다.", "This assignment is no longer active.")
    record = ConflictRecord.objects.create(
        call=assignment.call, stage=assignment.stage, application=assignment.application,
        evaluator=actor, kind=ConflictKind.RECUSAL, reason=reason, requested_by=actor,
    )  # fmt: skip
    _exclude(Assignment.objects.filter(pk=assignment.pk), actor, reason, AssignmentStatus.RECUSED)
    return record


@transaction.atomic
def request_exclusion(*, application, named_person: str, reason: str, actor) -> ConflictRecord:
    """기피: the applicant asks to exclude a named person, with a reason; staff decide.

    The application row is locked: the same request sent twice (same person, still pending) is
    stored once and the second refused as already filed.
    """
    if application.applicant_id != actor.pk:
        raise EvaluationError("본인 신청과제만 가능합니다.", "Only for your own application.")
    if not named_person.strip() or not reason.strip():
        raise EvaluationError(
            "대상자와 사유를 모두 입력하세요.", "Enter both the person and the reason."
        )
    from applications.models import Application

    application = lock(Application.objects.select_related("call"), application.pk)
    if ConflictRecord.objects.filter(
        application=application, kind=ConflictKind.APPLICANT_REQUEST,
        named_person=named_person.strip(), status=ConflictStatus.PENDING,
    ).exists():  # fmt: skip
        raise AlreadyDecided("같은 기피신청이 이미 접수되었습니다.",
                             "The same exclusion request was already filed.", code="duplicate")  # fmt: skip
    record = ConflictRecord.objects.create(
        call=application.call, application=application, named_person=named_person.strip(),
        kind=ConflictKind.APPLICANT_REQUEST, reason=reason, status=ConflictStatus.PENDING,
        requested_by=actor,
    )  # fmt: skip
    record_audit(actor=actor, action="evaluation.coi.request", target=record,
                 after={"named_person": record.named_person}, reason=reason)  # fmt: skip
    return record


@transaction.atomic
def decide_exclusion_request(
    *, record: ConflictRecord, uphold: bool, actor, decision_reason: str, evaluator=None
) -> ConflictRecord:
    """Staff decide an applicant's request; upholding excludes the evaluator's assignments.

    The record is locked and its status re-checked: of an uphold and a reject sent at once, one
    wins and the other is refused (AlreadyDecided); the assignments match the record.
    """
    if not decision_reason.strip():
        raise EvaluationError("결정 사유를 입력하세요.", "Enter the reason for the decision.")
    if uphold and evaluator is None:
        raise EvaluationError("제외할 평가위원을 선택하세요.", "Choose the evaluator to exclude.")
    record = lock(ConflictRecord.objects.select_related("application__applicant"), record.pk)
    if record.status != ConflictStatus.PENDING:
        raise AlreadyDecided("이미 결정된 요청입니다.", "The request was already decided.")
    record.status = ConflictStatus.UPHELD if uphold else ConflictStatus.REJECTED
    record.evaluator = evaluator if uphold else record.evaluator
    record.decided_by = actor
    record.decision_reason = decision_reason
    record.save()
    record_audit(actor=actor, action="evaluation.coi.decide", target=record,
                 before={"status": ConflictStatus.PENDING}, after={"status": record.status},
                 reason=decision_reason)  # fmt: skip
    if uphold:
        _exclude(Assignment.objects.filter(application=record.application, evaluator=evaluator,
                                           status=AssignmentStatus.ACTIVE),
                 actor, decision_reason, AssignmentStatus.EXCLUDED)  # fmt: skip
    send_notice(recipient=record.application.applicant, subject="평가위원 기피신청 결과 / Exclusion request decided",
                body=f"{record.get_status_display()}: {decision_reason}",
                link=notice_link("evaluation:exclusion-request", record.application_id),
                event_key=f"exclusion:{record.pk}:decided")  # fmt: skip
    return record
