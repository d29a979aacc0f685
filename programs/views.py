"""Public call pages and the officials' budget overview. Thin: they call selectors."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from programs.domain.budget import BudgetSummary, available_years, budget_summary
from programs.enums import CallStatus
from programs.interfaces.exporters import budget_workbook_response
from programs.models import Call, Program


class HomeView(TemplateView):
    template_name = "programs/home.html"
    permission_required = None  # public

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        ctx["open_calls"] = Call.objects.filter(
            status=CallStatus.PUBLISHED, opens_at__lte=now, closes_at__gt=now
        ).prefetch_related("programs")[:5]
        ctx["program_count"] = Program.objects.count()
        return ctx


class CallListView(ListView):
    """Open and upcoming calls (public)."""

    template_name = "programs/call_list.html"
    context_object_name = "calls"
    permission_required = None  # public

    def get_queryset(self):
        qs = Call.objects.filter(status__in=[CallStatus.PUBLISHED, CallStatus.CLOSED])
        if not self._show_all():
            qs = qs.filter(status=CallStatus.PUBLISHED, closes_at__gt=timezone.now())
        return qs.prefetch_related("programs").order_by("closes_at", "id")

    def _show_all(self) -> bool:
        return self.request.GET.get("show") == "all"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(now=timezone.now(), show_all=self._show_all())
        return ctx


class CallDetailView(DetailView):
    template_name = "programs/call_detail.html"
    context_object_name = "call"
    permission_required = "programs.view_call"

    def get_object(self, queryset=None):
        call = get_object_or_404(
            Call.objects.prefetch_related("programs__field"), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm(self.permission_required, call):
            raise Http404
        return call

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_open"] = self.object.is_open
        return ctx


class BudgetDashboardView(PermissionRequiredMixin, TemplateView):
    """Officials' and SBA staff's budget overview (anonymous users are sent to the sign-in page)."""

    template_name = "programs/budget_dashboard.html"
    permission_required = "programs.view_budget"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        years = available_years()
        year = _year(self.request, years)
        ctx.update(years=years, year=year, summary=budget_summary(year=year))
        others = [y for y in years if y != year]
        compare = budget_summary(year=others[0]) if others else None
        ctx["compare"] = compare
        ctx["field_rows"] = _with_compare(ctx["summary"].by_field, compare and compare.by_field)
        ctx["program_rows"] = _with_compare(
            ctx["summary"].by_program, compare and compare.by_program
        )
        ctx["chart_data"] = _chart_data(ctx["summary"], compare)
        return ctx


class BudgetExportView(PermissionRequiredMixin, View):
    """Excel workbook of every year's budget overview."""

    permission_required = "programs.view_budget"

    def get(self, request):
        years = available_years()
        return budget_workbook_response([budget_summary(year=y) for y in years])


def _with_compare(rows: list, others: list | None) -> list[tuple]:
    """Pair each row with the amount of the same key in the other year (None if absent)."""
    amounts = {r.key: r.amount_million_krw for r in others or []}
    return [(r, amounts.get(r.key)) for r in rows]


def _chart_data(summary: BudgetSummary, compare: BudgetSummary | None) -> dict:
    """Grouped bars by field: the selected year, and the other year aligned on the same fields."""
    series = [
        {"label": str(summary.year), "data": [r.amount_million_krw for r in summary.by_field]}
    ]
    if compare:
        other = {r.key: r.amount_million_krw for r in compare.by_field}
        series.append(
            {"label": str(compare.year), "data": [other.get(r.key, 0) for r in summary.by_field]}
        )
    return {
        "labels": [r.name for r in summary.by_field],
        "series": series,
        "unit": gettext("million KRW"),
    }


def _year(request, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = years[-1] if years else 2021
    return year
