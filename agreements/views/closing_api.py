"""Closing API (same permissions as the pages): settlement and royalty of an agreement."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.settlement import royalty_figures, settlement_blockers, settlement_figures
from agreements.models import Agreement
from agreements.models.closing import Settlement
from config.permissions import HasPerm

VIEW = "agreements.view_closing"


def _agreement(request, pk: int) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("program", "lead_institution", "application"), pk=pk
    )
    if not request.user.has_perm(VIEW, agreement):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied()
    return agreement


class SettlementAPI(APIView):
    """GET: {"rate_pct": null, "base_krw", "amount_krw", "due_on", "status", …} of the recovery.

    `base_krw` is the city grant paid, `amount_krw` the recovery (unspent + disallowed, less
    recoveries already billed); before settlement the figures are the current forecast and
    `status` says why it is not settled ("awaiting_verdict", "expenses_pending", "not_settled")."""

    permission_classes = [HasPerm.of(object_perms={"GET": VIEW}, get=VIEW)]

    @extend_schema(responses={200: OpenApiTypes.OBJECT},
                   summary="Settlement: recovery due or billed (unspent + disallowed)")  # fmt: skip
    def get(self, request, pk: int):
        agreement = _agreement(request, pk)
        settlement = (
            Settlement.objects.filter(agreement=agreement).select_related("recovery_bill").first()
        )
        if settlement is not None and settlement.status == "settled":
            bill = settlement.recovery_bill
            figures = {
                "paid_krw": settlement.paid_krw, "used_krw": settlement.used_krw,
                "disallowed_krw": settlement.disallowed_krw,
                "returned_krw": settlement.returned_krw, "unspent_krw": settlement.unspent_krw,
                "recovery_krw": settlement.recovery_krw,
            }  # fmt: skip
            status = bill.status if bill else "settled"
            due_on = bill.due_on.isoformat() if bill else None
            number = bill.number if bill else None
        else:
            figures = settlement_figures(agreement).as_dict()
            blockers = settlement_blockers(agreement)
            codes = {"no_verdict": "awaiting_verdict", "expenses_pending": "expenses_pending"}
            status = codes[blockers[0][0]] if blockers else (
                "reopened" if settlement is not None else "not_settled"
            )  # fmt: skip
            due_on, number = None, None
        return Response({
            "rate_pct": None, "base_krw": figures["paid_krw"],
            "amount_krw": figures["recovery_krw"], "due_on": due_on, "status": status,
            "bill": number, "settled_on": settlement.settled_on.isoformat() if settlement else None,
            "times_settled": settlement.times_settled if settlement else 0, **figures,
        })  # fmt: skip


class RoyaltyAPI(APIView):
    """GET: {"rate_pct", "base_krw", "amount_krw", "due_on", "status"} (won, rounded down)."""

    permission_classes = [HasPerm.of(object_perms={"GET": VIEW}, get=VIEW)]

    @extend_schema(responses={200: OpenApiTypes.OBJECT},
                   summary="Royalty: rate × city grant used, won rounded down")  # fmt: skip
    def get(self, request, pk: int):
        return Response(royalty_figures(_agreement(request, pk)))
