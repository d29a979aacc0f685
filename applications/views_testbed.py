"""Testbed Seoul pages of the proposer and the public: demand topics, propose, my proposals, one
proposal (with the forms of whoever acts on its current step), the certificate PDF."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import applications.rules_testbed  # noqa: F401
from applications.domain.testbed_actions import requirements_findings, submit_proposal
from applications.domain.testbed_flow import answer_clock, step_due
from applications.forms_testbed import (
    AssignForm,
    CloseReviewForm,
    DemoEvaluationForm,
    DemoPlanForm,
    ProposalForm,
    RequirementsForm,
    SiteOpinionForm,
)
from applications.models import DemandTopic, TestbedProposal
from applications.models.testbed import TestbedStep as T
from config.locking import AlreadyDecided
from programs.domain.flows import flow_value, program_tracks
from programs.enums import CallStatus, IntakeMode
from programs.models import Call, Program

PROPOSALS = TestbedProposal.objects.select_related(
    "application__program", "application__lead_institution", "application__applicant",
    "demand_topic", "site", "site_opinion", "certificate",
)  # fmt: skip


def testbed_program() -> Program | None:
    """The programme whose flow runs the testbed steps (flow data, never a code test)."""
    for program in Program.objects.exclude(flow={}).order_by("order"):
        if flow_value(program=program, key="testbed_steps"):
            return program
    return None


def rolling_call(program: Program) -> Call | None:
    now = timezone.now()
    return (
        Call.objects.filter(programs=program, intake_mode=IntakeMode.ROLLING,
                            status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now)
        .order_by("-opens_at").first()
    )  # fmt: skip


def decorate(proposal: TestbedProposal) -> TestbedProposal:
    proposal.due = step_due(proposal=proposal)
    proposal.clock = answer_clock(proposal=proposal)
    return proposal


def topics(request):
    """Public: the programme's two types and the demand topics the city published (수요과제)."""
    program = testbed_program()
    if program is None:
        raise Http404
    ctx = {
        "program": program, "tracks": program_tracks(program=program),
        "topics": DemandTopic.objects.filter(published=True).select_related("site"),
        "call": rolling_call(program),
        "lang": translation.get_language(),
    }  # fmt: skip
    return render(request, "testbed/topics.html", ctx)


@login_required
def mine(request):
    if not request.user.has_perm("testbed.propose"):
        raise PermissionDenied
    rows = [decorate(p) for p in PROPOSALS.filter(application__applicant=request.user)]
    return render(request, "testbed/mine.html", {"proposals": rows})


@login_required
def propose(request):
    if not request.user.has_perm("testbed.propose"):
        raise PermissionDenied
    program = testbed_program()
    call = rolling_call(program) if program else None
    if call is None:
        return render(request, "testbed/propose.html", {"closed": True}, status=200)
    lang = translation.get_language()
    initial = {"token": uuid.uuid4().hex}
    if request.GET.get("topic", "").isdigit():
        initial["demand_topic"] = request.GET["topic"]
    form = ProposalForm(request.POST or None, program=program, lang=lang, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            proposal = submit_proposal(
                user=request.user, call=call, program=program, track_code=d["track"],
                demand_topic=d["demand_topic"], title_ko=d["title_ko"], title_en=d["title_en"],
                summary=d["summary"], tech_field=d["tech_field"], current_trl=d["current_trl"],
                city_krw=d["city_krw"], company_krw=d["company_krw"], token=d["token"],
            )  # fmt: skip
        except AlreadyDecided as exc:
            field = "city_krw" if exc.code == "budget" else None
            form.add_error(field, exc.message)
        else:
            messages.success(
                request, _("Your proposal was received. The answer is due within two months.")
            )
            return redirect("testbed:proposal", proposal.pk)
    tracks = program_tracks(program=program)
    return render(request, "testbed/propose.html", {"form": form, "call": call, "tracks": tracks})


def _forms_for(request, proposal: TestbedProposal) -> dict:
    user, step = request.user, proposal.step
    forms = {}
    if user.has_perm("testbed.run_intake"):
        if step == T.REQUIREMENTS:
            forms["requirements"] = RequirementsForm(initial={"site": proposal.site_id})
        elif step in (T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW) and user.has_perm(
            "evaluation.manage_owned_stage", proposal.application.call
        ):
            from applications.domain.testbed_reviews import review_stage
            from evaluation.models import Committee

            committees = Committee.objects.filter(
                call_id=proposal.application.call_id, stage=review_stage(proposal) or "-"
            )
            forms["assign"] = AssignForm(committees=committees)
            forms["review"] = CloseReviewForm(initial={"step": step})
    if step == T.SITE_OPINION and user.has_perm("testbed.give_site_opinion", proposal):
        forms["opinion"] = SiteOpinionForm()
    if user.has_perm("testbed.run_demonstration"):
        if step == T.DEMO_PLAN:
            forms["plan"] = DemoPlanForm()
        elif step in (T.AGREEMENT, T.MONITORING):
            forms["simple"] = step
        elif step == T.DEMO_EVALUATION:
            forms["evaluation"] = DemoEvaluationForm()
    return forms


def proposal_context(request, proposal: TestbedProposal, **override) -> dict:
    forms = {**_forms_for(request, proposal), **override}
    ctx = {
        "p": decorate(proposal), "app": proposal.application, "forms": forms,
        "track": next((t for t in program_tracks(program=proposal.application.program)
                       if t.code == proposal.application.track), None),
        "tech_field": next((t for t in flow_value(program=proposal.application.program,
                            key="tech_fields", default=[])
                            if t["code"] == proposal.application.tech_classification), None),
        "lang": translation.get_language(),
        "steps": [s for s in T if s not in (T.NOT_SELECTED, T.ENDED)],
    }  # fmt: skip
    if request.user.has_perm("testbed.run_intake"):
        from applications.domain.testbed_reviews import review_panel

        ctx["findings"] = requirements_findings(proposal=proposal)
        ctx["panel"] = review_panel(proposal)
    agreement = getattr(proposal.application, "agreement", None)
    ctx["agreement"] = agreement
    return ctx


@login_required
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(PROPOSALS, pk=pk)
    if not request.user.has_perm("testbed.view_proposal", proposal):
        raise PermissionDenied
    return render(request, "testbed/proposal.html", proposal_context(request, proposal))


@login_required
def certificate_pdf(request, pk: int):
    from applications.interfaces.testbed_certificate_pdf import certificate_pdf as render_pdf

    proposal = get_object_or_404(PROPOSALS, pk=pk)
    if not request.user.has_perm("testbed.view_proposal", proposal):
        raise PermissionDenied
    certificate = getattr(proposal, "certificate", None)
    if certificate is None:
        raise Http404
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
