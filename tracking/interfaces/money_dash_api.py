"""GET /api/v1/dashboard/money/?year=2025[&field=…|&program=R04|&call=<id>|&agreement=<id>]: the money
dashboard's figures (the same call as the pages and the Excel export). Staff and city officials
read; everyone else 403; anonymous 401/403; no other method."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from config.params import MAX_ID, int_param, text_param
from config.permissions import HasPerm
from tracking.domain.money_dashboard import COHORT_NAMES, project_dashboard
from tracking.interfaces.money_dash_pages import PERM, dashboard_from, year_of


def figures_json(fig) -> dict:
    """A row's figures; call figures of a call opened in another year are null (not counted)."""
    out = fig.as_dict()
    if not fig.cohort:
        out.update(dict.fromkeys(COHORT_NAMES))
    return out


def dashboard_json(dash) -> dict:
    scope = {
        "field": dash.field.code if dash.field else (dash.program.field.code if dash.program else None),
        "program": dash.program.code if dash.program else None,
        "call": dash.call.pk if dash.call else None,
    }  # fmt: skip
    out = {"year": dash.year, "level": dash.level, "scope": scope,
           "total": figures_json(dash.total), "rows": [figures_json(r) for r in dash.rows]}  # fmt: skip
    if dash.page is not None:
        out["page"] = {"number": dash.page.number, "pages": dash.page.paginator.num_pages,
                       "count": dash.page.paginator.count}  # fmt: skip
    return out


def project_json(proj) -> dict:
    return {
        "year": proj.year, "level": "project", "agreement": proj.agreement.pk,
        "call": proj.agreement.application.call_id, "program": proj.agreement.program.code,
        "total": figures_json(proj.figures),
        "ledger": [{"id": e.pk, "occurred_on": e.occurred_on.isoformat(), "kind": e.kind,
                    "year_no": e.year_no, "amount_krw": e.amount_krw, "reference": e.reference,
                    "institution_name": e.institution.name if e.institution_id else ""}
                   for e in proj.entries],
    }  # fmt: skip


class MoneyDashboardAPI(APIView):
    permission_classes = [HasPerm.of(get=PERM)]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=False, description="Default: this year (Seoul)"),
            OpenApiParameter("field", str, required=False, description="Field code"),
            OpenApiParameter("program", str, required=False, description="Programme code, e.g. R04"),
            OpenApiParameter("call", int, required=False),
            OpenApiParameter("agreement", int, required=False, description="A project's ledger"),
            OpenApiParameter("page", int, required=False, description="Call level: 50 a page"),
        ],
        responses={200: OpenApiTypes.OBJECT}, summary="Money dashboard (staff and city officials)",
    )  # fmt: skip
    def get(self, request):
        params = request.query_params
        agreement = int_param(params, "agreement", default=None, min_value=1, max_value=MAX_ID)
        if agreement is not None:
            try:
                proj = project_dashboard(agreement_id=agreement, year=year_of(params))
            except ObjectDoesNotExist as exc:
                raise Http404 from exc
            return Response(project_json(proj))
        program = text_param(params, "program", default="", max_length=10)
        call = int_param(params, "call", default=None, min_value=1, max_value=MAX_ID)
        return Response(dashboard_json(dashboard_from(params, program_code=program, call_id=call)))
