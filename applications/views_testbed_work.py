"""Testbed Seoul work pages: the intake agency's queue, the demonstration site's opinions, SBA's
demonstrations, demand topics, follow-up outcomes, and the POST actions on one proposal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Institution
from applications.domain import testbed_actions as act
from applications.forms_testbed import (
    DemoEvaluationForm,
    DemoPlanForm,
    OutcomeForm,
    RequirementsForm,
    SiteOpinionForm,
    TopicForm,
)
from applications.models import DemandTopic
from applications.models.testbed import TestbedStep as T
from applications.views_testbed import PROPOSALS, decorate, proposal_context
from config.locking import AlreadyDecided
from tracking.domain.testbed_outcomes import record_outcome
from tracking.selectors_testbed import testbed_outcomes_summary

INTAKE_STEPS = (T.REQUIREMENTS, T.SITE_OPINION, T.WRITTEN_REVIEW, T.PRESENTATION_REVIEW)
DEMO_STEPS = (T.DEMO_PLAN, T.AGREEMENT, T.MONITORING, T.DEMO_EVALUATION, T.CERTIFIED)


def _need(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def intake_queue(request):
    """Intake agency: proposals before the result, oldest first, with the 2-month clock flags."""
    _need(request, "testbed.run_intake")
    rows = [decorate(p) for p in PROPOSALS.filter(step__in=INTAKE_STEPS)]
    done = PROPOSALS.exclude(step__in=INTAKE_STEPS).order_by("-answered_at")[:50]
    flagged = sum(1 for p in rows if p.clock.flagged)
    return render(request, "testbed/intake.html", {"rows": rows, "done": done, "flagged": flagged})


@login_required
def site_queue(request):
    _need(request, "testbed.list_site_opinions")
    mine = (
        PROPOSALS.filter(site_id=request.user.institution_id)
        if request.user.institution_id
        else PROPOSALS.none()
    )
    waiting = [decorate(p) for p in mine.filter(step=T.SITE_OPINION)]
    given = mine.filter(site_opinion__isnull=False).order_by("-site_opinion__given_at")[:50]
    return render(request, "testbed/site.html", {"waiting": waiting, "given": given})


@login_required
def demonstrations(request):
    _need(request, "testbed.run_demonstration")
    rows = [decorate(p) for p in PROPOSALS.filter(step__in=DEMO_STEPS).order_by("-updated_at")]
    return render(request, "testbed/demonstrations.html", {"rows": rows})


def _act(request, pk: int, perm: str, form_class, key: str, run):
    proposal = get_object_or_404(PROPOSALS, pk=pk)
    _need(request, perm, proposal if perm == "testbed.give_site_opinion" else None)
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            run(proposal, form.cleaned_data if form else {})
        except AlreadyDecided as exc:
            messages.error(request, exc.message)
            return redirect("testbed:proposal", pk)
        messages.success(request, _("Saved."))
        return redirect("testbed:proposal", pk)
    ctx = proposal_context(request, proposal, **{key: form})
    return render(request, "testbed/proposal.html", ctx, status=422)


@require_POST
@login_required
def requirements(request, pk: int):
    def run(p, d):
        act.check_requirements(proposal=p, actor=request.user, passed=d["decision"] == "pass",
                               note=d["note"], site=d["site"])  # fmt: skip

    return _act(request, pk, "testbed.run_intake", RequirementsForm, "requirements", run)


@require_POST
@login_required
def opinion(request, pk: int):
    def run(p, d):
        act.give_site_opinion(proposal=p, actor=request.user, fit=d["fit"] == "fit",
                              comment=d["comment"])  # fmt: skip

    return _act(request, pk, "testbed.give_site_opinion", SiteOpinionForm, "opinion", run)


@require_POST
@login_required
def plan(request, pk: int):
    def run(p, d):
        act.record_demo_plan(proposal=p, actor=request.user, plan=d["plan"],
                             starts_on=d["starts_on"], ends_on=d["ends_on"])  # fmt: skip

    return _act(request, pk, "testbed.run_demonstration", DemoPlanForm, "plan", run)


@require_POST
@login_required
def agreement(request, pk: int):
    return _act(request, pk, "testbed.run_demonstration", None, "simple",
                lambda p, d: act.make_agreement(proposal=p, actor=request.user))  # fmt: skip


@require_POST
@login_required
def monitoring_done(request, pk: int):
    return _act(request, pk, "testbed.run_demonstration", None, "simple",
                lambda p, d: act.finish_monitoring(proposal=p, actor=request.user))  # fmt: skip


@require_POST
@login_required
def evaluation(request, pk: int):
    def run(p, d):
        act.record_demo_evaluation(proposal=p, actor=request.user, passed=d["decision"] == "pass",
                                   result_ko=d["result_ko"], result_en=d["result_en"])  # fmt: skip

    return _act(request, pk, "testbed.run_demonstration", DemoEvaluationForm, "evaluation", run)


@login_required
def topic_list(request):
    _need(request, "testbed.manage_topics")
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("testbed:topic-admin")
    topics = DemandTopic.objects.select_related("site")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "testbed/topic_admin.html", {"form": form, "topics": topics}, status=status
    )


def _outcome_institutions(user):
    if user.has_perm("testbed.list_outcomes"):
        return Institution.objects.filter(applications__testbed__isnull=False).distinct()
    return Institution.objects.filter(pk=user.institution_id)


@login_required
def outcomes(request):
    institutions = _outcome_institutions(request.user)
    inst = institutions.first() if not request.user.has_perm("testbed.list_outcomes") else None
    if not (
        request.user.has_perm("testbed.list_outcomes")
        or request.user.has_perm("testbed.record_outcome", inst)
    ):
        raise PermissionDenied
    form = OutcomeForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        _need(request, "testbed.record_outcome", d["institution"])
        record_outcome(actor=request.user, **d)
        messages.success(request, _("Saved."))
        return redirect("testbed:outcomes")
    summary = testbed_outcomes_summary(institution=inst)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "testbed/outcomes.html", {"form": form, "summary": summary}, status=status
    )
