"""Applicant pages: my result, objection (이의신청), exclusion request (기피); result notice PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.models import Application
from config.params import choice_param, text_param
from evaluation.domain.committees import request_exclusion
from evaluation.domain.decisions import file_objection, objection_deadline
from evaluation.enums import SCORED_STAGES
from evaluation.interfaces.notice_pdf import render_result_notice
from evaluation.models import Objection, ResultNotice, StageResult
from evaluation.views import require, run

PUBLIC_RESULT_FIELDS = ("stage", "aggregate", "method", "bonus", "total", "rank", "advances")


def _results(application):
    """Stage scores without evaluator identities or individual sheets."""
    return (
        StageResult.objects.filter(application=application)
        .order_by("stage")
        .values(*PUBLIC_RESULT_FIELDS)
    )


@login_required
def result(request, pk):
    application = get_object_or_404(Application.objects.select_related("call", "program"), pk=pk)
    require(request, "evaluation.view_result", application)
    notice = ResultNotice.objects.filter(application=application).first()
    deadline = objection_deadline(notice) if notice else None
    return render(request, "evaluation/result.html", {
        "application": application, "notice": notice, "results": _results(application),
        "deadline": deadline,
        "can_object": bool(deadline and timezone.now() < deadline)
        and request.user.has_perm("evaluation.file_objection", application),
        "objections": Objection.objects.filter(application=application),
    })  # fmt: skip


@login_required
@require_POST
def objection_file(request, pk):
    application = get_object_or_404(Application, pk=pk)
    require(request, "evaluation.file_objection", application)
    post = request.POST
    return run(request, lambda: file_objection(
        application=application, stage=choice_param(post, "stage", SCORED_STAGES, default="document"),
        text=text_param(post, "text"), actor=request.user),
               _("Objection filed."), reverse("evaluation:result", args=[application.pk]))  # fmt: skip


@login_required
@require_POST
def exclusion_request(request, pk):
    application = get_object_or_404(Application, pk=pk)
    require(request, "evaluation.request_exclusion", application)
    return run(request, lambda: request_exclusion(
        application=application, named_person=text_param(request.POST, "named_person", max_length=200),
        reason=text_param(request.POST, "reason"), actor=request.user),
        _("Exclusion request sent to SBA staff."), reverse("evaluation:result", args=[application.pk]))  # fmt: skip


@login_required
def notice_pdf(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("call", "lead_institution"), pk=pk
    )
    require(request, "evaluation.view_result", application)
    notice = ResultNotice.objects.filter(application=application).first()
    if notice is None:
        raise Http404
    pdf = render_result_notice(
        application=application, notice=notice, results=list(_results(application))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="result-{application.receipt_no or application.pk}.pdf"'
    )
    return response
