"""API of the catalogue, calls and budget summary. Thin: serializers + domain services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from config.params import MAX_KRW, int_param
from config.permissions import HasPerm
from programs.domain.budget import available_years, budget_summary
from programs.domain.calls import create_call
from programs.enums import CallStatus
from programs.interfaces.documents import clean_required_documents
from programs.models import Call, Program


class ProgramSerializer(serializers.ModelSerializer):
    field = serializers.CharField(source="field.code")
    field_name_ko = serializers.CharField(source="field.name_ko")
    field_name_en = serializers.CharField(source="field.name_en")
    tiers = serializers.SerializerMethodField()
    flow_stages = serializers.SerializerMethodField()
    tracks = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "code", "name_ko", "name_en", "field", "field_name_ko", "field_name_en", "department",
            "plan_year", "is_project_based", "max_grant_krw", "max_period_months", "matching_rule",
            "min_trl", "royalty_rate", "max_firm_age_years", "intake_mode", "consortium", "bonus_rules",
            "stages", "eligibility", "notes", "source", "tiers", "flow_stages", "tracks",
        ]  # fmt: skip

    def get_tiers(self, program) -> list[dict]:
        """Award tiers in rank order (programs.domain.flows.tiers_for)."""
        from programs.domain.flows import tiers_for

        return [{"code": t.code, "name_ko": t.name_ko, "name_en": t.name_en, "count": t.count,
                 "amount_krw": t.amount_krw} for t in tiers_for(program=program)]  # fmt: skip

    def get_tracks(self, program) -> list[dict]:
        """The programme's tracks (programs.domain.flows), each ranked with its own slots and budget."""
        from programs.domain.flows import program_tracks

        return [{"code": t.code, "name_ko": t.name_ko, "name_en": t.name_en, "own_stages": bool(t.stages),
                 **{k: v for k, v in t.extra.items() if not k.startswith("note")}}
                for t in program_tracks(program=program)]  # fmt: skip

    def get_flow_stages(self, program) -> list[dict]:
        """The flow's steps, per track where a track has its own (``track`` empty otherwise)."""
        from programs.domain.flows import flow_value, program_tracks

        own = [(t.code, t.stages) for t in program_tracks(program=program) if t.stages]
        listed = own or [("", flow_value(program=program, key="challenge_stages") or [])]
        return [{"track": code, "step": s.get("step", s["code"]), **s}
                for code, specs in listed for s in specs]  # fmt: skip


class ProgramListView(generics.ListAPIView):
    permission_classes = [HasPerm.of(get="public")]
    serializer_class = ProgramSerializer
    queryset = Program.objects.select_related("field").order_by("order")


class ProgramDetailView(generics.RetrieveAPIView):
    permission_classes = [HasPerm.of(get="public")]
    serializer_class = ProgramSerializer
    queryset = Program.objects.select_related("field")
    lookup_field = "code"


class CallSerializer(serializers.ModelSerializer):
    programs = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Program.objects.all()
    )
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Call
        fields = [
            "id", "title", "title_en", "programs", "opens_at", "closes_at", "intake_mode", "slots",
            "budget_envelope_krw", "required_documents", "objection_days", "status", "is_open",
        ]  # fmt: skip
        read_only_fields = ["intake_mode", "status", "objection_days"]
        extra_kwargs = {"budget_envelope_krw": {"min_value": 0, "max_value": MAX_KRW},
                        "slots": {"min_value": 1, "max_value": 10_000}}  # fmt: skip

    def validate_required_documents(self, value):
        """Each item is a known document code ("plan", …) or a full document definition."""
        try:
            return clean_required_documents(value)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from None

    def validate(self, attrs):
        for key in ("opens_at", "closes_at"):
            raw = self.initial_data.get(key, "")
            if isinstance(raw, str) and not (
                raw.endswith("Z") or "+" in raw[10:] or "-" in raw[10:]
            ):
                raise ValidationError(
                    {key: "ISO 8601 with a UTC offset is required, e.g. 2023-08-14T16:00:00+09:00."}
                )
        return attrs


class CallListCreateView(generics.ListCreateAPIView):
    permission_classes = [HasPerm.of(get="public", post="programs.add_call")]
    serializer_class = CallSerializer

    def get_queryset(self):
        qs = Call.objects.prefetch_related("programs").order_by("-opens_at", "-id")
        if not self.request.user.has_perm("programs.change_call"):
            qs = qs.filter(status__in=[CallStatus.PUBLISHED, CallStatus.CLOSED])
        if self.request.query_params.get("open") == "1":
            now = timezone.now()
            qs = qs.filter(status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now)
        return qs

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            call = create_call(
                actor=request.user, title=data["title"], title_en=data.get("title_en", ""),
                programs=list(data["programs"]), opens_at=data["opens_at"], closes_at=data["closes_at"],
                slots=data["slots"], budget_envelope_krw=data["budget_envelope_krw"],
                required_documents=data.get("required_documents"),
            )  # fmt: skip
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "message_dict") else exc.messages
            ) from exc
        return Response(self.get_serializer(call).data, status=status.HTTP_201_CREATED)


class CallDetailView(generics.RetrieveAPIView):
    permission_classes = [HasPerm.of(get="public")]
    serializer_class = CallSerializer

    def get_object(self):
        call = get_object_or_404(Call.objects.prefetch_related("programs"), pk=self.kwargs["pk"])
        if not self.request.user.has_perm("programs.view_call", call):
            raise NotFound
        return call


class BudgetSummaryView(APIView):
    """Budget by field and by programme for one year (million KRW), with the printed total."""

    permission_classes = [HasPerm.of(get="programs.view_budget")]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: dict})
    def get(self, request):
        year = int_param(request.query_params, "year", default=2021, min_value=1, max_value=9999)
        if year not in available_years():
            raise NotFound(f"No budget data for {year}.")
        s = budget_summary(year=year)
        return Response({
            "year": s.year,
            "total_million_krw": s.total_million_krw,
            "printed_total_million_krw": s.printed_total_million_krw,
            "total_mismatch": s.total_mismatch,
            "project_total_million_krw": s.project_total_million_krw,
            "operating_million_krw": s.operating_million_krw,
            "joint_operating_million_krw": s.joint_operating_million_krw,
            "continuing": s.total_continuing,
            "new": s.total_new,
            "national_matching": {"city_million_krw": s.national_city_million_krw,
                                  "national_million_krw": s.national_national_million_krw,
                                  "continuing": s.national_continuing},
            # every continuing project of the year next to its amounts: the city programmes'
            # (budget lines) and the national-matching ones (the plan's list when it has one)
            "continuing_projects": {
                "total": s.all_continuing, "city_programmes": s.total_continuing,
                "national_matching": s.national_continuing, "by_program": s.continuing_rows,
            },
            "total_with_matching_million_krw": s.grand_total_with_matching_million_krw,
            # prize money paid outside the project budget (not in any total above)
            "prizes_outside_budget": {"million_krw": s.prize_million_krw, "by_program": s.prize_rows},
            "by_field": [{"field": r.name, "code": r.key, "amount_million_krw": r.amount_million_krw,
                          "continuing": r.continuing, "new": r.new,
                          "printed_amount_million_krw": r.printed_amount_million_krw,
                          "mismatch": r.mismatch} for r in s.by_field],
            "by_program": [{"code": r.key, "name": r.name, "field": r.field,
                            "amount_million_krw": r.amount_million_krw, "continuing": r.continuing,
                            "new": r.new} for r in s.by_program],
        })  # fmt: skip
