"""API of the R01 crowdfunding type: ``POST /api/v1/applications/{id}/crowdfunding/`` records the
campaign result (the owner applicant; 201 created, 200 unchanged or corrected; 422 with the
problems in Korean and English); GET reads it with the gate's state."""

from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

import applications.rules_crowdfunding  # noqa: F401
from applications.domain import crowdfunding as cf
from applications.models import Application, CrowdfundingCampaign
from config.locking import AlreadyDecided
from config.permissions import HasPerm


def _out(c: CrowdfundingCampaign, application) -> dict:
    ok, ko, en = cf.funding_gate(application)
    data = (
        {f: (getattr(c, f).isoformat() if f == "ends_on" else getattr(c, f)) for f in cf.FIELDS}
        if c
        else None
    )
    if c:
        data["status"] = c.status
    return {"application": application.pk, "campaign": data,
            "gate": {"open": ok, "message_ko": ko, "message_en": en}}  # fmt: skip


class CrowdfundingView(APIView):
    permission_classes = [HasPerm.of(object_perms={"GET": "crowdfunding.view_own",
                                                   "POST": "crowdfunding.record_campaign"},
                                     get="crowdfunding.view_own", post="crowdfunding.record_campaign")]  # fmt: skip

    def _app(self, request, pk):
        app = get_object_or_404(Application.objects.select_related("program"), pk=pk)
        self.check_object_permissions(request, app)
        return app

    @extend_schema(responses={200: dict})
    def get(self, request, pk: int):
        app = self._app(request, pk)
        return Response(_out(CrowdfundingCampaign.objects.filter(application=app).first(), app))

    @extend_schema(request=dict, responses={201: dict, 200: dict, 422: dict})
    def post(self, request, pk: int):
        app = self._app(request, pk)
        data = request.data if isinstance(request.data, dict) else {}
        try:
            campaign, changed = cf.record_campaign(
                application=app, actor=request.user, data=dict(data)
            )
        except cf.CampaignInvalid as exc:
            en = translation.get_language() == "en"
            return Response({"code": "invalid", "problems": [
                {"field": p.field, "message": p.message_en if en else p.message_ko,
                 "message_ko": p.message_ko, "message_en": p.message_en} for p in exc.problems]},
                status=422)  # fmt: skip
        except AlreadyDecided as exc:
            return Response({"code": exc.code, "message": exc.message, "message_ko": exc.message_ko,
                             "message_en": exc.message_en}, status=getattr(exc, "status_code", 409))  # fmt: skip
        code = status.HTTP_201_CREATED if changed else status.HTTP_200_OK
        return Response(_out(campaign, app), status=code)
