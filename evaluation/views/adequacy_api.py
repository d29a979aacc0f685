"""API of the investment adequacy committee (INV).

- ``GET /api/v1/adequacy/calls/{call_id}/decisions/`` (staff, officials): every decision of the call;
  ``POST`` (staff) ``{"application", "result": "adequate"|"not_adequate", "reasons"}`` → 201, 409 when
  already decided, 422 with ``problems``;
- ``GET /api/v1/adequacy/seats/{seat_id}/opinions/`` (the member: own opinions);
  ``POST`` ``{"application", "result", "reasons"}`` (the member's own opinion).
"""

from django.shortcuts import get_object_or_404
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.models import Application
from config.permissions import HasPerm
from evaluation.domain import EvaluationError
from evaluation.domain.adequacy import decide, record_opinion
from evaluation.models import AdequacyCommittee, AdequacyMember


def _refusal(exc):
    return Response({"problems": [{"code": getattr(exc, "code", "invalid"), "message_ko": exc.message_ko,
                                   "message_en": exc.message_en}]},
                    status=getattr(exc, "status_code", 422))  # fmt: skip


def _decision(d) -> dict:
    return {"application": d.application_id, "result": d.result, "result_label": d.get_result_display(),
            "reasons": d.reasons, "decided_at": d.decided_at.isoformat()}  # fmt: skip


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class DecisionsAPI(APIView):
    permission_classes = [
        HasPerm.of(get="evaluation.view_adequacy", post="evaluation.manage_adequacy")
    ]

    def get(self, request, call_id: int):
        committee = get_object_or_404(AdequacyCommittee, call_id=call_id)
        return Response({"results": [_decision(d) for d in committee.decisions.all()]})

    def post(self, request, call_id: int):
        committee = get_object_or_404(AdequacyCommittee, call_id=call_id)
        d = request.data if isinstance(request.data, dict) else {}
        try:
            decision = decide(committee=committee, application_id=_int(d.get("application")),
                              result=str(d.get("result") or ""), reasons=str(d.get("reasons") or "")[:4000],
                              actor=request.user)  # fmt: skip
        except EvaluationError as exc:
            return _refusal(exc)
        return Response(_decision(decision), status=201)


class OpinionsAPI(APIView):
    permission_classes = [HasPerm.of(get="evaluation.sit_adequacy", post="evaluation.sit_adequacy")]

    def _seat(self, request, seat_id):
        seat = get_object_or_404(AdequacyMember.objects.select_related("committee"), pk=seat_id)
        if not request.user.has_perm("evaluation.act_on_seat", seat):
            raise PermissionDenied
        return seat

    def get(self, request, seat_id: int):
        seat = self._seat(request, seat_id)
        return Response({"results": [
            {"application": o.application_id, "result": o.result, "reasons": o.reasons}
            for o in seat.opinions.all()
        ]})  # fmt: skip

    def post(self, request, seat_id: int):
        seat = self._seat(request, seat_id)
        d = request.data if isinstance(request.data, dict) else {}
        app = Application.objects.filter(
            pk=_int(d.get("application")), call_id=seat.committee.call_id
        ).first()
        if app is None:
            return Response({"detail": "unknown application"}, status=404)
        try:
            o = record_opinion(seat=seat, application=app, result=str(d.get("result") or ""),
                               reasons=str(d.get("reasons") or "")[:4000], actor=request.user)  # fmt: skip
        except EvaluationError as exc:
            return _refusal(exc)
        return Response(
            {"application": o.application_id, "result": o.result, "reasons": o.reasons}, status=201
        )
