"""API of commitment letters (R16): requests and their status, SBA's decision, anonymous check.

- ``GET /api/v1/commitment-requests/`` (applicant: own institution's; staff, officials: all);
  ``POST`` (applicant) JSON ``{"call", "ministry", "national_programme", "title", "starts_on",
  "ends_on", "national_grants_krw": [...], "institution_share_krw"}`` → 201 or 422 ``problems``;
- ``GET /api/v1/commitment-requests/{id}/``; ``POST …/{id}/decision/`` (staff)
  ``{"approve": bool, "reasons"}``;
- ``GET /api/v1/commitment-letters/verify/{code}/`` (anyone, no sign-in) → the letter's summary or 404.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.national_matching import decide_request, letter_for_code, submit_request
from agreements.models import CommitmentRequest
from config.params import MAX_KRW
from config.permissions import HasPerm
from programs.models import Call


def out(r: CommitmentRequest, *, public: bool = False) -> dict:
    data = {
        "letter_code": r.letter_code or None, "institution": r.institution.name,
        "ministry": r.ministry, "national_programme": r.national_programme, "title": r.title,
        "starts_on": r.starts_on.isoformat(), "ends_on": r.ends_on.isoformat(),
        "national_grants_krw": r.national_grants_krw, "city_shares_krw": r.city_shares_krw,
        "city_share_krw": r.city_share_krw, "ratio": r.ratio,
        "letter_issued_at": r.letter_issued_at.isoformat() if r.letter_issued_at else None,
    }  # fmt: skip
    if not public:
        data.update({
            "id": r.pk, "status": r.status, "status_label": r.get_status_display(),
            "decision_reason": r.decision_reason, "institution_share_krw": r.institution_share_krw,
            "agreement": r.agreement_id,
            "years": [{"year_no": y.year_no, "result": y.result, "national_grant_krw": y.national_grant_krw,
                       "city_krw": y.city_krw} for y in r.years.all()],
        })  # fmt: skip
    return data


def _problem(code, field, ko, en):
    return Response({"problems": [{"code": code, "field": field, "message_ko": ko,
                                   "message_en": en}]}, status=422)  # fmt: skip


def _refusal(exc):
    return Response({"problems": [{"code": getattr(exc, "code", "invalid"), "field": None,
                                   "message_ko": exc.message_ko, "message_en": exc.message_en}]},
                    status=getattr(exc, "status_code", 422))  # fmt: skip


class RequestsAPI(APIView):
    permission_classes = [HasPerm.of(get="agreements.view_commitment_list",
                                     post="agreements.request_commitment")]  # fmt: skip

    def get(self, request):
        user = request.user
        if user.has_perm("agreements.list_commitments"):
            rows = CommitmentRequest.objects.all()
        else:
            rows = CommitmentRequest.objects.filter(institution_id=user.institution_id or -1)
        rows = rows.select_related("institution").prefetch_related("years").order_by("-id")[:500]
        return Response({"results": [out(r) for r in rows]})

    def post(self, request):
        d = request.data if isinstance(request.data, dict) else {}
        try:
            call = Call.objects.get(pk=int(d.get("call")))
            starts = dt.date.fromisoformat(str(d.get("starts_on")))
            ends = dt.date.fromisoformat(str(d.get("ends_on")))
            grants = [int(g) for g in d.get("national_grants_krw")]
            share = int(d.get("institution_share_krw", 0))
            assert all(0 <= g <= MAX_KRW for g in grants) and 0 <= share <= MAX_KRW
        except (Call.DoesNotExist, TypeError, ValueError, AssertionError):
            return _problem("invalid", None, "공고·기간(YYYY-MM-DD)·금액(원 단위 정수)을 확인하십시오.",
                            "Check the call, the dates (YYYY-MM-DD) and the amounts (whole won).")  # fmt: skip
        texts = {
            k: str(d.get(k) or "").strip()[:300]
            for k in ("ministry", "national_programme", "title")
        }
        missing = [k for k, v in texts.items() if not v]
        if missing:
            return _problem("required", missing[0], f"{missing[0]}: 값이 필요합니다.",
                            f"{missing[0]}: a value is required.")  # fmt: skip
        try:
            created = submit_request(applicant=request.user, call=call, starts_on=starts, ends_on=ends,
                                     national_grants_krw=grants, institution_share_krw=share, **texts)  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - domain refusals carry ko/en
            if hasattr(exc, "message_ko"):
                return _refusal(exc)
            raise
        return Response(out(created), status=201)


def _visible(request, pk: int) -> CommitmentRequest:
    found = get_object_or_404(CommitmentRequest.objects.select_related("institution"), pk=pk)
    if not request.user.has_perm("agreements.view_commitment", found):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return found


class RequestAPI(APIView):
    permission_classes = [HasPerm.of(get="agreements.view_commitment_list")]

    def get(self, request, pk: int):
        return Response(out(_visible(request, pk)))


class DecisionAPI(APIView):
    permission_classes = [HasPerm.of(post="agreements.decide_commitment")]

    def post(self, request, pk: int):
        found = _visible(request, pk)
        d = request.data if isinstance(request.data, dict) else {}
        if not isinstance(d.get("approve"), bool):
            return _problem("approve", "approve", "approve(true/false)가 필요합니다.",
                            "approve (true or false) is required.")  # fmt: skip
        try:
            decided = decide_request(request_id=found.pk, approve=d["approve"],
                                     reasons=str(d.get("reasons") or "")[:4000], actor=request.user)  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            if hasattr(exc, "message_ko"):
                return _refusal(exc)
            raise
        return Response(out(decided))


class VerifyAPI(APIView):
    authentication_classes: list = []
    permission_classes = [HasPerm.of(get="public")]

    def get(self, request, code: str):
        letter = letter_for_code(code)
        if letter is None:
            return Response({"detail": "unknown code"}, status=404)
        return Response(out(letter, public=True))
