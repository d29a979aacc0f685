"""API of the agreement core: create an agreement (staff) and read one (staff and the parties).

Errors: {"code", "detail", "message", "message_ko", "message_en", "problems": [{"code", "field",
"message", "message_ko", "message_en"}]}; 409 when one exists, 422 when refused, 403/404 as the
pages (another institution's agreement is 404 for applicants).
"""

from __future__ import annotations

from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.creation import create_agreement
from agreements.models import Agreement
from applications.models import Application
from config.locking import AlreadyDecided
from config.params import ParamError, parse_int
from config.parsers import StrictJSONParser
from config.permissions import HasPerm


class ProblemOut(serializers.Serializer):
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()
    message_ko = serializers.CharField()
    message_en = serializers.CharField()


class RefusalOut(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    message_ko = serializers.CharField()
    message_en = serializers.CharField()
    problems = ProblemOut(many=True)


class AgreementCreateIn(serializers.Serializer):
    application = serializers.IntegerField(min_value=1)


class YearOut(serializers.Serializer):
    year_no = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    city_grant_krw = serializers.IntegerField()
    institution_cash_krw = serializers.IntegerField()
    institution_inkind_krw = serializers.IntegerField()
    guarantee_required_until = serializers.DateField()


class AgreementCreatedOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    guarantee_due_on = serializers.DateField()
    verify_code = serializers.CharField()
    city_grant_krw = serializers.IntegerField()
    years = YearOut(many=True)


class SignatureOut(serializers.Serializer):
    role = serializers.CharField()
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    signed_at = serializers.DateTimeField()
    pdf_sha256 = serializers.CharField()


class VersionOut(serializers.Serializer):
    version_no = serializers.IntegerField()
    pdf_sha256 = serializers.CharField()
    sealed_sha256 = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    signatures = SignatureOut(many=True)


class TotalsOut(serializers.Serializer):
    city_grant_krw = serializers.IntegerField()
    institution_cash_krw = serializers.IntegerField()
    institution_inkind_krw = serializers.IntegerField()
    applied_city_grant_krw = serializers.IntegerField()


class AgreementOut(serializers.Serializer):
    id = serializers.IntegerField()
    application = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    status_reason = serializers.CharField()
    verify_code = serializers.CharField()
    lead_institution = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    selection_notified_on = serializers.DateField()
    guarantee_due_on = serializers.DateField()
    version_no = serializers.IntegerField()
    versions = VersionOut(many=True)
    years = YearOut(many=True)
    totals = TotalsOut()
    final_result = serializers.CharField(allow_null=True)


def problem_response(*, code: str, field: str, ko: str, en: str, status: int) -> Response:
    message = en if translation.get_language() == "en" else ko
    problem = {"code": code, "field": field, "message": message, "message_ko": ko, "message_en": en}
    return Response({"code": code, "detail": message, "message": message, "message_ko": ko,
                     "message_en": en, "problems": [problem]}, status=status)  # fmt: skip


def years_out(agreement: Agreement) -> list[dict]:
    return [
        {
            "year_no": y.year_no,
            "starts_on": y.starts_on,
            "ends_on": y.ends_on,
            "city_grant_krw": y.city_grant_krw,
            "institution_cash_krw": y.institution_cash_krw,
            "institution_inkind_krw": y.institution_inkind_krw,
            "guarantee_required_until": y.guarantee_required_until,
        }  # fmt: skip
        for y in agreement.years.order_by("year_no")
    ]


class AgreementCreateApi(APIView):
    permission_classes = [HasPerm.of(post="agreements.manage_agreements")]
    parser_classes = [StrictJSONParser]

    @extend_schema(
        request=AgreementCreateIn,
        responses={201: AgreementCreatedOut, 400: RefusalOut, 409: RefusalOut, 422: RefusalOut},
    )
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        try:
            pk = parse_int(data.get("application"), "application", min_value=1)
        except ParamError as exc:
            return problem_response(code=exc.code, field="application", ko=exc.message_ko,
                                    en=exc.message_en, status=400)  # fmt: skip
        application = Application.objects.filter(pk=pk).first()
        if application is None:
            return problem_response(code="not_found", field="application",
                                    ko="신청 과제를 찾을 수 없습니다.", en="No such application.",
                                    status=422)  # fmt: skip
        try:
            agreement = create_agreement(application=application, actor=request.user)
        except AlreadyDecided as exc:
            return problem_response(code=exc.code, field="application", ko=exc.message_ko,
                                    en=exc.message_en, status=exc.status_code)  # fmt: skip
        return Response(
            {"id": agreement.pk, "status": agreement.status,
             "guarantee_due_on": agreement.guarantee_due_on, "verify_code": agreement.verify_code,
             "city_grant_krw": agreement.city_grant_krw, "years": years_out(agreement)},
            status=201,
        )  # fmt: skip


class AgreementDetailApi(APIView):
    permission_classes = [
        HasPerm.of(
            get="agreements.view_agreement", object_perms={"GET": "agreements.view_agreement"}
        )
    ]

    @extend_schema(responses={200: AgreementOut})
    def get(self, request, pk: int):
        agreement = get_object_or_404(Agreement.objects.select_related("lead_institution"), pk=pk)
        if not request.user.has_perm("agreements.view_agreement", agreement):
            if request.user.role == Role.APPLICANT:
                raise Http404
            raise PermissionDenied
        totals = agreement.years.aggregate(
            city=Sum("city_grant_krw"), cash=Sum("institution_cash_krw"),
            inkind=Sum("institution_inkind_krw"),
        )  # fmt: skip
        versions = [
            {
                "version_no": v.version_no,
                "pdf_sha256": v.pdf_sha256,
                "sealed_sha256": v.sealed_sha256 or None,
                "reason": v.reason,
                "created_at": v.created_at,
                "signatures": [
                    {
                        "role": s.role,
                        "signer_name": s.signer_name,
                        "signer_title": s.signer_title,
                        "signed_at": s.signed_at,
                        "pdf_sha256": s.pdf_sha256,
                    }
                    for s in v.signatures.all()
                ],
            }  # fmt: skip
            for v in agreement.versions.order_by("version_no").prefetch_related("signatures")
        ]
        return Response({
            "id": agreement.pk, "application": agreement.application_id,
            "status": agreement.status, "status_label": agreement.get_status_display(),
            "status_reason": agreement.status_reason, "verify_code": agreement.verify_code,
            "lead_institution": agreement.lead_institution.name,
            "starts_on": agreement.starts_on, "ends_on": agreement.ends_on,
            "selection_notified_on": agreement.selection_notified_on,
            "guarantee_due_on": agreement.guarantee_due_on, "version_no": agreement.version_no,
            "versions": versions, "years": years_out(agreement),
            "totals": {"city_grant_krw": totals["city"] or 0,
                       "institution_cash_krw": totals["cash"] or 0,
                       "institution_inkind_krw": totals["inkind"] or 0,
                       "applied_city_grant_krw": agreement.applied_city_grant_krw},
            "final_result": agreement.final_result or None,
        })  # fmt: skip
