"""API of outcome reports (추적조사): list, read, edit figures, submit, review.

Institutions see their own reports (another institution's is 404); staff and city officials see
all; officials change nothing. Errors as the other APIs: {"code", "detail", "message_ko",
"message_en", "problems"}; 400 bad input, 409 already decided, 422 refused.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from config.locking import AlreadyDecided
from config.parsers import StrictJSONParser
from config.permissions import HasPerm
from evaluation.domain import EvaluationError
from tracking.domain.reports import save_figures, set_report_status
from tracking.models import FIGURE_FIELDS, ReportStatus, TrackingReport


class ReportOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    project = serializers.CharField()
    program = serializers.CharField()
    institution = serializers.CharField()
    report_year_no = serializers.IntegerField()
    covers_year = serializers.IntegerField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    figures = serializers.DictField(child=serializers.IntegerField())
    jump_note = serializers.CharField()
    review_note = serializers.CharField()


class ReportPatchIn(serializers.Serializer):
    figures = serializers.DictField(child=serializers.IntegerField(min_value=0))
    jump_note = serializers.CharField(required=False, allow_blank=True)


class ReviewIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "request_changes"])
    note = serializers.CharField(required=False, allow_blank=True)


def visible_reports(user):
    """Staff and officials: all; an applicant: their institution's; anyone else: none."""
    qs = TrackingReport.objects.select_related("project", "program", "institution")
    if user.role in (Role.STAFF, Role.OFFICIAL) or user.is_superuser:
        return qs
    if user.role == Role.APPLICANT and user.institution_id:
        return qs.filter(institution_id=user.institution_id)
    return qs.none()


def report_out(r: TrackingReport) -> dict:
    return {
        "id": r.pk, "code": r.code, "project": r.project.title, "program": r.program.code,
        "institution": r.institution.name, "report_year_no": r.report_year_no,
        "covers_year": r.covers_year, "due_on": r.due_on, "status": r.status,
        "status_label": str(r.get_status_display()),
        "figures": {f: getattr(r, f) for f in FIGURE_FIELDS}, "jump_note": r.jump_note,
        "review_note": r.review_note,
    }  # fmt: skip


def refusal(code: str, ko: str, en: str, status: int, field: str = "") -> Response:
    message = en if translation.get_language() == "en" else ko
    problem = {"code": code, "field": field, "message": message, "message_ko": ko, "message_en": en}
    return Response({"code": code, "detail": message, "message": message, "message_ko": ko,
                     "message_en": en, "problems": [problem]}, status=status)  # fmt: skip


def report_for(request, pk: int, perm: str) -> TrackingReport:
    """The report if the user may read it (404 to other applicants) and holds `perm` on it."""
    report = get_object_or_404(
        TrackingReport.objects.select_related("project", "program", "institution"), pk=pk
    )
    if not request.user.has_perm("tracking.view_report", report):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


def _domain_refusal(exc: EvaluationError) -> Response:
    return refusal(exc.code, exc.message_ko, exc.message_en, getattr(exc, "status_code", 422))


class ReportListApi(APIView):
    permission_classes = [HasPerm.of(get="tracking.list_reports")]

    @extend_schema(responses={200: ReportOut(many=True)})
    def get(self, request):
        qs = visible_reports(request.user).order_by("due_on", "pk")
        status = request.query_params.get("status")
        if status:
            if status not in ReportStatus.values:
                return refusal("invalid_status", "상태 값이 올바르지 않습니다.",
                               "Unknown status.", 400, "status")  # fmt: skip
            qs = qs.filter(status=status)
        return Response([report_out(r) for r in qs[:500]])


class ReportDetailApi(APIView):
    permission_classes = [HasPerm.of(get="tracking.list_reports", patch="tracking.list_reports")]
    parser_classes = [StrictJSONParser]

    @extend_schema(responses={200: ReportOut})
    def get(self, request, pk: int):
        return Response(report_out(report_for(request, pk, "tracking.view_report")))

    @extend_schema(request=ReportPatchIn, responses={200: ReportOut, 400: None, 422: None})
    def patch(self, request, pk: int):
        report = report_for(request, pk, "tracking.file_report")
        data = ReportPatchIn(data=request.data if isinstance(request.data, dict) else {})
        if not data.is_valid():
            field = next(iter(data.errors), "")
            return refusal("invalid", "입력값을 확인하십시오.", "Check the values.", 400, field)
        figures = data.validated_data["figures"]
        unknown = [f for f in figures if f not in FIGURE_FIELDS]
        if unknown:
            return refusal("unknown_field", "알 수 없는 항목입니다.", "Unknown field.", 400,
                           unknown[0])  # fmt: skip
        try:
            save_figures(report=report, values=figures, actor=request.user,
                         note=data.validated_data.get("jump_note", ""))  # fmt: skip
        except (AlreadyDecided, EvaluationError) as exc:
            return _domain_refusal(exc)
        return Response(report_out(report))


class ReportSubmitApi(APIView):
    permission_classes = [HasPerm.of(post="tracking.list_reports")]

    @extend_schema(request=None, responses={200: ReportOut, 409: None})
    def post(self, request, pk: int):
        report = report_for(request, pk, "tracking.file_report")
        try:
            set_report_status(report=report, status=ReportStatus.SUBMITTED, actor=request.user)
        except (AlreadyDecided, EvaluationError) as exc:
            return _domain_refusal(exc)
        return Response(report_out(report))


class ReportReviewApi(APIView):
    permission_classes = [HasPerm.of(post="tracking.review_reports")]
    parser_classes = [StrictJSONParser]

    @extend_schema(request=ReviewIn, responses={200: ReportOut, 409: None})
    def post(self, request, pk: int):
        report = report_for(request, pk, "tracking.review_reports")
        data = ReviewIn(data=request.data if isinstance(request.data, dict) else {})
        if not data.is_valid():
            return refusal("invalid", "결정을 선택하십시오.", "Choose a decision.", 400, "decision")
        accept = data.validated_data["decision"] == "accept"
        note = data.validated_data.get("note", "")
        if not accept and not note.strip():
            return refusal("note_required", "보완 요청 사유를 입력하십시오.",
                           "Say what to change.", 422, "note")  # fmt: skip
        status = ReportStatus.ACCEPTED if accept else ReportStatus.CHANGES_REQUESTED
        try:
            set_report_status(report=report, status=status, actor=request.user, note=note)
        except (AlreadyDecided, EvaluationError) as exc:
            return _domain_refusal(exc)
        return Response(report_out(report))
