"""The officials' outcomes dashboard (/tracking/outcomes/), its Excel and PDF exports and
GET /api/v1/tracking/outcomes/summary/. Thin: everything is read by tracking.domain.outcomes."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

import tracking.outcomes_rules  # noqa: F401 - registers tracking.view_outcomes
from applications.views import PermissionView
from config.params import ParamError
from config.permissions import HasPerm
from tracking.domain.outcomes import (
    HISTORY_FROM,
    HISTORY_NOTE,
    catalogue,
    outcomes_summary,
    parse_filters,
    summary_json,
)
from tracking.interfaces.outcomes_export import (
    column_labels,
    pdf_response,
    tables,
    workbook_response,
)

VIEW_OUTCOMES = "tracking.view_outcomes"
FILTER_FIELDS = ("from", "to", "field", "program")


def chart_data(summary) -> dict:
    """Per period: sales (bars) with their running total (line), and hires by type (stacked)."""
    labels = [p.label for p in summary.periods]
    rows = [p.figures.flat() for p in summary.periods]
    running = [p.cumulative.flat() for p in summary.periods]
    return {
        "labels": labels,
        "unit": _("million KRW"),
        "sales": [
            {"label": _("Sales per period"), "type": "bar", "data": [r["sales_million_krw"] for r in rows]},
            {"label": _("Sales, cumulative"), "type": "line",
             "data": [r["sales_million_krw"] for r in running]},
        ],
        "hires": [
            {"label": _("Research staff"), "data": [r["hires_research"] for r in rows]},
            {"label": _("Production staff"), "data": [r["hires_production"] for r in rows]},
            {"label": _("Other staff"), "data": [r["hires_other"] for r in rows]},
        ],
        "hires_unit": _("persons"),
    }  # fmt: skip


class OutcomesDashboardView(PermissionView):
    """/tracking/outcomes/: history and tracked years by period, programme and field."""

    permission_required = VIEW_OUTCOMES

    def get(self, request):
        programs = catalogue()
        posted = {k: request.GET.get(k, "") for k in FILTER_FIELDS}
        ctx = {"programs": programs, "posted": posted, "errors": {},
               "fields": list({p.field.code: p.field for p in programs}.values()),
               "columns": column_labels(), "history_from": HISTORY_FROM}  # fmt: skip
        try:
            filters = parse_filters(params=request.GET, programs=programs)
        except ParamError as error:
            ctx["errors"] = {error.field: {"ko": error.message_ko, "en": error.message_en}}
            return render(request, "tracking/outcomes/dashboard.html", ctx, status=400)
        summary = outcomes_summary(filters=filters, programs=programs)
        query = "&".join(f"{k}={v}" for k, v in filters.as_query().items())
        rows = tables(summary, formatted=True)
        ctx.update(
            totals=rows["totals"], periods=rows["periods"], programs_rows=rows["programs"],
            fields_rows=rows["fields"], summary=summary, query=query, chart=chart_data(summary),
            history_note=HISTORY_NOTE, filters=filters,
        )  # fmt: skip
        return render(request, "tracking/outcomes/dashboard.html", ctx)


def _summary(request):
    programs = catalogue()
    filters = parse_filters(params=request.GET, programs=programs)  # ParamError → 400
    return outcomes_summary(filters=filters, programs=programs)


class OutcomesExcelView(PermissionView):
    """The dashboard as an Excel workbook (the same figures, the same filters)."""

    permission_required = VIEW_OUTCOMES

    def get(self, request):
        return workbook_response(summary=_summary(request))


class OutcomesPdfView(PermissionView):
    """The dashboard as a PDF (WeasyPrint, Hangul fonts)."""

    permission_required = VIEW_OUTCOMES

    def get(self, request):
        return pdf_response(summary=_summary(request))


class OutcomesSummaryApi(APIView):
    """GET /api/v1/tracking/outcomes/summary/?from=2005&to=2019[&program=R04][&field=…]"""

    permission_classes = [HasPerm.of(get=VIEW_OUTCOMES)]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=False, description="first year (default 2005)"),
            OpenApiParameter("to", int, required=False, description="last year (default this year)"),
            OpenApiParameter("program", str, required=False, description="programme code, e.g. R04"),
            OpenApiParameter("field", str, required=False, description="field code"),
        ],
        responses={200: OpenApiTypes.OBJECT},
        summary="Outcomes: printed history and accepted tracking reports, per period and totals",
    )  # fmt: skip
    def get(self, request):
        return Response(summary_json(_summary(request)))
