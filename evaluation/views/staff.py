"""Staff pages: committees and assignments, COI list, ranking with explanations, what-if,
site check, coordination committee, results, objections."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from applications.models import Application
from config.params import (
    ParamError,
    choice_param,
    date_param,
    decimal_param,
    id_param,
    int_param,
    money_param,
    text_param,
)
from evaluation.domain import timeline
from evaluation.domain.aggregation import FALLBACKS, METHODS
from evaluation.domain.committees import (
    add_member,
    assign,
    auto_assign,
    committee_candidates,
    create_committee,
    decide_exclusion_request,
    unassign,
)
from evaluation.domain.decisions import (
    adjust_grant,
    decide_candidate,
    decide_objection,
    publish_results,
    record_site_check,
)
from evaluation.domain.results import compute_stage_results, stage_config, what_if_stage
from evaluation.domain.scoring import reopen_sheet
from evaluation.domain.track_ranking import track_summary
from evaluation.enums import SCORED_STAGES, ConflictStatus, SiteCheckResult, StageCode
from evaluation.interfaces.confirmations import (
    aggregate_message,
    objection_message,
    publish_message,
)
from evaluation.models import (
    Assignment,
    Committee,
    CommitteeDecision,
    ConflictRecord,
    Objection,
    ScoreSheet,
    SiteCheck,
    StageResult,
)
from evaluation.views import require, run
from programs.models import Call


@login_required
def call_overview(request, pk):
    require(request, "evaluation.manage")
    call = get_object_or_404(Call, pk=pk)
    if request.method == "POST":
        post = request.POST
        return run(request, lambda: create_committee(
            call=call, stage=choice_param(post, "stage", SCORED_STAGES, default=StageCode.DOCUMENT),
            name=text_param(post, "name", max_length=200) or "위원회",
            technical_field=text_param(post, "technical_field", max_length=50), actor=request.user),
            _("Committee created."), reverse("evaluation:call", args=[call.pk]))  # fmt: skip
    committees = Committee.objects.filter(call=call).prefetch_related("members")
    return render(request, "evaluation/staff/call.html",
                  {"call": call, "committees": committees, "stages": [(s.value, s.label) for s in SCORED_STAGES],
                   "timeline_steps": timeline.steps(call), "tracks": track_summary(call)})  # fmt: skip


@login_required
def committee_detail(request, pk):
    require(request, "evaluation.manage")
    committee = get_object_or_404(Committee.objects.select_related("call"), pk=pk)
    assignments = (
        Assignment.objects.filter(committee=committee)
        .select_related("application", "evaluator", "sheet").order_by("application__receipt_no", "evaluator_id")
    )  # fmt: skip
    candidates = committee_candidates(committee)
    return render(request, "evaluation/staff/committee.html", {
        "committee": committee, "members": committee.members.select_related("evaluator"),
        "assignments": assignments, "candidates": candidates,
        "evaluators": User.objects.filter(role="evaluator", is_active=True).order_by("username"),
    })  # fmt: skip


@login_required
@require_POST
def committee_action(request, pk):
    require(request, "evaluation.manage")
    committee = get_object_or_404(Committee.objects.select_related("call"), pk=pk)
    back = reverse("evaluation:committee", args=[committee.pk])
    post = request.POST
    op = choice_param(post, "op", ("member", "auto", "assign", "unassign", "reopen"))
    if op == "member":
        evaluator = get_object_or_404(User, pk=id_param(post, "evaluator"))
        return run(request, lambda: add_member(committee=committee, evaluator=evaluator, actor=request.user),
                   _("Member added."), back)  # fmt: skip
    if op == "auto":
        apps = committee_candidates(committee)
        return run(request, lambda: auto_assign(committee=committee, applications=list(apps), actor=request.user),
                   _("Applications assigned automatically."), back)  # fmt: skip
    if op == "assign":
        application = get_object_or_404(
            committee_candidates(committee), pk=id_param(post, "application")
        )
        evaluator = get_object_or_404(User, pk=id_param(post, "evaluator"))
        return run(request, lambda: assign(committee=committee, application=application, evaluator=evaluator,
                                           actor=request.user), _("Assigned."), back)  # fmt: skip
    if op == "unassign":
        assignment = get_object_or_404(
            Assignment, pk=id_param(post, "assignment"), committee=committee
        )
        return run(request, lambda: unassign(assignment=assignment, actor=request.user,
                                             reason=text_param(post, "reason")),
                   _("Assignment removed."), back)  # fmt: skip
    sheet = get_object_or_404(
        ScoreSheet, pk=id_param(post, "sheet"), assignment__committee=committee
    )
    return run(request, lambda: reopen_sheet(sheet=sheet, reason=text_param(post, "reason"), actor=request.user),
               _("Score sheet reopened."), back)  # fmt: skip


@login_required
def coi_list(request, pk):
    require(request, "evaluation.manage")
    call = get_object_or_404(Call, pk=pk)
    back = reverse("evaluation:coi", args=[call.pk])
    if request.method == "POST":
        post = request.POST
        record = get_object_or_404(ConflictRecord, pk=id_param(post, "record"), call=call)
        evaluator_id = id_param(post, "evaluator", default=None)
        evaluator = None
        if evaluator_id is not None:
            evaluator = get_object_or_404(User, pk=evaluator_id)
        return run(request, lambda: decide_exclusion_request(
            record=record, uphold=choice_param(post, "uphold", ("0", "1"), default="0") == "1",
            evaluator=evaluator, decision_reason=text_param(post, "reason"), actor=request.user),
            _("Decision recorded."), back)  # fmt: skip
    records = ConflictRecord.objects.filter(call=call).select_related(
        "application", "evaluator", "decided_by"
    )
    evaluators = User.objects.filter(assignments__call=call).distinct().order_by("username")
    return render(request, "evaluation/staff/coi.html",
                  {"call": call, "records": records, "pending": ConflictStatus.PENDING, "evaluators": evaluators})  # fmt: skip


def _stage(stage: str) -> str:
    if stage not in SCORED_STAGES:
        from django.http import Http404

        raise Http404
    return stage


@login_required
def ranking(request, pk, stage):
    require(request, "evaluation.view_ranking")
    call = get_object_or_404(Call, pk=pk)
    stage = _stage(stage)
    if request.method == "POST":
        require(request, "evaluation.manage")
        return run(request, lambda: compute_stage_results(call=call, stage=stage, actor=request.user),
                   _("Stage scores computed."), reverse("evaluation:ranking", args=[call.pk, stage]))  # fmt: skip
    results = list(
        StageResult.objects.filter(call=call, stage=stage)
        .select_related("application__program")
        .order_by("rank")
    )
    tracks = track_summary(call)
    if tracks:  # per track, in catalogue order, each ranked 1..n (track_ranking)
        position = {t["code"]: i for i, t in enumerate(tracks)}
        results.sort(key=lambda r: (position.get(r.application.track, len(position)), r.rank or 0))
    manage = request.user.has_perm("evaluation.manage")
    return render(request, "evaluation/staff/ranking.html",
                  {"call": call, "stage": stage, "results": results, "config": stage_config(call, stage),
                   "tracks": tracks,
                   "confirm_aggregate": aggregate_message(call, stage) if manage else "",
                   "aggregate_check": timeline.check(f"aggregate.{stage}", call) if manage else None})  # fmt: skip


@login_required
def what_if_view(request, pk, stage):
    """What-if: other cut-off, multiplier, aggregation or rounding; computed, never stored."""
    require(request, "evaluation.manage")
    call = get_object_or_404(Call, pk=pk)
    stage = _stage(stage)
    config = stage_config(call, stage)
    status = 200
    try:
        params = _what_if_params(request.GET)
    except ParamError as exc:
        messages.error(request, exc.bilingual)
        params, status = {}, 400
    entries = what_if_stage(call, stage, **params) if request.GET and status == 200 else []
    current = {r.application_id: r for r in StageResult.objects.filter(call=call, stage=stage)}
    rows = [{"entry": e, "current": current.get(e.application_id)} for e in entries]
    return render(request, "evaluation/staff/what_if.html",
                  {"call": call, "stage": stage, "config": config, "params": params, "rows": rows},
                  status=status)  # fmt: skip


def _what_if_params(query) -> dict:
    """The what-if form's values, each parsed and range-checked; absent ones are left out."""
    params = {
        "cutoff": decimal_param(query, "cutoff", min_value=0, max_value=1000, default=None),
        "multiplier": decimal_param(query, "multiplier", min_value=0, max_value=100, default=None),
        "aggregation": choice_param(query, "aggregation", METHODS, default=None),
        "rounding": choice_param(query, "rounding", ("ceil", "floor", "half_up"), default=None),
        "fallback": choice_param(query, "fallback", FALLBACKS, default=None),
    }
    return {k: v for k, v in params.items() if v is not None}


