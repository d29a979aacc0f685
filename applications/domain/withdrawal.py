"""The applicant gives up: a draft is deleted, a submitted application is withdrawn (with a reason).

Both lock the application row first (config.locking.lock), so a double POST, two tabs or a
staff action at the same moment give one decision: the second request finds the row gone or
no longer in the state it expects and is refused with AlreadyDecided / ApplicationRefused.
The withdrawal itself is a status change through applications.domain.state (audit + notice).
"""

from django.db import transaction

from accounts.domain.audit import record_audit
from accounts.models import User
from applications.domain.errors import ApplicationRefused, NotPermitted
from applications.domain.state import set_application_status
from applications.enums import ApplicationStatus as S
from applications.models import Application
from config.locking import AlreadyDecided, lock

REASON_MAX = 1000


def _gone() -> AlreadyDecided:
    return AlreadyDecided(
        "이 신청서는 이미 삭제되었습니다.", "This application has already been deleted.", "gone"
    )


def _own(application: Application, actor: User) -> None:
    if actor is None or application.applicant_id != actor.pk:
        raise NotPermitted(
            "not_owner",
            "본인이 작성한 신청서만 삭제하거나 철회할 수 있습니다.",
            "Only the applicant can delete or withdraw their application.",
        )


def delete_draft(*, application_id: int, actor: User) -> None:
    """Delete a draft (never a submitted application); its files go once the delete commits."""
    with transaction.atomic():
        app = lock(Application, application_id, gone=_gone())
        _own(app, actor)
        if app.status != S.DRAFT:
            raise AlreadyDecided(
                "제출된 신청서는 삭제할 수 없습니다. 평가 전이면 철회할 수 있습니다.",
                "A submitted application cannot be deleted; before evaluation it can be withdrawn.",
                "not_draft",
            )
        files = [a.file for a in app.attachments.all() if a.file]
        record_audit(
            actor=actor, action="application.draft_deleted", target=app,
            before={"status": app.status, "title_ko": app.title_ko, "call": app.call_id},
            after=None,
        )  # fmt: skip
        app.delete()

        def remove_files():
            for f in files:
                try:
                    f.storage.delete(f.name)
                except OSError:  # a file already gone is not an error of the delete
                    pass

        transaction.on_commit(remove_files)


def withdrawal_refusal(application: Application) -> ApplicationRefused | None:
    """Why this application cannot be withdrawn by its applicant now (None: it can)."""
    from evaluation.screening.enums import RunStatus
    from evaluation.screening.models import ScreeningResult

    status = S(application.status)
    if status == S.WITHDRAWN:
        return AlreadyDecided("이미 철회된 신청입니다.", "The application is already withdrawn.",
                              "already_withdrawn")  # fmt: skip
    if status == S.DRAFT:
        return ApplicationRefused(
            "not_submitted",
            "제출 전 신청서는 철회하지 않고 삭제합니다.",
            "A draft is not withdrawn but deleted.",
        )
    if status != S.SUBMITTED or application.assignments.exists():
        return ApplicationRefused(
            "evaluation_started",
            "평가가 이미 시작되어 철회할 수 없습니다. 포기하려면 담당자에게 문의하십시오.",
            "Evaluation has already started, so the application can no longer be withdrawn. "
            "Contact the programme officer to give it up.",
        )
    released = ScreeningResult.objects.filter(
        application=application, run__status=RunStatus.DONE, run__released_at__isnull=False
    ).exists()
    if released:
        return ApplicationRefused(
            "screening_released",
            "사전검토(요건검토) 결과가 이미 공개되어 철회할 수 없습니다. 담당자에게 문의하십시오.",
            "The screening result has already been released, so the application can no longer "
            "be withdrawn. Contact the programme officer.",
        )
    return None


def withdraw_application(*, application_id: int, actor: User, reason: str) -> Application:
    """Withdraw a submitted application before screening is released and evaluation starts."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationRefused(
            "reason_required", "철회 사유를 입력하십시오.", "Enter the reason for the withdrawal."
        )
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise ApplicationRefused(
            "reason_too_long",
            f"철회 사유는 {REASON_MAX:,}자 이하로 입력하십시오.",
            f"The reason may have at most {REASON_MAX:,} characters.",
        )
    with transaction.atomic():
        app = lock(Application, application_id, gone=_gone())
        _own(app, actor)
        refusal = withdrawal_refusal(app)
        if refusal is not None:
            raise refusal
        return set_application_status(
            application=app, status=S.WITHDRAWN, actor=actor, reason=reason
        )
