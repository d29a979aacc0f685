"""Closing pages of one agreement: its annual/final evaluations, one round (staff), its settlement,
bills and royalty. Thin: the logic is in agreements.domain.rounds / settlement / bills."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from agreements.domain.bills import allow_instalments, record_payment
from agreements.domain.closing_rules import grade_bands
from agreements.domain.money_summary import project_money
from agreements.domain.rounds import (
    assign_round_evaluator,
    decide_annual,
    decide_final,
    open_round,
    round_assignments,
    round_score,
)
from agreements.domain.settlement import (
    bill_royalty,
    reopen_settlement,
    royalty_figures,
    settle,
    settlement_blockers,
    settlement_figures,
)
from agreements.enums import (
    AgreementStatus,
    AnnualVerdict,
    FinalResult,
    RoundStatus,
    SettlementStatus,
)
from agreements.models import Agreement
from agreements.models.closing import Bill, EvaluationRound, Settlement
from applications.views import PermissionView
from config.params import (
    ParamError,
    choice_param,
    date_param,
    id_param,
    int_param,
    money_param,
    text_param,
)
from evaluation.domain import EvaluationError
from evaluation.enums import POST_AWARD_STAGES, StageCode

VIEW = "agreements.view_closing"
ROUND_ACTIONS = ("assign", "decide_annual", "decide_final")
SETTLEMENT_ACTIONS = ("settle", "reopen", "royalty", "payment", "instalments")
MANAGE = "agreements.manage_closing"


def closing_agreement(request, pk: int) -> Agreement:
    """Another institution's agreement is 404 for an applicant (not revealed); other roles 403."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("program", "lead_institution", "application"), pk=pk
    )
    if not request.user.has_perm(VIEW, agreement):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return agreement


def require_manage(request) -> None:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied


def act(request, action, success: str, to: str):
    """Run a domain action; a refusal is shown as a ko/en message (never a 500)."""
    try:
        action()
    except (EvaluationError, ParamError) as exc:
        messages.error(request, f"{exc.message_ko} / {exc.message_en}")
    else:
        messages.success(request, success)
    return redirect(to)


class EvaluationsView(PermissionView):
    """/agreements/<pk>/evaluations/: the agreement's annual and final rounds; staff open one."""

    def get(self, request, pk: int):
        agreement = closing_agreement(request, pk)
        rounds = EvaluationRound.objects.filter(agreement=agreement).select_related("committee")
        years = list(agreement.years.values_list("year_no", flat=True))
        return render(request, "agreements/closing/evaluations.html", {
            "agreement": agreement, "rounds": rounds, "annual_years": years[:-1],
            "stages": [(s.value, s.label) for s in POST_AWARD_STAGES],
            "can_manage": request.user.has_perm(MANAGE),
            "can_open": request.user.has_perm(MANAGE) and agreement.status == AgreementStatus.ACTIVE,
        })  # fmt: skip

    def post(self, request, pk: int):
        agreement = closing_agreement(request, pk)
        require_manage(request)
        here = reverse("agreements:closing-evaluations", args=[agreement.pk])

        def run():
            stage = choice_param(request.POST, "stage", POST_AWARD_STAGES)
            year = int_param(request.POST, "year_no", default=None, min_value=1, max_value=20)
            open_round(agreement=agreement, stage=stage, actor=request.user, year_no=year)

        return act(request, run, _("Evaluation round opened."), here)


