"""Money API (same permissions as the pages): instalments with their blocking gates, the ledger
with its balance, and the programme-year summary."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.gates import blocked_by, evaluate_gates
from agreements.domain.money_summary import (
    city_totals,
    ledger_rows,
    programme_year_totals,
    project_money,
)
from agreements.domain.payments import ensure_instalments, seoul_today
from agreements.models import Agreement, Instalment, InstalmentStatus
from config.params import int_param
from config.permissions import HasPerm

VIEW_MONEY = "agreements.view_agreement_money"


def _agreement(request, pk: int) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("program", "lead_institution", "application"), pk=pk
    )
    if not request.user.has_perm(VIEW_MONEY, agreement):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied()
    return agreement


class InstalmentsAPI(APIView):
    """GET: [{"year_no", "amount_krw", "status", "paid_on", "blocked_by": [{"code", "message"}]}]."""

    permission_classes = [HasPerm.of(object_perms={"GET": VIEW_MONEY}, get=VIEW_MONEY)]

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT}, summary="Instalments and their blocking gates"
    )
    def get(self, request, pk: int):
        agreement = _agreement(request, pk)
        ensure_instalments(agreement=agreement)
        today = seoul_today()
        out = []
        qs = Instalment.objects.filter(agreement=agreement).select_related(
            "year", "agreement__program", "agreement__lead_institution"
        )
        for inst in qs.order_by("year_no"):
            red = []
            if inst.status in (InstalmentStatus.PLANNED, InstalmentStatus.PAYABLE):
                red = blocked_by(evaluate_gates(instalment=inst, today=today))
            out.append({
                "year_no": inst.year_no, "amount_krw": inst.amount_krw, "status": inst.status,
                "paid_on": inst.paid_on.isoformat() if inst.paid_on else None,
                "blocked_by": [{"code": r.code, "message": r.message,
                                "message_ko": r.message_ko, "message_en": r.message_en}
                               for r in red],
            })  # fmt: skip
        return Response(out)


def entry_json(e) -> dict:
    return {
        "id": e.pk, "occurred_on": e.occurred_on.isoformat(), "kind": e.kind,
        "year_no": e.year_no, "category": e.category, "institution": e.institution_id,
        "institution_name": e.institution.name if e.institution_id else "",
        "amount_krw": e.amount_krw, "reference": e.reference, "note": e.note,
    }  # fmt: skip


class LedgerAPI(APIView):
    """GET: {"rows": [...], "balance": {by_kind, paid_krw, …, balance_krw, grant_open_krw}}."""

    permission_classes = [HasPerm.of(object_perms={"GET": VIEW_MONEY}, get=VIEW_MONEY)]

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="Ledger rows and balance")
    def get(self, request, pk: int):
        agreement = _agreement(request, pk)
        rows = [entry_json(e) for e in ledger_rows(agreement_id=agreement.pk)]
        return Response({"agreement": agreement.pk, "rows": rows,
                         "balance": project_money(agreement_id=agreement.pk).as_dict()})  # fmt: skip


class MoneySummaryAPI(APIView):
    """GET ?fiscal_year=: programme-year totals and city totals (staff and city officials)."""

    permission_classes = [HasPerm.of(get="agreements.watch_money")]

    @extend_schema(
        parameters=[OpenApiParameter("fiscal_year", int, required=False)],
        responses={200: OpenApiTypes.OBJECT}, summary="Money by programme-year and city totals",
    )  # fmt: skip
    def get(self, request):
        year = int_param(request.query_params, "fiscal_year", default=None, min_value=1990,
                         max_value=2200)  # fmt: skip
        rows = [
            {"fiscal_year": r.fiscal_year, "program": r.program_code, **r.money.as_dict()}
            for r in programme_year_totals(fiscal_year=year)
        ]
        return Response({"fiscal_year": year, "programme_years": rows,
                         "city": city_totals(fiscal_year=year).as_dict()})  # fmt: skip
