"""API: find a co-institution by business registration number or name (public fields only)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.domain.co_institutions import search_allowed, search_institutions
from config.params import text_param
from config.permissions import HasPerm


class FoundSerializer(serializers.Serializer):
    name = serializers.CharField()
    business_no = serializers.CharField()
    region = serializers.CharField()
    status = serializers.CharField()


class InstitutionSearchView(APIView):
    """GET ?q=<business number or name> → {"results": [{name, business_no, region, status}]}."""

    permission_classes = [HasPerm.of(get="accounts.search_institutions")]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True)],
        responses=inline_serializer("InstitutionSearch", {"results": FoundSerializer(many=True)}),
    )
    def get(self, request):
        if not search_allowed(request.user):
            raise Throttled(detail="검색이 너무 잦습니다. / Too many searches; wait a minute.")
        found = search_institutions(text_param(request.query_params, "q", max_length=200))
        return Response({"results": FoundSerializer(found, many=True).data})
