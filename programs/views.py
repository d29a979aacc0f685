"""Public call pages and the officials' budget overview. Thin: they call selectors."""

import hashlib
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.generic import DetailView, ListView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from config.params import ParamError, int_param
from programs.domain.budget import BudgetSummary, available_years, budget_summary
from programs.enums import CallStatus
from programs.interfaces.exporters import budget_workbook_response
from programs.models import Call, Field, Program

_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
_CSRF_PLACEHOLDER = b"\x00csrf\x00"
_VERSION_KEY = "programs:public-pages:version"


class AnonymousPageCacheMixin:
    """Cache a public page for anonymous visitors, per language and path, for a short time.

    Only requests without a session or messages cookie are served from or stored in the cache
    (signed-in users see their own navigation). The CSRF token of the page's forms is swapped for
    the visitor's own token on every hit. An entry is used only while `now` lies between the moment
    it was rendered and the nearest open/close instant of the calls it shows (never across a
    deadline), at most PUBLIC_PAGE_CACHE_SECONDS; any saved Call, Program or Field drops every
    entry (version key; with the local-memory cache, in this process only).
    """

    def cache_boundaries(self) -> list[datetime]:
        return []

    def dispatch(self, request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _anonymous_and_plain(request):
            return super().dispatch(request, *args, **kwargs)
        version = cache.get(_VERSION_KEY, 0)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"programs:public-page:{version}:{get_language()}:{path}"
        now = timezone.now()
        hit = cache.get(key)
        if hit is not None and hit["from"] <= now < hit["until"]:
            content = hit["content"].replace(_CSRF_PLACEHOLDER, get_token(request).encode())
            return HttpResponse(content, content_type=hit["content_type"])
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and hasattr(response, "add_post_render_callback"):
            until = min([now + timedelta(seconds=seconds), *self.cache_boundaries()])
            entry = {"from": now, "until": until, "content_type": response["Content-Type"]}

            def store(rendered):
                entry["content"] = _CSRF_INPUT.sub(
                    rb"\1" + _CSRF_PLACEHOLDER + rb"\2", rendered.content
                )
                cache.set(key, entry, seconds)

            response.add_post_render_callback(store)
        return response


def _anonymous_and_plain(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and set(request.GET) <= {"show"}
        and not request.user.is_authenticated
    )


def _drop_public_pages(**kwargs) -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


for _model in (Call, Program, Field):
    post_save.connect(_drop_public_pages, sender=_model, dispatch_uid=f"pages-{_model.__name__}")
    post_delete.connect(_drop_public_pages, sender=_model, dispatch_uid=f"pages-d{_model.__name__}")
m2m_changed.connect(_drop_public_pages, sender=Call.programs.through, dispatch_uid="pages-m2m")


def _future(now: datetime, calls) -> list[datetime]:
    return [t for c in calls for t in (c.opens_at, c.closes_at) if t > now]


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


class CallListView(AnonymousPageCacheMixin, ListView):
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

    def cache_boundaries(self) -> list[datetime]:
        return _future(timezone.now(), self.object_list)


class CallDetailView(AnonymousPageCacheMixin, DetailView):
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

    def cache_boundaries(self) -> list[datetime]:
        return _future(timezone.now(), [self.object])


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
        year = int_param(request.GET, "year", default=None, min_value=1, max_value=9999)
    except ParamError:  # an unknown year shows the latest one
        year = None
    if year not in years:
        year = years[-1] if years else 2021
    return year
