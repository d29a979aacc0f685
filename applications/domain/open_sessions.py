"""Open-evaluation sessions of R01 (공개평가형): schedule, publish the agenda, register, feedback.

A session's status changes only through ``set_session_status`` (draft → published, audited, the
presenting applicants notified once). Feedback is written once per panel member and applicant
(unique row, locked slot) and delivered at once to the applicant's hub with one notice.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.enums import Role
from accounts.models import User
from applications.models import (
    Application,
    ConsultationFeedback,
    OpenSession,
    SessionRegistration,
    SessionSlot,
)
from applications.models.open_sessions import SessionStatus as S
from config.locking import AlreadyDecided, lock, refuse_duplicate

TRANSITIONS = {S.DRAFT: {S.PUBLISHED}, S.PUBLISHED: set()}


class SessionRefused(AlreadyDecided):
    status_code = 422


def _text(value: str, field: str, ko: str, en: str, limit: int) -> str:
    value = (value or "").strip()
    if not value or len(value) > limit or "\x00" in value:
        raise SessionRefused(f"{ko}을(를) {limit:,}자 이내로 입력하십시오.",
                             f"Enter the {en} ({limit:,} characters at most).", code=field)  # fmt: skip
    return value


@transaction.atomic
def schedule_session(*, call, title: str, starts_at: dt.datetime, place: str, track: str,
                     actor: User) -> OpenSession:  # fmt: skip
    if timezone.is_naive(starts_at):
        raise SessionRefused(
            "시각에 시간대가 없습니다.", "The time has no time zone.", code="starts_at"
        )
    session = OpenSession.objects.create(
        call=call, title=_text(title, "title", "제목", "title", 200), starts_at=starts_at,
        place=_text(place, "place", "장소", "place", 300), track=track or "", created_by=actor,
    )  # fmt: skip
    record_audit(actor=actor, action="open_session.schedule", target=session,
                 after={"starts_at": starts_at.isoformat(), "place": session.place, "track": track})  # fmt: skip
    return session


@transaction.atomic
def add_slot(
    *, session: OpenSession, application: Application, starts_at: dt.datetime, actor: User
) -> SessionSlot:
    session = lock(OpenSession, session.pk)
    if application.call_id != session.call_id:
        raise SessionRefused(
            "이 공고의 신청과제가 아닙니다.",
            "The application is not of this call.",
            code="application",
        )
    if session.track and application.track != session.track:
        raise SessionRefused("세션의 유형과 과제의 유형이 다릅니다.",
                             "The application is of another track than the session.", code="track")  # fmt: skip
    with refuse_duplicate("이미 이 세션에 배정된 과제입니다.", "Already on this session's agenda."):
        slot = SessionSlot.objects.create(
            session=session, application=application, starts_at=starts_at
        )
    record_audit(actor=actor, action="open_session.slot", target=session,
                 after={"application": application.pk, "starts_at": starts_at.isoformat()})  # fmt: skip
    return slot


@transaction.atomic
def set_panel(*, session: OpenSession, evaluators: list[User], actor: User) -> OpenSession:
    session = lock(OpenSession, session.pk)
    if any(u.role != Role.EVALUATOR for u in evaluators):
        raise SessionRefused("평가위원 계정만 전문가단이 될 수 있습니다.",
                             "Only evaluator accounts can sit on the panel.", code="panel")  # fmt: skip
    before = sorted(session.panel.values_list("pk", flat=True))
    session.panel.set(evaluators)
    record_audit(actor=actor, action="open_session.panel", target=session, before=before,
                 after=sorted(u.pk for u in evaluators))  # fmt: skip
    return session


def set_session_status(*, session: OpenSession, status: str, actor: User) -> OpenSession:
    """The one place a session's status changes (caller holds the row locked)."""
    current, target = S(session.status), S(status)
    if target not in TRANSITIONS[current]:
        raise AlreadyDecided("이미 공개된 일정입니다.", "The agenda is already published.")
    session.status, session.published_at = target, timezone.now()
    session.save(update_fields=["status", "published_at"])
    record_audit(actor=actor, action="open_session.publish", target=session,
                 before={"status": current.value}, after={"status": target.value})  # fmt: skip
    for slot in session.slots.select_related("application__applicant"):
        send_notice(recipient=slot.application.applicant,
                    subject="공개평가 일정 안내 / Open evaluation session",
                    body=f"{session.title} – {timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M} KST, {session.place}",
                    link=f"/crowdfunding/sessions/{session.pk}/agenda/",
                    event_key=f"open_session:{session.pk}:published")  # fmt: skip
    return session