class RoundView(PermissionView):
    """/agreements/rounds/<pk>/ (staff): evaluators, their sheets, the score and the decision."""

    def _round(self, request, pk: int) -> EvaluationRound:
        require_manage(request)
        return get_object_or_404(
            EvaluationRound.objects.select_related("agreement__program", "committee"), pk=pk
        )

    def get(self, request, pk: int):
        rnd = self._round(request, pk)
        assigned = list(round_assignments(rnd))
        taken = {a.evaluator_id for a in assigned}
        evaluators = User.objects.filter(role=Role.EVALUATOR, is_active=True).exclude(pk__in=taken)
        bands, bands_source = grade_bands(rnd.agreement.program)
        bands = [{**b, "label": FinalResult(b["grade"]).label} for b in bands]
        return render(request, "agreements/closing/round.html", {
            "round": rnd, "agreement": rnd.agreement, "assignments": assigned,
            "evaluators": evaluators.order_by("username")[:200], "score": round_score(rnd),
            "verdicts": AnnualVerdict.choices, "is_annual": rnd.stage == StageCode.ANNUAL,
            "is_open": rnd.status == RoundStatus.OPEN, "bands": bands,
            "bands_source": bands_source,
        })  # fmt: skip

    def post(self, request, pk: int):
        rnd = self._round(request, pk)
        here = reverse("agreements:closing-round", args=[rnd.pk])
        action = choice_param(request.POST, "action", ROUND_ACTIONS, default="")
        reason = lambda: text_param(request.POST, "reason", max_length=2000)  # noqa: E731
        if action == "assign":

            def run():
                evaluator_id = id_param(request.POST, "evaluator")
                evaluator = get_object_or_404(User, pk=evaluator_id, role=Role.EVALUATOR)
                assign_round_evaluator(rnd=rnd, evaluator=evaluator, actor=request.user)

            return act(request, run, _("Evaluator assigned."), here)
        if action == "decide_annual":
            return act(request, lambda: decide_annual(
                rnd=rnd, verdict=choice_param(request.POST, "verdict", AnnualVerdict),
                reason=reason(), actor=request.user), _("Decision recorded."), here)  # fmt: skip
        if action == "decide_final":
            return act(request, lambda: decide_final(
                rnd=rnd, success=choice_param(request.POST, "result", ("success", "failure"))
                == "success", reason=reason(), actor=request.user),
                _("Decision recorded."), here)  # fmt: skip
        messages.error(request, "알 수 없는 요청입니다. / Unknown action.")
        return redirect(here)


class SettlementView(PermissionView):
    """/agreements/<pk>/settlement/: figures, bills and royalty; staff settle, reopen, bill the
    royalty, record payments and allow instalments."""

    def get(self, request, pk: int):
        agreement = closing_agreement(request, pk)
        settlement = Settlement.objects.filter(agreement=agreement).first()
        bills = Bill.objects.filter(agreement=agreement).order_by("issued_on", "id")
        return render(request, "agreements/closing/settlement.html", {
            "agreement": agreement, "settlement": settlement,
            "settled": settlement is not None and settlement.status == SettlementStatus.SETTLED,
            "figures": settlement_figures(agreement), "blockers": settlement_blockers(agreement),
            "bills": bills, "royalty": royalty_figures(agreement),
            "money": project_money(agreement_id=agreement.pk),
            "can_manage": request.user.has_perm(MANAGE), "plan_rows": range(1, 4),
        })  # fmt: skip

    def post(self, request, pk: int):
        agreement = closing_agreement(request, pk)
        require_manage(request)
        here = reverse("agreements:closing-settlement", args=[agreement.pk])
        post, user = request.POST, request.user
        action = choice_param(post, "action", SETTLEMENT_ACTIONS, default="")
        if action == "settle":
            return act(request, lambda: settle(agreement=agreement, actor=user),
                       _("Settled."), here)  # fmt: skip
        if action == "reopen":
            return act(request, lambda: reopen_settlement(
                agreement=agreement, reason=text_param(post, "reason", max_length=2000),
                actor=user), _("Settlement reopened."), here)  # fmt: skip
        if action == "royalty":
            return act(request, lambda: bill_royalty(agreement=agreement, actor=user),
                       _("Royalty billed."), here)  # fmt: skip
        if action in ("payment", "instalments"):
            bill = get_object_or_404(Bill, pk=id_param(post, "bill"), agreement=agreement)
            if action == "payment":
                return act(request, lambda: record_payment(
                    bill=bill, amount_krw=money_param(post, "amount_krw"),
                    paid_on=date_param(post, "paid_on"), actor=user,
                    reference=text_param(post, "reference", max_length=300)),
                    _("Payment recorded."), here)  # fmt: skip

            def plan():
                rows = []
                for n in range(1, 4):
                    if post.get(f"due_on_{n}") or post.get(f"amount_{n}"):
                        rows.append({"due_on": date_param(post, f"due_on_{n}").isoformat(),
                                     "amount_krw": money_param(post, f"amount_{n}")})  # fmt: skip
                allow_instalments(bill=bill, plan=rows, actor=user,
                                  reason=text_param(post, "reason", max_length=2000))  # fmt: skip

            return act(request, plan, _("Instalment plan saved."), here)
        messages.error(request, "알 수 없는 요청입니다. / Unknown action.")
        return redirect(here)
