"""Open data, public and anonymous: /api/v1/open-data/awards.json, awards.csv, outcomes.csv,
schema.json and the page /open-data/ that documents them. Streamed (a server-side cursor), so the
size of the award list does not grow the memory; anonymous callers are throttled
(OPEN_DATA_ANON_RATE, default 60 requests a minute per IP)."""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from config.params import int_param, text_param
from config.permissions import HasPerm
from config.spreadsheet import safe_row
from programs.models import Program
from tracking.domain.open_data import (
    CSV_HEADERS,
    FUNDERS,
    OUTCOME_CSV_HEADERS,
    csv_row,
    iter_awards,
    outcome_csv_row,
    outcomes,
    schema,
)

PUBLIC = HasPerm.of(get="public")
LICENSE = "KOGL Type 1 (공공누리 제1유형: 출처표시)"
FILTERS = [
    OpenApiParameter("year", int, required=False, description="Year the call opened"),
    OpenApiParameter("program", str, required=False, description="Programme code, e.g. R04"),
]


class OpenDataThrottle(AnonRateThrottle):
    """Per-IP limit: the open data is served without authentication, so every caller counts as
    anonymous and is limited by its IP address (OPEN_DATA_ANON_RATE, default 60/min)."""

    scope = "open_data"

    def get_rate(self):
        return getattr(settings, "OPEN_DATA_ANON_RATE", "60/min")


def _filters(params) -> dict:
    return {
        "year": int_param(params, "year", default=None, min_value=2000, max_value=2100),
        "program_code": text_param(params, "program", default="", max_length=10),
    }


class _OpenData(APIView):
    permission_classes = [PUBLIC]
    authentication_classes: list = []  # anonymous by design; no session, no CSRF
    throttle_classes = [OpenDataThrottle]


def _json_stream(filters: dict):
    head = {"publisher": FUNDERS[1], "license": LICENSE, "schema": "/api/v1/open-data/schema.json"}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "grants": ['
    first = True
    for a in iter_awards(**filters):
        yield ("" if first else ",\n") + json.dumps(a, ensure_ascii=False)
        first = False
    yield '],\n"outcomes": ' + json.dumps(outcomes(**filters), ensure_ascii=False) + "}\n"


class AwardsJson(_OpenData):
    @extend_schema(parameters=FILTERS, responses={200: OpenApiTypes.OBJECT},
                   summary="Awards (360Giving) and aggregated outcomes, JSON (public)")  # fmt: skip
    def get(self, request):
        stream = _json_stream(_filters(request.query_params))
        return StreamingHttpResponse(stream, content_type="application/json; charset=utf-8")


def _csv_stream(headers: list, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    yield "\ufeff"  # BOM: Excel opens Korean text as UTF-8
    writer.writerow(headers)
    for row in rows:
        writer.writerow(safe_row(row))
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _csv_response(stream, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class AwardsCsv(_OpenData):
    @extend_schema(parameters=FILTERS, responses={(200, "text/csv"): OpenApiTypes.STR},
                   summary="Awards (360Giving flat columns), CSV (public)")  # fmt: skip
    def get(self, request):
        rows = (csv_row(a) for a in iter_awards(**_filters(request.query_params)))
        return _csv_response(_csv_stream(CSV_HEADERS, rows), "seoul-rnd-awards.csv")


class OutcomesCsv(_OpenData):
    @extend_schema(parameters=FILTERS, responses={(200, "text/csv"): OpenApiTypes.STR},
                   summary="Outcomes per programme and year, CSV (public)")  # fmt: skip
    def get(self, request):
        rows = (outcome_csv_row(o) for o in outcomes(**_filters(request.query_params)))
        return _csv_response(_csv_stream(OUTCOME_CSV_HEADERS, rows), "seoul-rnd-outcomes.csv")


class SchemaJson(_OpenData):
    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="JSON Schema of the open data")
    def get(self, request):
        return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False})


class OpenDataPage(View):
    """/open-data/: what is published, the links and the documented fields (from the schema)."""

    http_method_names = ["get", "head", "options"]

    def get(self, request):
        defs = schema()["$defs"]
        return render(request, "tracking/open_data.html", {
            "grant_fields": _fields(defs["grant"]), "org_fields": _fields(defs["organisation"]),
            "outcome_fields": _fields(defs["outcome"]), "programs": Program.objects.order_by("order", "code"),
            "license": LICENSE,
        })  # fmt: skip


def _fields(definition: dict) -> list[dict]:
    required = set(definition.get("required", []))
    return [{"name": name, "description": spec.get("description", ""), "required": name in required}
            for name, spec in definition["properties"].items()]  # fmt: skip
