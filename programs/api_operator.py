"""API for operators (VCs): list and create recommendations (same permission as the page)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from config.params import MAX_KRW
from config.permissions import HasPerm
from evaluation.screening.domain.recommendations import recommend_company
from evaluation.screening.enums import AccountType
from evaluation.screening.models import Recommendation
from programs.models import Call


class RecommendationSerializer(serializers.ModelSerializer):
    business_no = serializers.CharField(source="institution.business_no")
    company = serializers.CharField(source="institution.name", read_only=True)
    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    account_type = serializers.ChoiceField(choices=AccountType.choices)

    class Meta:
        model = Recommendation
        fields = [
            "id", "call", "business_no", "company", "recommended_on", "investment_krw",
            "account_type", "contract_date", "company_share_pct", "operator_share_pct",
        ]  # fmt: skip
        read_only_fields = ["recommended_on"]
        extra_kwargs = {"investment_krw": {"min_value": 1, "max_value": MAX_KRW}}


class RecommendationListCreateView(generics.ListCreateAPIView):
    permission_classes = [
        HasPerm.of(get="programs.recommend_company", post="programs.recommend_company")
    ]
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return (
            Recommendation.objects.filter(operator_id=self.request.user.operator_id)
            .select_related("institution")
            .order_by("-recommended_on", "-id")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        call = get_object_or_404(Call.objects.prefetch_related("programs"), pk=data["call"].pk)
        try:
            rec = recommend_company(
                actor=request.user, call=call, business_no=data["institution"]["business_no"],
                investment_krw=data["investment_krw"], account_type=data["account_type"],
                contract_date=data["contract_date"], company_share_pct=data["company_share_pct"],
                operator_share_pct=data["operator_share_pct"],
            )  # fmt: skip
        except DjangoValidationError as exc:
            raise ValidationError(_problems(exc)) from exc
        return Response(self.get_serializer(rec).data, status=status.HTTP_201_CREATED)


def _problems(exc: DjangoValidationError) -> dict:
    """Refusals with a stable code and both languages."""
    errors = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc.error_list)]
    return {
        "problems": [
            {
                "code": e.code,
                "field": field,
                "message": e.message,
                "message_ko": (e.params or {}).get("message_ko", e.message),
                "message_en": (e.params or {}).get("message_en", e.message),
            }
            for field, errs in errors
            for e in errs
        ]
    }
