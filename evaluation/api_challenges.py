"""API of the challenges: the tier assignment of a call after its final (public once decided)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from config.permissions import HasPerm
from evaluation.domain.challenge_flow import call_program, tiers
from evaluation.domain.challenge_tiers import TIE_BREAK_KEYS
from evaluation.models import TierAward
from programs.models import Call


class CallTiersView(APIView):
    """GET /api/v1/calls/{id}/tiers/: 404 for an unknown call or one without tiers, 409 before
    the tiers are decided, else the tiers in order with their teams and the tie-break used."""

    permission_classes = [HasPerm.of(get="public")]

    @extend_schema(responses={200: dict, 404: dict, 409: dict})
    def get(self, request, pk: int):
        call = get_object_or_404(Call.objects.prefetch_related("programs"), pk=pk)
        if not request.user.has_perm("programs.view_call", call):
            raise NotFound
        program = call_program(call)
        tier_list = tiers(program=program, call=call) if program is not None else []
        if not tier_list:
            raise NotFound("This call has no tiers.")
        awards = list(
            TierAward.objects.filter(call=call)
            .select_related("application__challenge_team")
            .order_by("rank")
        )
        if not awards:
            return Response(
                {"detail": "결선 후 등급이 결정되지 않았습니다. / The tiers are decided after the final.",
                 "code": "final_pending"}, status=409,
            )  # fmt: skip
        return Response({
            "call": call.pk, "program": program.code, "tie_break": list(TIE_BREAK_KEYS),
            "total_krw": sum(a.amount_krw for a in awards),
            "tiers": [
                {"code": t.code, "name_ko": t.name_ko, "name_en": t.name_en, "count": t.count,
                 "amount_krw": t.amount_krw,
                 "teams": [{"application": a.application_id, "receipt_no": a.application.receipt_no,
                            "team": getattr(getattr(a.application, "challenge_team", None), "name", ""),
                            "rank": a.rank, "final_score": str(a.final_score), "tie_break": a.tie_break}
                           for a in awards if a.tier_code == t.code]}
                for t in tier_list
            ],
        })  # fmt: skip
