"""Policy designation (정책지정, 서울시 산학연 협력사업 운영요령 §18): the one place a designation is
made or changes status. Only an account with the DESIGNATOR role designates (programs.rules)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.domain.audit import record_audit, send_notice
from accounts.enums import Role
from accounts.models import Institution, User
from config.locking import AlreadyDecided, lock, refuse_duplicate
from programs.models import DesignationStatus, PolicyDesignation, Program

S = DesignationStatus
TRANSITIONS: dict[str, set[str]] = {S.DESIGNATED: {S.REVOKED}, S.REVOKED: set()}


class DesignationRefused(AlreadyDecided):
    status_code = 422


def designable_programs():
    """Programmes whose flow names a policy designation (flow key "designation")."""
    return [p for p in Program.objects.order_by("order") if (p.flow or {}).get("designation")]


def _notify_staff(designation: PolicyDesignation, event: str, subject: str, body: str) -> None:
    from django.urls import reverse

    recipients = list(
        User.objects.filter(role__in=[Role.STAFF, Role.INTAKE_AGENCY], is_active=True)
    )
    link = reverse("campus_town:designations") if recipients else ""
    for user in recipients:
        send_notice(
            recipient=user,
            subject=subject,
            body=body,
            link=link,
            event_key=f"designation:{designation.pk}:{event}",
        )


@transaction.atomic
def designate(
    *,
    program: Program,
    year: int,
    lead_institution: Institution,
    project_title: str,
    decided_on: dt.date,
    reason: str,
    actor: User,
    decision_no: str = "",
    legal_basis: str = "",
) -> PolicyDesignation:
    """Record the city's designation of the programme's lead and project for `year`."""
    if actor.role != Role.DESIGNATOR or not actor.is_active:
        raise DesignationRefused("정책지정 권한이 있는 계정만 지정할 수 있습니다.",
                                 "Only a designating official may designate.", code="forbidden")  # fmt: skip
    spec = (program.flow or {}).get("designation")
    if not spec:
        raise DesignationRefused("이 사업은 정책지정 대상이 아닙니다.",
                                 "This programme is not designated by policy.", code="not_designable")  # fmt: skip
    if not project_title.strip() or not reason.strip():
        raise DesignationRefused("지정 과제명과 지정 사유를 입력하십시오.",
                                 "Enter the designated project and the reason.", code="required")  # fmt: skip
    with refuse_duplicate(f"{year}년 이 사업은 이미 정책지정되었습니다.",
                          f"This programme is already designated for {year}."):  # fmt: skip
        designation = PolicyDesignation.objects.create(
            program=program, year=year, lead_institution=lead_institution,
            project_title=project_title.strip(), legal_basis=legal_basis.strip() or spec["legal_basis"],
            decision_no=decision_no.strip(), decided_on=decided_on, reason=reason.strip(),
            status=S.DESIGNATED, designated_by=actor,
        )  # fmt: skip
    record_audit(
        actor=actor, action="designation.designate", target=designation, before={},
        after={"program": program.code, "year": year, "lead_institution": lead_institution.pk,
               "decided_on": decided_on.isoformat(), "legal_basis": designation.legal_basis},
        reason=designation.reason,
    )  # fmt: skip
    _notify_staff(designation, "designated", "정책지정 / Policy designation",
                  f"{program.name_ko} {year}년 주관기관 {lead_institution.name} 정책지정 "
                  f"({designation.legal_basis}).\n{program.name_en} {year}: "
                  f"{lead_institution.name} designated as lead.")  # fmt: skip
    return designation


@transaction.atomic
def set_designation_status(
    *, designation_id: int, status: str, actor: User, reason: str
) -> PolicyDesignation:
    """The one transition function of a designation (designated → revoked), locked and audited."""
    if actor.role != Role.DESIGNATOR or not actor.is_active:
        raise DesignationRefused("정책지정 권한이 있는 계정만 변경할 수 있습니다.",
                                 "Only a designating official may change it.", code="forbidden")  # fmt: skip
    designation = lock(PolicyDesignation.objects.select_related("program"), designation_id)
    current = S(designation.status)
    target = S(status)
    if target not in TRANSITIONS[current]:
        raise AlreadyDecided(f"'{current.label}' 상태에서 '{target.label}'(으)로 바꿀 수 없습니다.",
                             f"A designation cannot go from {current.label} to {target.label}.")  # fmt: skip
    if not reason.strip():
        raise DesignationRefused("사유를 입력하십시오.", "Give a reason.", code="reason_required")
    designation.status = target
    designation.status_reason = reason.strip()
    designation.save(update_fields=["status", "status_reason", "updated_at"])
    record_audit(actor=actor, action="designation.status", target=designation,
                 before={"status": current.value}, after={"status": target.value}, reason=reason)  # fmt: skip
    _notify_staff(designation, target.value, "정책지정 변경 / Designation changed",
                  f"{designation} → {target.label}: {reason}")  # fmt: skip
    return designation
