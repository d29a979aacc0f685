"""API of guarantee insurance (same permissions and domain functions as the pages).

``POST /api/v1/agreements/{id}/guarantees/`` takes JSON ``{"year_no", "insurer", "policy_no",
"amount_krw", "starts_on", "ends_on"}`` (optional ``"cost_krw"``) → 201, or 422 with ``problems``
(code, field, ko/en message). The policy PDF is optional in the API: send the same fields as
multipart/form-data with a ``pdf`` file part (checked by content like the page's upload); the page
requires it. ``GET`` lists the agreement's policies; staff ``POST …/{gid}/verify/`` and
``…/{gid}/reject/`` ``{"reason"}``.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.guarantees import (
    GuaranteeRefused,
    register_guarantee,
    reject_guarantee,
    verify_guarantee,
)
from agreements.models import Agreement, Guarantee
from applications.domain.problems import Problem
from config.params import MAX_KRW, bad_text_reason
from config.permissions import HasPerm

FIELDS = ("year_no", "insurer", "policy_no", "amount_krw", "starts_on", "ends_on")


def api_agreement(request, pk: int, perm: str) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("application__applicant", "program"), pk=pk
    )
    if not request.user.has_perm(perm, agreement):
        hidden = not request.user.has_perm("agreements.view_agreement", agreement)
        if hidden and getattr(request.user, "role", None) == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return agreement


def guarantee_out(g: Guarantee) -> dict:
    return {
        "id": g.pk, "year_no": g.year.year_no, "insurer": g.insurer, "policy_no": g.policy_no,
        "amount_krw": g.amount_krw, "starts_on": g.starts_on.isoformat(),
        "ends_on": g.ends_on.isoformat(), "cost_krw": g.cost_krw, "status": g.status,
        "status_label": g.get_status_display(), "reject_reason": g.reject_reason,
        "has_pdf": bool(g.pdf), "pdf_sha256": g.pdf_sha256 or None,
        "verified_at": g.verified_at.isoformat() if g.verified_at else None,
    }  # fmt: skip


def _integer(value, name: str, problems: list, *, required: bool = True, minimum: int = 1):
    if value in (None, ""):
        if required:
            problems.append(Problem("required", name, f"{name}: 값이 필요합니다.",
                                    f"{name}: a value is required."))  # fmt: skip
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        number = None
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
    if number is None or not (minimum <= number <= MAX_KRW):
        problems.append(Problem("invalid_integer", name,
                                f"{name}: {minimum} 이상의 정수(원 단위)를 입력하십시오.",
                                f"{name}: enter a whole number of at least {minimum}."))  # fmt: skip
        return None
    return number


def _date(value, name: str, problems: list):
    if value in (None, ""):
        return None  # the domain names a missing date
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem("invalid_date", name, f"{name}: 날짜는 YYYY-MM-DD 형식입니다.",
                                f"{name}: dates are YYYY-MM-DD."))  # fmt: skip
        return None


def _text(value, name: str, problems: list, max_length: int) -> str:
    text = value if isinstance(value, str) else ("" if value is None else None)
    if text is None or bad_text_reason(text) or len(text) > max_length:
        problems.append(Problem("invalid_text", name,
                                f"{name}: {max_length}자 이하의 글자로 입력하십시오.",
                                f"{name}: enter text of at most {max_length} characters."))  # fmt: skip
        return ""
    return text


def refused(exc: GuaranteeRefused) -> Response:
    return Response(exc.as_dict(), status=exc.status)


class GuaranteesApi(APIView):
    permission_classes = [
        HasPerm.of(get="agreements.view_guarantees", post="agreements.register_guarantee",
                   object_perms={"GET": "agreements.view_guarantees",
                                 "POST": "agreements.register_guarantee"})
    ]  # fmt: skip

    def get(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.view_guarantees")
        rows = agreement.guarantees.select_related("year").order_by("year__year_no", "created_at")
        return Response([guarantee_out(g) for g in rows])

    def post(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.register_guarantee")
        data, problems = request.data, []
        if not hasattr(data, "get"):
            data = {}
            problems.append(Problem("invalid_body", "", "JSON 객체를 보내십시오.",
                                    "Send a JSON object."))  # fmt: skip
        values = {
            "year_no": _integer(data.get("year_no"), "year_no", problems),
            "insurer": _text(data.get("insurer"), "insurer", problems, 100),
            "policy_no": _text(data.get("policy_no"), "policy_no", problems, 60),
            "amount_krw": _integer(data.get("amount_krw"), "amount_krw", problems),
            "starts_on": _date(data.get("starts_on"), "starts_on", problems),
            "ends_on": _date(data.get("ends_on"), "ends_on", problems),
            "cost_krw": _integer(data.get("cost_krw"), "cost_krw", problems, required=False,
                                 minimum=0),
        }  # fmt: skip
        try:
            if problems:
                raise GuaranteeRefused(
                    "invalid",
                    "보증보험 등록 내용을 확인하십시오.",
                    "Check the guarantee details.",
                    problems=problems,
                )
            guarantee = register_guarantee(
                agreement=agreement, pdf=request.FILES.get("pdf"), actor=request.user, **values
            )
        except GuaranteeRefused as exc:
            return refused(exc)
        return Response(guarantee_out(guarantee), status=201)


class GuaranteeDecisionApi(APIView):
    action = "verify"
    permission_classes = [
        HasPerm.of(post="agreements.decide_guarantee",
                   object_perms={"POST": "agreements.decide_guarantee"})
    ]  # fmt: skip

    def post(self, request, pk: int, gpk: int):
        agreement = api_agreement(request, pk, "agreements.decide_guarantee")
        guarantee = get_object_or_404(Guarantee, pk=gpk, agreement=agreement)
        try:
            if self.action == "verify":
                guarantee = verify_guarantee(guarantee=guarantee, actor=request.user)
            else:
                reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
                guarantee = reject_guarantee(
                    guarantee=guarantee, actor=request.user,
                    reason=reason if isinstance(reason, str) and not bad_text_reason(reason)
                    else "",
                )  # fmt: skip
        except GuaranteeRefused as exc:
            return refused(exc)
        return Response(guarantee_out(guarantee))
