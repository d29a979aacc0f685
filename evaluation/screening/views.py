"""Staff screening pages and the applicant's result page. Thin: they call domain functions."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from applications.models import Application
from evaluation.domain import timeline
from evaluation.interfaces.confirmations import release_message
from evaluation.screening.domain.runs import (
    latest_result,
    override_result,
    release_run,
    resume_run,
    run_counts,
    start_run,
)
from evaluation.screening.enums import RunStatus
from evaluation.screening.interfaces.forms import OverrideForm
from evaluation.screening.models import DuplicateFlag, ScreeningResult, ScreeningRun
from programs.models import Call


class StaffView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Staff-only pages: anonymous users are sent to the login page, others get 403."""


class CallListView(StaffView):
    permission_required = "screening.view_run"

    def get(self, request):
        calls = Call.objects.order_by("-closes_at").prefetch_related("programs")[:100]
        return render(request, "screening/call_list.html", {"calls": calls})


class CallRunsView(StaffView):
    """Runs of a call and the start button."""

    permission_required = "screening.view_run"

    def get(self, request, pk: int):
        call = get_object_or_404(Call, pk=pk)
        runs = call.screening_runs.order_by("-created_at")
        return render(request, "screening/call_runs.html", {"call": call, "runs": runs})


class StartRunView(StaffView):
    permission_required = "screening.start_run"

    def post(self, request, pk: int):
        call = get_object_or_404(Call, pk=pk)
        run = start_run(call=call, actor=request.user)
        messages.success(request, _("Screening run started."))
        return redirect("screening:run", pk=run.pk)


class RunDetailView(StaffView):
    """Progress bar (htmx polling), results table with per-rule outcomes, release button."""

    permission_required = "screening.view_run"

    def get(self, request, pk: int):
        run = get_object_or_404(ScreeningRun.objects.select_related("call"), pk=pk)
        results = (
            ScreeningResult.objects.filter(run=run)
            .select_related(
                "application__lead_institution", "application__program", "overridden_by"
            )
            .order_by("application_id")
        )
        outcome = request.GET.get("outcome")
        if outcome:
            results = results.filter(outcome=outcome)
        page = Paginator(results, 50).get_page(request.GET.get("page"))
        counts = run_counts(run)
        releasable = run.status == RunStatus.DONE and not run.released_at
        return render(request, "screening/run_detail.html", {
            "run": run, "page": page, "counts": counts, "outcome": outcome or "",
            "duplicate_count": run.duplicates.count(),
            # what the release will do, and why it would be refused (evaluation.domain.timeline)
            "confirm_release": release_message(run, counts) if releasable else "",
            "release_check": timeline.check("screening.release", run.call) if releasable else None,
        })  # fmt: skip


class RunProgressView(StaffView):
    """The small partial polled by htmx."""

    permission_required = "screening.view_run"

    def get(self, request, pk: int):
        run = get_object_or_404(ScreeningRun, pk=pk)
        return render(request, "screening/_progress.html", {"run": run, "counts": run_counts(run)})


class ResumeRunView(StaffView):
    permission_required = "screening.start_run"

    def post(self, request, pk: int):
        run = get_object_or_404(ScreeningRun, pk=pk)
        resume_run(run=run, actor=request.user)
        return redirect("screening:run", pk=run.pk)


class ReleaseRunView(StaffView):
    permission_required = "screening.release_results"

    def post(self, request, pk: int):
        run = get_object_or_404(ScreeningRun, pk=pk)
        try:
            release_run(run=run, actor=request.user)
            messages.success(request, _("Results released to the applicants."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("screening:run", pk=run.pk)


class OverrideView(StaffView):
    permission_required = "screening.override_result"

    def _result(self, pk):
        return get_object_or_404(
            ScreeningResult.objects.select_related("run", "application__lead_institution"), pk=pk
        )

    def get(self, request, pk: int):
        result = self._result(pk)
        form = OverrideForm(initial={"outcome": result.final_outcome})
        return render(request, "screening/override.html", {"result": result, "form": form})

    def post(self, request, pk: int):
        result = self._result(pk)
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                override_result(result=result, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Outcome changed."))
                return redirect("screening:run", pk=result.run_id)
            except ValidationError as exc:
                form.add_error(None, exc)
        return render(
            request, "screening/override.html", {"result": result, "form": form}, status=400
        )


class DuplicatesView(StaffView):
    """Duplicate pairs side by side."""

    permission_required = "screening.view_run"

    def get(self, request, pk: int):
        run = get_object_or_404(ScreeningRun, pk=pk)
        pairs = DuplicateFlag.objects.filter(run=run).select_related(
            "application", "other_application", "other_project"
        ).order_by("-similarity", "application_id")  # fmt: skip
        page = Paginator(pairs, 25).get_page(request.GET.get("page"))
        return render(request, "screening/duplicates.html", {"run": run, "page": page})


class ApplicantResultView(LoginRequiredMixin, View):
    """The applicant's own released result with every rule's reason (staff see the latest run)."""

    permission_required = "screening.view_application_result"

    def get(self, request, pk: int):
        app = get_object_or_404(Application.objects.select_related("pi", "call"), pk=pk)
        if not request.user.has_perm(self.permission_required, app):
            raise Http404
        staff = request.user.has_perm("screening.view_run")
        result = latest_result(application=app, released_only=not staff)
        return render(request, "screening/application_result.html", {
            "application": app, "result": result, "status_done": RunStatus.DONE,
        })  # fmt: skip
