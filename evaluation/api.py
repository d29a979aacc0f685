"""REST API of evaluation: evaluators' assignments and sheets; staff aggregation and ranking."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.params import ParamError, text_param
from config.permissions import HasPerm
from evaluation.domain import EvaluationError, timeline
from evaluation.domain.results import ranking_rows, stage_config
from evaluation.domain.scoring import criteria_for, mark_opened, save_scores, submit_sheet
from evaluation.enums import SCORED_STAGES, AssignmentStatus
from evaluation.interfaces.dossier_schema import DOSSIER_RESPONSE
from evaluation.models import Assignment
from evaluation.tasks import aggregate_stage
from programs.models import Call


def _error(exc: EvaluationError | ParamError, code=status.HTTP_400_BAD_REQUEST) -> Response:
    if exc.code in ("locked", "duplicate") or getattr(exc, "status_code", None) == 409:
        code = status.HTTP_409_CONFLICT  # config.locking.AlreadyDecided: someone decided first
    if exc.code == "forbidden":
        code = status.HTTP_403_FORBIDDEN
    return Response({"code": exc.code, "detail": exc.message, "message_ko": exc.message_ko,
                     "message_en": exc.message_en}, status=code)  # fmt: skip


def _sheet_json(assignment: Assignment) -> dict:
    sheet = getattr(assignment, "sheet", None)
    # An excluded (COI) or recused evaluator no longer sees the application's title.
    active = assignment.status == AssignmentStatus.ACTIVE
    return {
        "id": assignment.pk, "stage": assignment.stage, "status": assignment.status,
        "application": assignment.application_id, "receipt_no": assignment.application.receipt_no,
        "title": assignment.application.title_ko if active else None,
        "criteria_definition": criteria_for(assignment),
        "sheet": None if sheet is None else {
            "status": sheet.status, "total": str(sheet.total), "comment": sheet.comment,
            "criteria": [{"code": c.code, "points": str(c.points), "comment": c.comment}
                         for c in sheet.criteria.all()],
        },
    }  # fmt: skip


class EvaluatorAssignmentsAPI(APIView):
    """GET: the requesting evaluator's own assignments (never anybody else's sheets)."""

    permission_classes = [HasPerm.of(get="evaluation.list_assignments")]

    def get(self, request):
        qs = (
            Assignment.objects.filter(evaluator=request.user, status=AssignmentStatus.ACTIVE)
            .select_related("application__program", "sheet").prefetch_related("sheet__criteria")
        )  # fmt: skip
        return Response([_sheet_json(a) for a in qs])


class _OwnAssignmentMixin:
    def get_assignment(self, request, pk) -> Assignment:
        assignment = get_object_or_404(
            Assignment.objects.select_related("application__program"), pk=pk
        )
        self.check_object_permissions(request, assignment)
        return assignment


class ScoreSheetAPI(_OwnAssignmentMixin, APIView):
    """POST {"criteria": [{"code", "points", "comment"?}], "comment"}: save the draft scores."""

    permission_classes = [
        HasPerm.of(post="evaluation.score", object_perms={"post": "evaluation.score"})
    ]

    def post(self, request, pk):
        assignment = self.get_assignment(request, pk)
        try:
            criteria, comment = score_body(request.data)
            mark_opened(assignment=assignment)
            save_scores(
                assignment=assignment, criteria=criteria, comment=comment, actor=request.user
            )
        except (EvaluationError, ParamError) as exc:
            return _error(exc)
        assignment.refresh_from_db()
        return Response(_sheet_json(Assignment.objects.get(pk=assignment.pk)))


MAX_CRITERIA = 50


def score_body(data) -> tuple[list[dict], str]:
    """The score body {"criteria": [{"code", "points", "comment"?}], "comment"?}, checked for shape
    and text; the points themselves are checked by the domain (range, 2 decimals)."""
    wrong = ParamError("criteria", "criteria 목록이 필요합니다.", "A list 'criteria' is required.",
                       "criteria")  # fmt: skip
    if not isinstance(data, dict):
        raise wrong
    items = data.get("criteria")
    if not isinstance(items, list) or len(items) > MAX_CRITERIA:
        raise wrong
    criteria = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ParamError(f"criteria[{i}]", "평가항목은 code와 points를 가진 객체여야 합니다.",
                             "Each criterion must be an object with code and points.", "criteria")  # fmt: skip
        points = item.get("points")
        if isinstance(points, bool) or not isinstance(points, int | float | str):
            points = "?"  # refused by the domain as "points must be a number"
        criteria.append({"code": item["code"][:50], "points": str(points)[:40],
                         "comment": text_param(item, "comment") if item.get("comment") else ""})  # fmt: skip
    comment = data.get("comment")
    return criteria, text_param(data, "comment") if comment is not None else ""


class SubmitSheetAPI(_OwnAssignmentMixin, APIView):
    """POST: submit and lock the sheet (a repeated submit answers 409)."""

    permission_classes = [
        HasPerm.of(post="evaluation.score", object_perms={"post": "evaluation.score"})
    ]

    def post(self, request, pk):
        assignment = self.get_assignment(request, pk)
        try:
            submit_sheet(assignment=assignment, actor=request.user)
        except EvaluationError as exc:
            return _error(exc)
        return Response(_sheet_json(Assignment.objects.get(pk=assignment.pk)))


def _stage_or_404(stage: str) -> str:
    if stage not in SCORED_STAGES:
        from django.http import Http404

        raise Http404
    return stage


class AggregateAPI(APIView):
    """POST: run the aggregation job (Celery) for a call's stage."""

    permission_classes = [HasPerm.of(post="evaluation.manage")]

    def post(self, request, pk, stage):
        call = get_object_or_404(Call, pk=pk)
        stage = _stage_or_404(stage)
        refused = timeline.check(f"aggregate.{stage}", call)  # say why now, not in the worker
        if not refused:
            return _error(timeline.TimelineRefused(refused.message_ko, refused.message_en,
                                                   code=refused.code))  # fmt: skip
        transaction.on_commit(lambda: aggregate_stage.delay(call.pk, stage, request.user.pk))
        return Response(
            {"call": call.pk, "stage": stage, "queued": True}, status=status.HTTP_202_ACCEPTED
        )


