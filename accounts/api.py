"""API: token sign-in and sign-out, and the institution registry."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.domain.institutions import register_institution
from accounts.domain.tokens import expires_at, issue_token, revoke_tokens
from accounts.interfaces.forms import BUSINESS_NO_TAKEN
from accounts.models import Institution
from accounts.validators import (
    normalise_number,
    validate_business_number,
    validate_corporate_number,
)
from config.permissions import HasPerm


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class TokenView(APIView):
    """POST {"username", "password"} → {"token", "expires_at"}: a new token at every sign-in.

    The earlier token of the account stops working. Failed sign-ins count towards the lockout
    (django-axes, settings/security.py): once locked, the answer is 429, even to the right password.
    """

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: TokenResponseSerializer, 400: dict, 429: dict},
    )
    def post(self, request):
        # django-axes reads and flags the Django request (its middleware answers a lockout).
        serializer = AuthTokenSerializer(data=request.data, context={"request": request._request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token = issue_token(user)
        update_last_login(None, user)
        if settings.AXES_ENABLED and settings.AXES_RESET_ON_SUCCESS:
            AxesProxyHandler.reset_attempts(username=user.get_username())
        return Response({"token": token.key, "expires_at": expires_at(token.created)})


class LogoutView(APIView):
    """POST with `Authorization: Token <key>`: the token is deleted (sign-out)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        revoke_tokens(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SiteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["hq", "branch"])
    address = serializers.CharField(max_length=300)
    in_seoul = serializers.BooleanField(default=True)
    district = serializers.CharField(max_length=20, required=False, allow_blank=True)


class InstitutionSerializer(serializers.ModelSerializer):
    sites = SiteSerializer(many=True, required=False)
    # Hyphenated input (124-81-00998) is accepted and stored as digits only.
    business_no = serializers.CharField(max_length=14)
    corporate_no = serializers.CharField(max_length=16, required=False, allow_blank=True)

    class Meta:
        model = Institution
        fields = [
            "id", "name", "name_en", "type", "business_no", "corporate_no", "representative",
            "incorporated_on", "is_sme", "is_corporation", "hospital_grade", "seoul_tax_office", "sites",
        ]  # fmt: skip

    def validate_business_no(self, value: str) -> str:
        value = normalise_number(value)
        try:
            validate_business_number(value)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc
        if (
            Institution.objects.filter(business_no=value)
            .exclude(pk=getattr(self.instance, "pk", None))
            .exists()
        ):
            raise ValidationError(str(BUSINESS_NO_TAKEN))
        return value

    def validate_corporate_no(self, value: str) -> str:
        value = normalise_number(value)
        try:
            validate_corporate_number(value)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return value


class InstitutionListCreateView(generics.ListCreateAPIView):
    """Staff see every institution; an applicant sees and registers their own."""

    serializer_class = InstitutionSerializer
    permission_classes = [
        HasPerm.of(get="accounts.register_institution", post="accounts.register_institution")
    ]

    def get_queryset(self):
        user = self.request.user
        qs = Institution.objects.prefetch_related("sites").order_by("name")
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return qs.none()
        if user.has_perm("accounts.list_institutions"):
            return qs
        return qs.filter(pk=user.institution_id) if user.institution_id else qs.none()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                institution = register_institution(actor=request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            detail = (
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            )
            raise ValidationError(detail) from exc
        return Response(self.get_serializer(institution).data, status=status.HTTP_201_CREATED)