@login_required
def site_check(request, pk):
    require(request, "evaluation.manage")
    application = get_object_or_404(Application, pk=pk)
    if request.method == "POST":
        post = request.POST
        return run(request, lambda: record_site_check(
            application=application, actor=request.user,
            result=choice_param(post, "result", SiteCheckResult),
            checked_on=date_param(post, "checked_on", default=dt.date.today()),
            notes=text_param(post, "notes"), researchers_ok=bool(post.get("researchers_ok")),
            facilities_ok=bool(post.get("facilities_ok")), infrastructure_ok=bool(post.get("infrastructure_ok")),
        ), _("Site check recorded."), reverse("evaluation:committee-decisions", args=[application.call_id]))  # fmt: skip
    return render(request, "evaluation/staff/site_check.html", {
        "application": application, "check": SiteCheck.objects.filter(application=application).first(),
        "results": SiteCheckResult.choices,
    })  # fmt: skip


@login_required
def committee_decisions(request, pk):
    """실무조정위원회: decide each candidate (reason), adjust grants, cut at the envelope, publish."""
    require(request, "evaluation.manage")
    call = get_object_or_404(Call, pk=pk)
    back = reverse("evaluation:committee-decisions", args=[call.pk])
    post = request.POST
    if request.method == "POST":
        op = choice_param(post, "op", ("publish", "grant", "decide"), default="decide")
        if op == "publish":
            return run(
                request,
                lambda: publish_results(call=call, actor=request.user),
                _("Results published."),
                back,
            )
        application = get_object_or_404(Application, pk=id_param(post, "application"), call=call)
        if op == "grant":
            decision = get_object_or_404(CommitteeDecision, application=application)
            return run(request, lambda: adjust_grant(decision=decision, amount_krw=money_param(post, "amount"),
                                                     reason=text_param(post, "reason"), actor=request.user),
                       _("Grant adjusted."), back)  # fmt: skip
        return run(request, lambda: decide_candidate(
            application=application, selected=choice_param(post, "selected", ("0", "1"), default="0") == "1",
            order=int_param(post, "order", min_value=1, max_value=100_000, default=None),
            reason=text_param(post, "reason"), actor=request.user), _("Decision recorded."), back)  # fmt: skip
    candidates = list(
        StageResult.objects.filter(call=call, stage="presentation", advances=True)
        .select_related("application__committee_decision", "application__site_check",
                        "application__program").order_by("rank")
    )  # fmt: skip
    granted: dict[str, int] = {}
    for track, amount in CommitteeDecision.objects.filter(
        call=call, selected=True, within_envelope=True
    ).values_list("application__track", "granted_krw"):
        granted[track] = granted.get(track, 0) + amount
    tracks = track_summary(call, granted=granted)
    if tracks:  # per track, in catalogue order; each track's budget cut is its own envelope
        position = {t["code"]: i for i, t in enumerate(tracks)}
        candidates.sort(
            key=lambda r: (position.get(r.application.track, len(position)), r.rank or 0)
        )
    return render(request, "evaluation/staff/committee_decisions.html",
                  {"call": call, "candidates": candidates, "decided_total": sum(granted.values()),
                   "tracks": tracks,
                   "confirm_publish": publish_message(call),
                   "publish_check": timeline.check("results.publish", call)})  # fmt: skip


@login_required
def objections(request, pk):
    require(request, "evaluation.manage")
    call = get_object_or_404(Call, pk=pk)
    items = (
        Objection.objects.filter(application__call=call)
        .select_related("application")
        .prefetch_related("reviewers")
    )
    return render(request, "evaluation/staff/objections.html", {"call": call, "objections": items})


@login_required
def objection_review(request, pk):
    objection = get_object_or_404(Objection.objects.select_related("application"), pk=pk)
    require(request, "evaluation.review_objection", objection)
    if request.method == "POST":
        post = request.POST
        return run(request, lambda: decide_objection(
            objection=objection, upheld=choice_param(post, "upheld", ("0", "1"), default="0") == "1",
            outcome=text_param(post, "outcome"), actor=request.user),
                   _("Objection decided."), reverse("evaluation:objection", args=[objection.pk]))  # fmt: skip
    results = StageResult.objects.filter(application=objection.application)
    return render(
        request,
        "evaluation/staff/objection_review.html",
        {
            "objection": objection,
            "results": results,
            "confirm_objection": objection_message(objection),
        },
    )
