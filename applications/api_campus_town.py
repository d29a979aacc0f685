"""API of the campus-town matching (R03): the expert pool search and the matches.

GET  /api/v1/campus-town/experts/?field=&q=        ranked candidates (startup, staff, intake agency)
GET  /api/v1/campus-town/matches/                  the matches the user may see
POST /api/v1/campus-town/matches/                  {problem, expert}: propose (startup or staff)
POST /api/v1/campus-town/matches/{id}/accept/      one side accepts
POST /api/v1/campus-town/matches/{id}/decline/     {reason}: one side declines
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from accounts.models import TechField, User
from applications.domain.matching import (
    decide_match,
    propose_match,
    search_experts,
    visible_matches,
)
from applications.models import ExpertMatch, TechnicalProblem
from config.parsers import StrictJSONParser
from config.permissions import HasPerm


def _refused(exc: ValidationError) -> Response:
    return Response(
        {"code": getattr(exc, "code", "refused"), "message_ko": getattr(exc, "message_ko", ""),
         "message_en": getattr(exc, "message_en", "")},
        status=getattr(exc, "status_code", 422),
    )  # fmt: skip


class SearchIn(serializers.Serializer):
    field = serializers.ChoiceField(choices=TechField.choices, required=False, allow_blank=True)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


def match_out(m: ExpertMatch) -> dict:
    profile = getattr(m.expert, "expert_profile", None)
    return {
        "id": m.pk, "status": m.status, "status_label": str(m.get_status_display()),
        "problem": {"id": m.problem_id, "title": m.problem.title, "field": m.problem.field,
                    "startup": m.problem.startup.name},
        "expert": {"id": m.expert_id, "name": m.expert.get_full_name() or m.expert.username,
                   "university": profile.university.name if profile else ""},
        "startup_decision": m.startup_decision, "expert_decision": m.expert_decision,
        "decline_reason": m.decline_reason, "application": m.application_id,
        "created_at": m.created_at.isoformat(),
    }  # fmt: skip


class ExpertSearchApi(APIView):
    permission_classes = [HasPerm.of(get="applications.search_experts")]

    def get(self, request):
        data = SearchIn(data=request.query_params)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        found = search_experts(field=v.get("field", ""), keywords=v.get("q", ""), limit=v["limit"])
        return Response([
            {"expert": c.profile.user_id, "name": c.profile.user.get_full_name(),
             "university": c.profile.university.name, "fields": c.profile.field_list,
             "keywords": c.profile.keywords, "score": c.score, "reasons": c.reasons,
             "live_matches": c.live_matches}
            for c in found
        ])  # fmt: skip


class ProposeIn(serializers.Serializer):
    problem = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    expert = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class MatchListApi(APIView):
    parser_classes = [StrictJSONParser]
    permission_classes = [
        HasPerm.of(get="applications.list_matches", post="applications.propose_match")
    ]

    def get(self, request):
        qs = visible_matches(request.user).select_related("expert__expert_profile__university")
        return Response([match_out(m) for m in qs[:500]])

    def post(self, request):
        data = ProposeIn(data=request.data)
        data.is_valid(raise_exception=True)
        problem = TechnicalProblem.objects.filter(pk=data.validated_data["problem"]).first()
        user = request.user
        if problem is None or not (
            user.role in (Role.STAFF, Role.INTAKE_AGENCY)
            or user.institution_id == problem.startup_id
        ):
            return Response({"code": "not_found"}, status=404)
        expert = User.objects.filter(pk=data.validated_data["expert"], role=Role.EXPERT).first()
        if expert is None:
            return Response({"code": "expert_not_found"}, status=404)
        try:
            match = propose_match(problem_id=problem.pk, expert=expert, actor=user)
        except ValidationError as exc:
            return _refused(exc)
        return Response(match_out(match), status=201)


class DeclineIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class MatchAnswerApi(APIView):
    parser_classes = [StrictJSONParser]
    permission_classes = [HasPerm.of(post="applications.list_matches")]
    accept = True

    def post(self, request, pk: int):
        match = get_object_or_404(ExpertMatch.objects.select_related("problem"), pk=pk)
        if not request.user.has_perm("applications.answer_match", match):
            return Response({"code": "not_found"}, status=404)
        reason = ""
        if not self.accept:
            data = DeclineIn(data=request.data)
            data.is_valid(raise_exception=True)
            reason = data.validated_data["reason"]
        try:
            match = decide_match(match_id=pk, actor=request.user, accept=self.accept, reason=reason)
        except ValidationError as exc:
            return _refused(exc)
        return Response(match_out(match))
