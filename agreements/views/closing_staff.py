"""Staff closing pages: the closing workbench (rounds, settlements, bills), sanctions, IR list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Researcher
from agreements.domain.ir_list import PER_HALF, SHARE, ir_list, success_counts
from agreements.domain.sanctions import impose_sanction
from agreements.enums import AgreementStatus, BillStatus, RoundStatus, SanctionKind
from agreements.interfaces.ir_export import ir_workbook
from agreements.models import Agreement
from agreements.models.closing import Bill, EvaluationRound, SanctionDecision, Settlement
from agreements.views.closing import MANAGE, act
from applications.views import PermissionView
from config.params import choice_param, date_param, id_param, int_param, money_param, text_param

IR_PERM = "agreements.view_ir_list"


class ClosingWorkbenchView(PermissionView):
    """/agreements/staff/closing/: what waits — open rounds, agreements to settle, open bills."""

    permission_required = MANAGE

    def get(self, request):
        settled = Settlement.objects.values("agreement_id")
        to_settle = (
            Agreement.objects.filter(status__in=(AgreementStatus.COMPLETED, AgreementStatus.TERMINATED))
            .exclude(pk__in=settled).select_related("lead_institution", "program")[:100]
        )  # fmt: skip
        running = (
            Agreement.objects.filter(status=AgreementStatus.ACTIVE)
            .select_related("lead_institution", "program").order_by("ends_on")[:100]
        )  # fmt: skip
        return render(request, "agreements/closing/workbench.html", {
            "open_rounds": EvaluationRound.objects.filter(status=RoundStatus.OPEN)
            .select_related("agreement__lead_institution")[:100],
            "to_settle": to_settle, "running": running,
            "bills": Bill.objects.filter(status__in=(BillStatus.OPEN, BillStatus.OVERDUE))
            .select_related("agreement", "institution").order_by("due_on")[:200],
        })  # fmt: skip


class SanctionsView(PermissionView):
    """/agreements/staff/sanctions/: decided sanctions and the form to decide one (audited)."""

    permission_required = MANAGE

    def get(self, request):
        decisions = SanctionDecision.objects.select_related(
            "agreement", "institution", "researcher", "recovery_bill", "penalty_bill"
        )[:200]
        return render(request, "agreements/closing/sanctions.html", {
            "decisions": decisions, "kinds": SanctionKind.choices,
            "agreements": Agreement.objects.select_related("lead_institution").order_by("-pk")[:300],
            "today": timezone.localdate(),
        })  # fmt: skip

    def post(self, request):
        post = request.POST
        here = reverse("agreements:closing-sanctions")

        def run():
            agreement = get_object_or_404(Agreement, pk=id_param(post, "agreement"))
            researcher_no = text_param(post, "researcher_no", max_length=20)
            researcher = (
                get_object_or_404(Researcher, researcher_no=researcher_no)
                if researcher_no
                else None
            )
            impose_sanction(
                agreement=agreement, kind=choice_param(post, "kind", SanctionKind),
                starts_on=date_param(post, "starts_on"), ends_on=date_param(post, "ends_on"),
                reason=text_param(post, "reason", max_length=2000), actor=request.user,
                researcher=researcher, recovery_krw=money_param(post, "recovery_krw", default=0),
                penalty_krw=money_param(post, "penalty_krw", default=0),
            )  # fmt: skip

        return act(request, run, _("Sanction recorded."), here)


def _year(request) -> int:
    return int_param(request.GET, "year", default=timezone.localdate().year, min_value=2000,
                     max_value=2100)  # fmt: skip


class IRListView(PermissionView):
    """/agreements/staff/ir-list/: the investor-relations list of a year (seed 000 Ⅱ)."""

    def get(self, request):
        if not request.user.has_perm(IR_PERM):
            raise PermissionDenied
        year = _year(request)
        return render(request, "agreements/closing/ir_list.html", {
            "year": year, "halves": ir_list(year=year), "counts": success_counts(year=year),
            "share_pct": int(SHARE * 100), "per_half": PER_HALF,
        })  # fmt: skip


class IRExportView(PermissionView):
    def get(self, request):
        if not request.user.has_perm(IR_PERM):
            raise PermissionDenied
        year = _year(request)
        body = ir_workbook(year=year, halves=ir_list(year=year))
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="ir-list-{year}.xlsx"'
        return response
