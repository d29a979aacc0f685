"""The operator's (VC) page: its recommendations for investment-linked calls and the quota left."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from config.forms import add_domain_errors
from evaluation.screening.domain.recommendations import (
    calls_open_for_recommendation,
    quota_multiplier,
    recommend_company,
    recommendation_quota,
    recommendations_in_year,
)
from evaluation.screening.models import Recommendation
from programs.interfaces.operator_forms import RecommendationForm


class OperatorRecommendationsView(PermissionRequiredMixin, FormView):
    template_name = "programs/operator_recommendations.html"
    form_class = RecommendationForm
    permission_required = "programs.recommend_company"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "calls": calls_open_for_recommendation()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        operator = self.request.user.operator
        year = timezone.localdate().year
        ctx["operator"] = operator
        ctx["recommendations"] = (
            Recommendation.objects.filter(operator=operator)
            .select_related("institution", "call")
            .order_by("-recommended_on", "-id")
            if operator
            else []
        )
        if operator:
            ctx["used"] = recommendations_in_year(operator=operator, year=year)
            ctx["quota"] = recommendation_quota(
                operator=operator, multiplier=_multiplier(ctx["form"])
            )
            ctx["year"] = year
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            recommend_company(
                actor=self.request.user, call=form.calls[data["call"]], business_no=data["business_no"],
                investment_krw=data["investment_krw"], account_type=data["account_type"],
                contract_date=data["contract_date"], company_share_pct=data["company_share_pct"],
                operator_share_pct=data["operator_share_pct"],
            )  # fmt: skip
        except ValidationError as exc:
            add_domain_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Recommendation recorded."))
        return redirect("programs:operator-recommendations")


def _multiplier(form) -> Decimal:
    """The multiplier of the first open investment-linked call (catalogue data; 1.5 in seed 002)."""
    for call in form.calls.values():
        m = quota_multiplier(call)
        if m is not None:
            return m
    return Decimal("1.5")
