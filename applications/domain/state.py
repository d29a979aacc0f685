"""The single place an application's status changes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from applications.enums import ApplicationStatus as S
from applications.models import Application
from config.transitions import StateMachine

TRANSITIONS: dict[S, set[S]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.IN_EVALUATION, S.SCREENED_OUT, S.WITHDRAWN},
    S.SCREENED_OUT: {S.SUBMITTED, S.IN_EVALUATION},  # e.g. an accepted objection
    S.IN_EVALUATION: {S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN},
    S.NOT_SELECTED: {S.SELECTED},  # accepted objection
    S.SELECTED: {S.WITHDRAWN},  # the institution gives up (협약 포기)
    S.WITHDRAWN: set(),
}


# The page that tells the applicant what the new status means (notice links).
_STATUS_PAGES = {
    S.SUBMITTED: "applications:receipt",
    S.SCREENED_OUT: "screening:application",
    S.IN_EVALUATION: "screening:application",
    S.SELECTED: "evaluation:result",
    S.NOT_SELECTED: "evaluation:result",
}


def _status_link(application: Application, status: S) -> str:
    from accounts.domain.notices import notice_link

    if status in _STATUS_PAGES:
        return notice_link(_STATUS_PAGES[status], application.pk)
    return notice_link("applications:mine", anchor=f"application-{application.pk}")


def _refusal(current: S, target: S) -> ValidationError:
    return ValidationError(
        _("An application cannot go from %(a)s to %(b)s.") % {"a": current.label, "b": target.label}
    )


MACHINE = StateMachine(
    model=Application, field="status", states=S, table=TRANSITIONS, refuse=_refusal,
    raced=(
        "신청 상태가 방금 다른 사용자에 의해 변경되었습니다. 새로 고친 후 다시 확인하세요.",
        "The application's status was just changed by someone else; reload and check.",
    ),
)  # fmt: skip


def can_transition(current: str, target: str) -> bool:
    return MACHINE.allows(current, target)


def set_application_status(
    *,
    application: Application,
    status: str,
    actor: User | None,
    reason: str = "",
    extra_fields: tuple[str, ...] = (),
    notify: bool = True,
) -> Application:
    """Check the transition, save (plus `extra_fields` set by the caller), audit and notify.

    Submitting goes through applications.domain.submission.submit_application, which sets the
    receipt fields and then calls this function with them as `extra_fields`. `notify=False` when
    the caller writes its own notice of the same event (e.g. the published selection result).

    Race-free without an extra query: the row is updated only if its status is still the one
    checked here (``UPDATE … WHERE status = <current>``; PostgreSQL re-checks the condition after
    waiting for a concurrent writer). When another transaction changed the status first, nothing
    is written and AlreadyDecided (a ValidationError) is raised.
    """
    current = S(application.status)
    target = S(status)
    if target == current:
        return application
    # One transaction for save, audit and notice; no savepoint of its own inside a caller's
    # transaction (e.g. a submit holding the receipt counter lock): a failure rolls back the caller.
    with MACHINE.move(application, target, extra_fields=extra_fields):
        entry = record_audit(
            actor=actor, action="application.status", target=application,
            before={"status": current.value}, after={"status": target.value}, reason=reason,
        )  # fmt: skip
        if not notify:
            return application
        send_notice(
            recipient=application.applicant,
            link=_status_link(application, target),
            # one notice per change: the conditional update above lets one change through
            event_key=f"application:{application.pk}:{target.value}:{entry.pk}",
            subject=_("Application %(no)s: %(status)s")
            % {"no": application.receipt_no or application.pk, "status": target.label},
            body=_("The status of your application “%(title)s” is now: %(status)s.")
            % {"title": application.title_ko or application.pk, "status": target.label}
            + (f"\n{reason}" if reason else ""),
        )
    return application