class RankingAPI(APIView):
    """GET ?stage=document: the stored ranking; evaluator identities only for staff."""

    permission_classes = [HasPerm.of(get="evaluation.view_ranking")]

    def get(self, request, pk):
        call = get_object_or_404(Call, pk=pk)
        stage = _stage_or_404(request.query_params.get("stage", "document"))
        show = request.user.has_perm("evaluation.view_evaluator_identities")
        stage_config(call, stage)
        return Response(ranking_rows(call, stage, show_identities=show))


class AssignmentDossierAPI(APIView):
    """GET: the dossier of the assignment's application as JSON, with the page's permission.

    Staff; the evaluator of this assignment when it is active, the committee's pledge is signed and
    no conflict of interest excludes them; the applicant (and named PI) of the application. A
    refused applicant gets 404, other roles 403. Staff's and evaluators' reading is audited."""

    permission_classes = [HasPerm.of(get="evaluation.view_assignment_dossier",
                                      object_perms={"get": "evaluation.view_assignment_dossier"})]  # fmt: skip

    @extend_schema(
        summary="The application dossier of an assignment",
        responses={200: DOSSIER_RESPONSE, 403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk):
        from django.http import Http404

        from evaluation.domain.dossier import mark_read_by_evaluator, record_dossier_read
        from evaluation.interfaces.dossier import load_dossier
        from evaluation.views.dossier import refuse

        assignment = get_object_or_404(Assignment.objects.select_related("application__pi"), pk=pk)
        if not request.user.has_perm("evaluation.view_assignment_dossier", assignment):
            refuse(request.user)
        staff = request.user.has_perm("screening.view_run")
        dossier = load_dossier(assignment.application_id, screening_released_only=not staff)
        if dossier is None:
            raise Http404
        record_dossier_read(actor=request.user, application=dossier.app, fmt="json",
                            assignment=assignment)  # fmt: skip
        mark_read_by_evaluator(evaluator=request.user, application=dossier.app)
        data = dossier.as_json()
        for row in data["attachments"]:
            row["view_url"] = request.build_absolute_uri(row["view_url"])
            row["download_url"] = request.build_absolute_uri(row["download_url"])
        return Response(data)
