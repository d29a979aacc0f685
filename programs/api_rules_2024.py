"""API of the rules 2024 part under /api/v1/: follow-on selection and Tech Partners.

- ``GET /api/v1/follow-on/?program=R01&year=2026`` (staff, officials): the cohort, its cap and scores;
  ``POST`` (staff) ``{"agreement", "purpose", "amount_krw"}`` selects one and amends the agreement
  (201; 422 with the reason; 409 when already selected).
- ``GET /api/v1/tech-partners/partners/`` (staff): partner companies.
- ``GET /api/v1/tech-partners/needs/`` (staff: all; a partner: its own), ``POST`` (a partner) adds one.
- ``GET /api/v1/tech-partners/matches/`` (staff: all; a partner: its needs'; a startup: its own).
- ``POST /api/v1/tech-partners/matches/{id}/decision/`` ``{"accept": true|false}`` (either side).
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import Agreement
from config.params import MAX_KRW
from config.permissions import HasPerm
from programs.domain.follow_on import cohort, select_follow_on
from programs.domain.tech_partners import add_need, decide_match, field_codes, side_of
from programs.models import Program, TechMatch, TechNeed, TechPartner
from programs.models.rules_2024 import FollowOnPurpose


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class FollowOnSelectSerializer(serializers.Serializer):
    agreement = serializers.IntegerField(min_value=1)
    purpose = serializers.ChoiceField(choices=FollowOnPurpose.choices)
    amount_krw = serializers.IntegerField(min_value=1, max_value=MAX_KRW)


class FollowOnView(APIView):
    permission_classes = [
        HasPerm.of(get="programs.view_follow_on", post="programs.select_follow_on")
    ]

    def get(self, request):
        program = get_object_or_404(Program, code=str(request.query_params.get("program", ""))[:10])
        group = cohort(program=program, year=_year(request.query_params.get("year")))
        return Response({
            "program": program.code, "year": group.year, "cohort_size": group.size, "cap": group.cap,
            "selected": group.selected,
            "candidates": [
                {"agreement": c.agreement.pk, "institution": c.agreement.lead_institution.name,
                 "score": str(c.score) if c.score is not None else None, "stage": c.stage,
                 "eligible": c.eligible, "selected": c.selected,
                 "reason_ko": c.reason_ko, "reason_en": c.reason_en}
                for c in group.candidates
            ],
        })  # fmt: skip

    def post(self, request):
        data = FollowOnSelectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement = get_object_or_404(Agreement, pk=data.validated_data["agreement"])
        selection = select_follow_on(
            agreement=agreement, purpose=data.validated_data["purpose"],
            amount_krw=data.validated_data["amount_krw"], actor=request.user,
        )  # fmt: skip
        return Response({"id": selection.pk, "agreement": agreement.pk, "amount_krw": selection.amount_krw,
                         "version_no": selection.version_no}, status=status.HTTP_201_CREATED)  # fmt: skip


class PartnerListView(APIView):
    permission_classes = [HasPerm.of(get="programs.manage_tech_partners")]

    def get(self, request):
        rows = TechPartner.objects.select_related("institution").order_by("institution__name")[:500]
        return Response([{"id": p.pk, "company": p.institution.name, "size": p.size,
                          "purchase_intent": p.purchase_intent} for p in rows])  # fmt: skip


class NeedSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=[])
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    keywords = serializers.CharField(max_length=300, required=False, allow_blank=True)
    purchase_intent = serializers.BooleanField(required=False, default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = sorted(field_codes())


def _need_json(n: TechNeed) -> dict:
    return {"id": n.pk, "partner": n.partner.institution.name, "field": n.field, "title": n.title,
            "keywords": n.keywords, "purchase_intent": n.purchase_intent, "open": n.is_open}  # fmt: skip


class NeedListView(APIView):
    permission_classes = [
        HasPerm.of(get="programs.list_tech_matches", post="programs.use_tech_partners")
    ]

    def get(self, request):
        needs = TechNeed.objects.select_related("partner__institution")
        if not request.user.has_perm("programs.manage_tech_partners"):
            if not request.user.has_perm("programs.use_tech_partners"):
                raise PermissionDenied
            needs = needs.filter(partner__institution_id=request.user.institution_id)
        return Response([_need_json(n) for n in needs[:500]])

    def post(self, request):
        data = NeedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partner = TechPartner.objects.get(institution_id=request.user.institution_id)
        need = add_need(partner=partner, actor=request.user, **data.validated_data)
        return Response(_need_json(need), status=status.HTTP_201_CREATED)


def _match_json(m: TechMatch) -> dict:
    return {"id": m.pk, "need": m.need_id, "need_title": m.need.title,
            "partner": m.need.partner.institution.name, "startup": m.startup.name, "score": m.score,
            "reason": m.reason, "status": m.status, "status_label": m.get_status_display()}  # fmt: skip


class MatchListView(APIView):
    permission_classes = [HasPerm.of(get="programs.list_tech_matches")]

    def get(self, request):
        matches = TechMatch.objects.select_related("need__partner__institution", "startup")
        user = request.user
        if not user.has_perm("programs.manage_tech_partners"):
            matches = matches.filter(
                Q(need__partner__institution_id=user.institution_id, need__partner__isnull=False)
                if user.role == "partner" else Q(startup_id=user.institution_id)
            )  # fmt: skip
        return Response([_match_json(m) for m in matches.order_by("pk")[:500]])


class DecisionSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class MatchDecisionView(APIView):
    permission_classes = [HasPerm.of(post="programs.list_tech_matches")]

    def post(self, request, pk: int):
        match = get_object_or_404(
            TechMatch.objects.select_related("need__partner", "startup"), pk=pk
        )
        if not request.user.has_perm("programs.decide_tech_match", match):
            raise PermissionDenied
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = decide_match(match=match, side=side_of(request.user, match),
                               accept=data.validated_data["accept"], actor=request.user)  # fmt: skip
        return Response(_match_json(decided))
