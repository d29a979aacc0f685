"""The application dossier (read-only): page, PDF and its files, for every reader it is due to.

Readers (evaluation/rules.py, "evaluation.view_dossier"): SBA staff; the applicant and the named PI
(the one ownership rule of applications/rules.py); an evaluator only on an application assigned to
them, not excluded for a conflict of interest, after signing the committee's pledge. A refused
applicant gets 404 (the application's existence is not revealed), other roles 403, anonymous users
the sign-in page. Staff's and evaluators' views and downloads are written to the audit trail.
Files are streamed by this permission-checked view only, never from a public media URL.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render

from accounts.enums import Role
from accounts.rules import is_sba_staff
from applications.models import Application, Attachment
from evaluation.domain.dossier import mark_read_by_evaluator, record_dossier_read, record_file_read
from evaluation.interfaces.dossier import CONTENT_TYPES, INLINE_TYPES, Dossier, load_dossier

PERM = "evaluation.view_dossier"


def refuse(user):
    """404 for an applicant (existence not revealed), 403 for any other role."""
    if getattr(user, "role", None) == Role.APPLICANT and not is_sba_staff(user):
        raise Http404
    raise PermissionDenied


def readable_dossier(request, pk: int, *, fmt: str) -> Dossier:
    """The dossier of application `pk` if the user may read it (audited for staff/evaluators)."""
    dossier = load_dossier(pk, screening_released_only=not is_sba_staff(request.user))
    if dossier is None:
        raise Http404
    if not request.user.has_perm(PERM, dossier.app):
        refuse(request.user)
    record_dossier_read(actor=request.user, application=dossier.app, fmt=fmt)
    mark_read_by_evaluator(evaluator=request.user, application=dossier.app)
    return dossier


@login_required
def dossier_page(request, pk: int):
    dossier = readable_dossier(request, pk, fmt="html")
    return render(request, "applications/dossier.html", {"dossier": dossier, "app": dossier.app})


@login_required
def dossier_pdf(request, pk: int):
    from evaluation.interfaces.dossier_pdf import dossier_pdf as render_pdf

    dossier = readable_dossier(request, pk, fmt="pdf")
    name = dossier.app.receipt_no or f"application-{dossier.app.pk}"
    response = HttpResponse(render_pdf(dossier), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dossier-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _file(request, pk: int, att_pk: int, *, download: bool):
    app = Application.objects.select_related("pi").filter(pk=pk).first()
    if app is None:
        raise Http404
    if not request.user.has_perm(PERM, app):
        refuse(request.user)
    attachment = Attachment.objects.filter(pk=att_pk, application_id=app.pk).first()
    if attachment is None:
        raise Http404
    inline = not download and attachment.content_type_detected in INLINE_TYPES
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    record_file_read(actor=request.user, attachment=attachment, download=not inline)
    mark_read_by_evaluator(evaluator=request.user, application=app)
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=CONTENT_TYPES.get(
            attachment.content_type_detected, "application/octet-stream"
        ),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def dossier_file(request, pk: int, att_pk: int):
    """Open the file in the browser (PDF inline); other formats are downloaded."""
    return _file(request, pk, att_pk, download=False)


@login_required
def dossier_file_download(request, pk: int, att_pk: int):
    return _file(request, pk, att_pk, download=True)


def score_page_extras(request, assignment, rows: list[dict]) -> dict:
    """What the score sheet shows beside the form: the dossier (only to an evaluator cleared on
    this assignment: active, pledge signed, no conflict; audited), criteria guidance, maximum."""
    from evaluation.interfaces.dossier import criterion_guidance

    for row in rows:
        row["guidance"] = criterion_guidance(row)
    dossier = None
    if request.user.has_perm("evaluation.view_assignment_dossier", assignment):
        dossier = load_dossier(assignment.application_id, screening_released_only=True)
        if dossier is not None:
            record_dossier_read(actor=request.user, application=dossier.app, fmt="score-sheet",
                                assignment=assignment)  # fmt: skip
    max_total = sum((Decimal(str(r.get("max_points") or 0)) for r in rows), Decimal(0))
    return {"dossier": dossier, "app": dossier.app if dossier else None, "max_total": max_total}
