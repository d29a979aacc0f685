"""Pages of the officials' money dashboard (/dashboard/money/…) and their Excel exports.

Thin: every figure comes from tracking.domain.money_dashboard, the same call as the API and the
Excel export. Read-only: only GET is answered (officials read everything and change nothing).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render

from applications.views import PermissionView
from config.params import MAX_ID, int_param, text_param
from programs.models import Field
from tracking.domain.money_dashboard import (
    CALL,
    CITY,
    FIELD,
    PROGRAM,
    dashboard_years,
    money_dashboard,
    project_dashboard,
    seoul_year,
)
from tracking.interfaces.money_dash_export import dashboard_response, project_response

PERM = "tracking.view_money_dashboard"


def year_of(params) -> int:
    return int_param(params, "year", default=seoul_year(), min_value=2000, max_value=2100)


def page_of(params) -> int:
    return int_param(params, "page", default=1, min_value=1, max_value=MAX_ID)


def dashboard_from(params, *, program_code: str = "", call_id: int | None = None):
    """The level asked for by the URL and the query (?year=&field=&page=); unknown → 404."""
    field_code = text_param(params, "field", default="", max_length=30)
    try:
        return money_dashboard(
            year=year_of(params), field_code=field_code, program_code=program_code,
            call_id=call_id, page=page_of(params),
        )  # fmt: skip
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _query(**values) -> str:
    kept = {k: v for k, v in values.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


class _DashboardPage(PermissionView):
    permission_required = PERM
    http_method_names = ["get", "head", "options"]

    def show(self, request, dash):
        query = _query(year=dash.year, field=dash.field.code if dash.field else "")
        export = {"year": dash.year}
        if dash.level == FIELD:
            export["field"] = dash.field.code
        elif dash.level == PROGRAM:
            export["program"] = dash.program.code
        elif dash.level == CALL:
            export["call"] = dash.call.pk
            if dash.page is not None and dash.page.number > 1:
                export["page"] = dash.page.number
        ctx = {
            "dash": dash, "levels": {"city": CITY, "field": FIELD, "program": PROGRAM, "call": CALL},
            "years": dashboard_years(), "fields": Field.objects.order_by("order", "pk"),
            "year_query": _query(year=dash.year), "query": query, "export_query": _query(**export),
            "parent_field": _parent_field(dash),
        }  # fmt: skip
        return render(request, "tracking/money_dash/dashboard.html", ctx)


def _parent_field(dash):
    if dash.program is not None:
        return dash.program.field
    return dash.field


class CityDashboardView(_DashboardPage):
    """/dashboard/money/ (city, by field) and /dashboard/money/?field=<code> (field, by programme)."""

    def get(self, request):
        return self.show(request, dashboard_from(request.GET))


class ProgramDashboardView(_DashboardPage):
    """/dashboard/money/programs/<code>/: the programme's calls."""

    def get(self, request, code: str):
        return self.show(request, dashboard_from(request.GET, program_code=code))


class CallDashboardView(_DashboardPage):
    """/dashboard/money/calls/<id>/: the call's projects (agreements), 50 a page."""

    def get(self, request, pk: int):
        return self.show(request, dashboard_from(request.GET, call_id=pk))


class ProjectDashboardView(PermissionView):
    """/dashboard/money/projects/<agreement id>/: the project's figures and ledger rows."""

    permission_required = PERM
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk: int):
        try:
            proj = project_dashboard(agreement_id=pk, year=year_of(request.GET))
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        return render(request, "tracking/money_dash/project.html", {
            "proj": proj, "years": dashboard_years(), "year_query": _query(year=proj.year),
            "call": proj.agreement.application.call, "program": proj.agreement.program,
        })  # fmt: skip


class DashboardExportView(PermissionView):
    """/dashboard/money/export.xlsx?year=&field=|program=|call=: the level's table in Excel."""

    permission_required = PERM
    http_method_names = ["get", "head", "options"]

    def get(self, request):
        program = text_param(request.GET, "program", default="", max_length=10)
        call = int_param(request.GET, "call", default=None, min_value=1, max_value=MAX_ID)
        return dashboard_response(dashboard_from(request.GET, program_code=program, call_id=call))


class ProjectExportView(PermissionView):
    permission_required = PERM
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk: int):
        try:
            proj = project_dashboard(agreement_id=pk, year=year_of(request.GET))
        except ObjectDoesNotExist as exc:
            raise Http404 from exc
        return project_response(proj)
