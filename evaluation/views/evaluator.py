"""Evaluator pages: my assignments, COI pledge, recusal, score form (locked after submit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.params import ParamError, text_param
from evaluation.domain import EvaluationError
from evaluation.domain.committees import recuse, sign_pledge
from evaluation.domain.scoring import criteria_for, mark_opened, save_scores, submit_sheet
from evaluation.enums import AssignmentStatus
from evaluation.models import Assignment, CommitteeMember, ScoreSheet
from evaluation.views import require, run
from evaluation.views.dossier import score_page_extras


@login_required
def my_assignments(request):
    require(request, "evaluation.list_assignments")
    seats = CommitteeMember.objects.filter(evaluator=request.user).select_related("committee__call")
    assignments = (
        Assignment.objects.filter(evaluator=request.user)
        .select_related("application", "committee", "sheet").order_by("stage", "application__receipt_no")
    )  # fmt: skip
    signed = {s.committee_id for s in seats if s.pledge_signed_at}
    return render(request, "evaluation/my_assignments.html",
                  {"seats": seats, "assignments": assignments, "signed": signed})  # fmt: skip


@login_required
def pledge(request, pk):
    member = get_object_or_404(CommitteeMember.objects.select_related("committee__call"), pk=pk)
    require(request, "evaluation.sign_pledge", member)
    if request.method == "POST":
        if not request.POST.get("agree"):
            messages.error(request, "서약 내용에 동의해야 합니다. / You must agree to the pledge.")
        else:
            return run(request, lambda: sign_pledge(member=member, actor=request.user),
                       _("Pledge signed."), "evaluation:my-assignments")  # fmt: skip
    return render(request, "evaluation/pledge.html", {"member": member})


@login_required
def recuse_view(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("application"), pk=pk)
    require(request, "evaluation.score", assignment)
    if request.method == "POST":
        return run(request, lambda: recuse(assignment=assignment, reason=text_param(request.POST, "reason"),
                                           actor=request.user),
                   _("You recused yourself from this application."), "evaluation:my-assignments")  # fmt: skip
    return render(request, "evaluation/recuse.html", {"assignment": assignment})


def _score_page(request, assignment, *, posted=None, error=None, status=200):
    """The score form; after a refused save it shows the submitted values and the error."""
    sheet = ScoreSheet.objects.filter(assignment=assignment).prefetch_related("criteria").first()
    given = {c.code: c for c in sheet.criteria.all()} if sheet else {}
    rows = []
    for c in criteria_for(assignment):
        saved = given.get(c["code"])
        if posted is not None:
            points = posted.get(f"points_{c['code']}", "")
            comment = posted.get(f"comment_{c['code']}", "")
        else:
            points, comment = getattr(saved, "points", ""), getattr(saved, "comment", "")
        rows.append({**c, "points": points, "comment": comment})
    overall = posted.get("comment", "") if posted is not None else (sheet.comment if sheet else "")
    return render(request, "evaluation/score_form.html",
                  {"assignment": assignment, "sheet": sheet, "rows": rows, "overall": overall,
                   "error": error, "locked": bool(sheet and sheet.is_locked),
                   **score_page_extras(request, assignment, rows)}, status=status)  # fmt: skip


@login_required
def score_form(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("application__program", "committee"), pk=pk
    )
    require(request, "evaluation.score", assignment)
    if not request.user.has_perm("evaluation.read_assigned_application", assignment):
        # Excluded (COI) or recused: the application (title, summary) is no longer shown.
        return render(request, "evaluation/assignment_inactive.html", {"assignment": assignment})
    mark_opened(assignment=assignment)
    return _score_page(request, assignment)


@login_required
@require_POST
def score_save(request, pk):
    """Save (and optionally submit); a refused save re-renders the form with the typed values."""
    assignment = get_object_or_404(Assignment.objects.select_related("application__program"), pk=pk)
    require(request, "evaluation.score", assignment)
    post = request.POST
    submit = bool(post.get("submit"))
    try:
        criteria = [
            {"code": c["code"], "points": text_param(post, f"points_{c['code']}", max_length=30),
             "comment": text_param(post, f"comment_{c['code']}")}
            for c in criteria_for(assignment) if post.get(f"points_{c['code']}", "").strip()
        ]  # fmt: skip
        save_scores(assignment=assignment, criteria=criteria, comment=text_param(post, "comment"),
                    actor=request.user)  # fmt: skip
        if submit:
            submit_sheet(assignment=assignment, actor=request.user)
    except (EvaluationError, ParamError) as exc:
        if assignment.status != AssignmentStatus.ACTIVE:  # nothing to re-type: show the page
            messages.error(request, f"{exc.message_ko} / {exc.message_en}")
            return redirect(reverse("evaluation:score", args=[assignment.pk]))
        return _score_page(request, assignment, posted=request.POST, error=exc, status=400)
    messages.success(
        request, _("Score sheet submitted and locked.") if submit else _("Scores saved.")
    )
    return redirect(reverse("evaluation:score", args=[assignment.pk]))
