"""API: the signed-in user's own notices and their unread count."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.domain.notices import notices_of, unread_count
from accounts.models import Notice
from config.permissions import HasPerm

LATEST = 50


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ["id", "subject", "body", "link", "created_at", "read_at"]


class NoticeListView(APIView):
    """GET → {"unread": n, "results": [the 50 newest notices of the user]}. Only one's own."""

    permission_classes = [HasPerm.of(get="accounts.view_inbox")]

    @extend_schema(
        responses=inline_serializer(
            "NoticeList",
            {"unread": serializers.IntegerField(), "results": NoticeSerializer(many=True)},
        )
    )
    def get(self, request):
        notices = notices_of(request.user)[:LATEST]
        return Response(
            {
                "unread": unread_count(request.user),
                "results": NoticeSerializer(notices, many=True).data,
            }
        )
