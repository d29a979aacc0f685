"""Page and API of the city's printed support record (thin: they call tracking.domain.history)."""

from django.utils import translation
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from rules.contrib.views import PermissionRequiredMixin

from config.permissions import HasPerm
from tracking.domain.history import UNITS, HistoryRow, history_record
from tracking.models import HistoryTable


class HistoryPageView(PermissionRequiredMixin, TemplateView):
    """서울형 R&D 지원 실적 / Support record since 2005 (published figures: public)."""

    template_name = "tracking/history.html"
    permission_required = "tracking.view_history"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tables"] = history_record()
        return ctx


def _row(row: HistoryRow | None) -> dict | None:
    if row is None:
        return None
    return {
        "first_year": row.first_year,
        "last_year": row.last_year,
        "values": row.values,
        "cumulative": row.cumulative,
        "mismatches": [
            {"column": m.column, "printed": m.printed, "computed": m.computed, "where": m.where}
            for m in row.mismatches
        ],
    }


def _labels(label) -> dict[str, str]:
    out = {}
    for lang in ("ko", "en"):
        with translation.override(lang):
            out[lang] = str(label)
    return out


class _MismatchSerializer(serializers.Serializer):
    column = serializers.CharField()
    printed = serializers.IntegerField()
    computed = serializers.IntegerField()
    where = serializers.ChoiceField(choices=["row", "total"])


class _TotalSerializer(serializers.Serializer):
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()
    values = serializers.DictField(child=serializers.IntegerField(allow_null=True))


class _RowSerializer(_TotalSerializer):
    cumulative = serializers.DictField(child=serializers.IntegerField())
    mismatches = _MismatchSerializer(many=True)


class _TableSerializer(serializers.Serializer):
    table = serializers.ChoiceField(choices=HistoryTable.choices)
    title_ko = serializers.CharField()
    title_en = serializers.CharField()
    unit = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = _RowSerializer(many=True)
    computed_total = _TotalSerializer()
    printed_total = _RowSerializer(allow_null=True)
    total_matches_rows = serializers.BooleanField()


class HistoryResponseSerializer(serializers.Serializer):
    source = serializers.CharField()
    unit_money = serializers.CharField()
    tables = _TableSerializer(many=True)


class HistoryApiView(APIView):
    """GET /api/v1/tracking/history/: the seed tables as rows, with computed and printed totals."""

    permission_classes = [HasPerm.of(get="public")]

    @extend_schema(responses=HistoryResponseSerializer)
    def get(self, request):
        labels = {t.value: t.label for t in HistoryTable}
        tables = []
        for view in history_record():
            names = _labels(labels[view.table])
            tables.append({
                "table": view.table, "title_ko": names["ko"], "title_en": names["en"],
                "unit": UNITS[view.table], "columns": view.columns,
                "rows": [_row(r) for r in view.rows],
                "computed_total": {"first_year": view.computed.first_year,
                                   "last_year": view.computed.last_year,
                                   "values": view.computed.values},
                "printed_total": _row(view.printed),
                "total_matches_rows": not view.mismatches,
            })  # fmt: skip
        return Response({"source": "seed 000", "unit_money": "million KRW", "tables": tables})
