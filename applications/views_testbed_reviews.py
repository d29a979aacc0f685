"""Testbed review pages of the intake agency: the review committees of the testbed calls (the
standard committees of evaluation/, for the stages whose flow step the agency owns), one
committee's members and assignments, assigning a proposal and closing its review.

Permission ``evaluation.manage_owned_stage`` (evaluation/rules.py): the owner of the stage by the
flow data, never by programme code. Evaluators score on their own pages (/evaluation/my/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.domain import testbed_actions as act
from applications.domain.testbed_reviews import (
    assign_proposal,
    committees_of,
    form_committee,
    owned_stages,
    review_stage,
    seat_evaluator,
)
from applications.forms_testbed import AssignForm, CloseReviewForm, CommitteeForm, MemberForm
from applications.views_testbed import PROPOSALS, proposal_context, testbed_program
from evaluation.domain import EvaluationError
from evaluation.models import Assignment, Committee
from programs.models import Call


def _bilingual(exc: EvaluationError) -> str:
    return f"{exc.message_ko} / {exc.message_en}"


def _owned_calls(user):
    program = testbed_program()
    calls = (
        Call.objects.filter(programs=program).order_by("-opens_at")
        if program
        else Call.objects.none()
    )
    return [c for c in calls if user.has_perm("evaluation.manage_owned_stage", c)]


def _stage_choices(calls, user) -> list[tuple[str, str]]:
    program = testbed_program()
    en = translation.get_language() == "en"
    seen: dict[str, str] = {}
    for call in calls:
        for stage in owned_stages(call=call, user=user):
            spec = program.stage(stage) or {}
            seen.setdefault(stage, spec.get("name_en" if en else "name_ko") or stage)
    return list(seen.items())


@login_required
def committees(request):
    """The review committees of the testbed calls; form a new one."""
    calls = _owned_calls(request.user)
    if not calls:
        raise PermissionDenied
    form = CommitteeForm(request.POST or None, calls=Call.objects.filter(pk__in=[c.pk for c in calls]),
                         stages=_stage_choices(calls, request.user))  # fmt: skip
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                committee = form_committee(call=d["call"], stage=d["stage"], name=d["name"],
                                           actor=request.user)  # fmt: skip
            except EvaluationError as exc:
                form.add_error(None, _bilingual(exc))
            else:
                messages.success(request, _("Committee created."))
                return redirect("testbed:committee", committee.pk)
    rows = committees_of(calls=calls, user=request.user)
    return render(request, "testbed/committees.html", {"form": form, "rows": rows}, status=status)


@login_required
def committee_detail(request, pk: int):
    """One committee: members (pledge signed or not), seat an evaluator, its assignments."""
    committee = get_object_or_404(Committee.objects.select_related("call"), pk=pk)
    if not request.user.has_perm("evaluation.manage_owned_stage", committee):
        raise PermissionDenied
    form = MemberForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                seat_evaluator(committee=committee, evaluator=form.cleaned_data["evaluator"],
                               actor=request.user)  # fmt: skip
            except EvaluationError as exc:
                form.add_error("evaluator", _bilingual(exc))
            else:
                messages.success(request, _("Member added."))
                return redirect("testbed:committee", committee.pk)
    assignments = (
        Assignment.objects.filter(committee=committee)
        .select_related("application__testbed", "evaluator", "sheet")
        .order_by("application__receipt_no", "evaluator_id")
    )
    stage_name = dict(_stage_choices([committee.call], request.user)).get(committee.stage)
    ctx = {"committee": committee, "members": committee.members.select_related("evaluator"),
           "assignments": assignments, "form": form,
           "stage_name": stage_name or committee.get_stage_display()}  # fmt: skip
    return render(request, "testbed/committee.html", ctx, status=status)


def _proposal_for_review(request, pk: int):
    proposal = get_object_or_404(PROPOSALS, pk=pk)
    if not request.user.has_perm("testbed.run_intake") or not request.user.has_perm(
        "evaluation.manage_owned_stage", proposal.application.call
    ):
        raise PermissionDenied
    return proposal


def _again(request, proposal, key: str, form):
    ctx = proposal_context(request, proposal, **{key: form})
    return render(request, "testbed/proposal.html", ctx, status=422)


@require_POST
@login_required
def assign(request, pk: int):
    """Assign the proposal to a committee of its current review (conflicts are excluded)."""
    proposal = _proposal_for_review(request, pk)
    stage = review_stage(proposal)
    form = AssignForm(request.POST, committees=Committee.objects.filter(
        call_id=proposal.application.call_id, stage=stage or "-"))  # fmt: skip
    if not form.is_valid():
        return _again(request, proposal, "assign", form)
    try:
        summary = assign_proposal(proposal=proposal, committee=form.cleaned_data["committee"],
                                  actor=request.user)  # fmt: skip
    except EvaluationError as exc:
        form.add_error("committee", _bilingual(exc))
        return _again(request, proposal, "assign", form)
    messages.success(
        request,
        _("%(assigned)s evaluator(s) assigned; %(excluded)s excluded for a conflict of interest.")
        % summary,
    )
    return redirect("testbed:proposal", pk)


@require_POST
@login_required
def close_review(request, pk: int):
    """Close the review with the committee's aggregated score (refused while incomplete)."""
    proposal = _proposal_for_review(request, pk)
    form = CloseReviewForm(request.POST)
    if not form.is_valid():
        return _again(request, proposal, "review", form)
    try:
        act.close_review(proposal=proposal, actor=request.user, step=form.cleaned_data["step"],
                         note=form.cleaned_data["note"])  # fmt: skip
    except (EvaluationError, ValueError) as exc:
        if isinstance(exc, ValueError):  # an unknown step value
            exc = EvaluationError("알 수 없는 단계입니다.", "Unknown step.")
        form.add_error(None, _bilingual(exc))
        proposal.refresh_from_db()
        return _again(request, proposal, "review", form)
    messages.success(request, _("The review was closed."))
    return redirect("testbed:proposal", pk)
