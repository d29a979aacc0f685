"""Screening API under /api/v1/. Thin: permissions + domain functions."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from applications.models import Application
from config.permissions import HasPerm
from evaluation.screening.domain.runs import latest_result, run_counts, start_run
from evaluation.screening.models import ScreeningRun
from programs.models import Call


class CallScreeningRunsView(APIView):
    """POST /calls/{id}/screening-runs/ → {"id"}: start a screening run (staff)."""

    permission_classes = [HasPerm.of(post="screening.start_run")]

    def post(self, request, pk: int):
        call = get_object_or_404(Call, pk=pk)
        run = start_run(call=call, actor=request.user)
        return Response({"id": run.pk}, status=status.HTTP_201_CREATED)


def run_payload(run: ScreeningRun) -> dict:
    return {
        "id": run.pk, "call": run.call_id, "status": run.status, "progress": run.percent,
        "processed": run.processed, "total": run.total, "counts": run_counts(run),
        "released": run.released_at is not None,
    }  # fmt: skip


class ScreeningRunDetailView(APIView):
    """GET /screening-runs/{id}/ → {"status", "progress" (0–100), "counts": {...}}."""

    permission_classes = [HasPerm.of(get="screening.view_run")]

    def get(self, request, pk: int):
        return Response(run_payload(get_object_or_404(ScreeningRun, pk=pk)))


class ApplicationScreeningView(APIView):
    """GET /applications/{id}/screening/ → {"result", "rules": [{"code", "outcome", "reason"}]}.

    Staff see the latest finished run; the applicant only a released result of their own application.
    """

    permission_classes = [
        HasPerm.of(
            get="screening.view_application_result",
            object_perms={"GET": "screening.view_application_result"},
        )
    ]

    def get(self, request, pk: int):
        app = get_object_or_404(Application.objects.select_related("pi"), pk=pk)
        self.check_object_permissions(request, app)
        staff = request.user.has_perm("screening.view_run")
        result = latest_result(application=app, released_only=not staff)
        if result is None:
            raise Http404
        en = get_language() == "en"
        return Response({
            "application": app.pk, "run": result.run_id, "result": result.final_outcome,
            "computed_result": result.outcome, "overridden": bool(result.override_outcome),
            "override_reason": result.override_reason, "released": result.run.released_at is not None,
            "rules": [{"code": r["code"], "outcome": r["outcome"],
                       "reason": r["reason_en"] if en else r["reason_ko"],
                       "reason_ko": r["reason_ko"], "reason_en": r["reason_en"]} for r in result.rules],
        })  # fmt: skip