@transaction.atomic
def publish_session(*, session: OpenSession, actor: User) -> OpenSession:
    session = lock(OpenSession, session.pk)
    if not session.slots.exists():
        raise SessionRefused("발표 순서를 먼저 배정하십시오.", "Put the presentations on the agenda first.",
                             code="empty")  # fmt: skip
    return set_session_status(session=session, status=S.PUBLISHED, actor=actor)


@transaction.atomic
def register(*, session: OpenSession, name: str, email: str) -> tuple[SessionRegistration, bool]:
    """Attend a published session (anyone; name and e-mail). Registering twice changes nothing."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    session = lock(OpenSession, session.pk)
    if session.status != S.PUBLISHED or session.starts_at <= timezone.now():
        raise SessionRefused("참관 신청을 받지 않는 일정입니다.", "This session takes no registrations.",
                             code="closed")  # fmt: skip
    name = _text(name, "name", "이름", "name", 100)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise SessionRefused(
            "올바른 이메일 주소를 입력하십시오.", "Enter a valid e-mail address.", code="email"
        ) from None
    return SessionRegistration.objects.get_or_create(
        session=session, email=email, defaults={"name": name}
    )


@transaction.atomic
def submit_feedback(*, slot: SessionSlot, evaluator: User, text: str) -> ConsultationFeedback:
    """A panel member's written consultation feedback, delivered once to the applicant's hub."""
    slot = lock(SessionSlot.objects.select_related("session", "application__applicant"), slot.pk)
    if not slot.session.panel.filter(pk=evaluator.pk).exists():
        raise SessionRefused(
            "이 세션의 전문가단이 아닙니다.",
            "You are not on this session's panel.",
            code="forbidden",
        )
    if slot.session.status != S.PUBLISHED:
        raise SessionRefused("공개된 세션에만 피드백을 씁니다.", "Feedback is written for published sessions.",
                             code="not_published")  # fmt: skip
    text = _text(text, "text", "피드백", "feedback", 5000)
    duplicate = (
        "이미 이 과제에 피드백을 보냈습니다.",
        "You already sent feedback to this applicant.",
    )
    if ConsultationFeedback.objects.filter(slot=slot, evaluator=evaluator).exists():
        raise AlreadyDecided(*duplicate)
    with refuse_duplicate(*duplicate):
        feedback = ConsultationFeedback.objects.create(slot=slot, evaluator=evaluator, text=text,
                                                       submitted_at=timezone.now())  # fmt: skip
    record_audit(
        actor=evaluator, action="open_session.feedback", target=feedback, after={"slot": slot.pk}
    )
    send_notice(recipient=slot.application.applicant,
                subject="공개평가 컨설팅 피드백 / Consultation feedback",
                body=f"{slot.session.title} – {slot.application.receipt_no}",
                link=f"/crowdfunding/applications/{slot.application_id}/feedback/",
                event_key=f"open_feedback:{feedback.pk}")  # fmt: skip
    return feedback


def feedback_for(application) -> list[ConsultationFeedback]:
    return list(ConsultationFeedback.objects.filter(slot__application=application)
                .select_related("slot__session").order_by("submitted_at", "id"))  # fmt: skip
