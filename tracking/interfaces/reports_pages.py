"""Pages of outcome reports: the institution's list and form, the staff queue and review."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.enums import Role
from applications.views import PermissionView
from config.locking import AlreadyDecided
from evaluation.domain import EvaluationError
from tracking.domain.evidence import add_evidence
from tracking.domain.reports import EDITABLE, jumps, prefill, save_figures, set_report_status
from tracking.interfaces.report_form import ReportForm, ReviewForm
from tracking.interfaces.reports_api import report_for, visible_reports
from tracking.models import FIGURE_FIELDS, ReportStatus, TrackingReport

FILED = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.CHANGES_REQUESTED)


_report = report_for  # one permission-checked lookup for pages and API


class ReportListView(PermissionView):
    """/tracking/reports/: an institution's reports; for staff and officials the review queue
    with the response rate per programme and year."""

    permission_required = "tracking.list_reports"

    def get(self, request):
        reports = visible_reports(request.user).order_by("due_on", "pk")
        status = request.GET.get("status", "")
        if status in ReportStatus.values:
            reports = reports.filter(status=status)
        rates = []
        if request.user.role != Role.APPLICANT:
            rates = (
                visible_reports(request.user)
                .values("program__code", "program__name_ko", "covers_year")
                .annotate(total=Count("pk"), filed=Count("pk", filter=Q(status__in=FILED)))
                .order_by("-covers_year", "program__code")
            )
            for r in rates:
                r["rate"] = round(100 * r["filed"] / r["total"], 1) if r["total"] else 0
        return render(request, "tracking/reports/list.html", {
            "reports": reports[:300], "rates": rates, "statuses": ReportStatus.choices,
            "status": status, "staff_view": request.user.role != Role.APPLICANT,
        })  # fmt: skip


class ReportEditView(PermissionView):
    """/tracking/reports/<pk>/: read the report; the institution edits and files it, staff
    review it."""

    permission_required = "tracking.list_reports"

    def _context(self, request, report, form=None, review=None):
        can_file = (
            request.user.has_perm("tracking.file_report", report) and report.status in EDITABLE
        )
        known = prefill(report=report)
        if form is None and can_file:
            initial = {f: getattr(report, f) for f in FIGURE_FIELDS}
            if not any(initial.values()):
                initial.update(known["values"])
            form = ReportForm(instance=report, initial=initial)
        can_review = (
            request.user.has_perm("tracking.review_reports")
            and report.status == ReportStatus.SUBMITTED
        )
        return {
            "report": report, "form": form, "known": known["known"], "can_file": can_file,
            "review": review or (ReviewForm() if can_review else None),
            "figures": [(report._meta.get_field(f).verbose_name, getattr(report, f)) for f in FIGURE_FIELDS],
            "evidence": report.evidence.all(),
        }  # fmt: skip

    def get(self, request, pk: int):
        report = _report(request, pk, "tracking.view_report")
        return render(request, "tracking/reports/edit.html", self._context(request, report))

    def post(self, request, pk: int):
        action = request.POST.get("action", "save")
        if action == "review":
            return self._review(request, pk)
        report = _report(request, pk, "tracking.file_report")
        form = ReportForm(request.POST, request.FILES, instance=TrackingReport.objects.get(pk=pk))
        if not form.is_valid():
            return render(
                request,
                "tracking/reports/edit.html",
                self._context(request, report, form),
                status=400,
            )
        values = {f: form.cleaned_data[f] for f in FIGURE_FIELDS}
        try:
            with transaction.atomic():
                save_figures(report=report, values=values, actor=request.user,
                             note=form.cleaned_data.get("jump_note") or "")  # fmt: skip
                if form.cleaned_data.get("evidence"):
                    add_evidence(
                        report=report, uploaded=form.cleaned_data["evidence"], actor=request.user
                    )
                if action == "submit":
                    set_report_status(
                        report=report, status=ReportStatus.SUBMITTED, actor=request.user
                    )
        except (AlreadyDecided, EvaluationError) as exc:
            field = (
                "jump_note"
                if exc.code == "jump_note_required"
                else ("evidence" if "file" in exc.code or "format" in exc.code else None)
            )
            form.add_error(field, exc.message)
            if field == "jump_note":
                form.add_error(
                    None,
                    _("Large change from last year in: %s")
                    % ", ".join(jumps(report=report, values=values)),
                )
            return render(
                request,
                "tracking/reports/edit.html",
                self._context(request, report, form),
                status=422,
            )
        return redirect("tracking:report_edit", pk)

    def _review(self, request, pk: int):
        report = _report(request, pk, "tracking.review_reports")
        review = ReviewForm(request.POST)
        if review.is_valid():
            accept = review.cleaned_data["decision"] == "accept"
            note = review.cleaned_data["note"]
            if not accept and not note.strip():
                review.add_error("note", _("Say what the institution should change."))
            else:
                set_report_status(
                    report=report, actor=request.user, note=note,
                    status=ReportStatus.ACCEPTED if accept else ReportStatus.CHANGES_REQUESTED,
                )  # fmt: skip
                return redirect("tracking:report_edit", pk)
        return render(
            request,
            "tracking/reports/edit.html",
            self._context(request, report, review=review),
            status=400,
        )


class EvidenceFileView(PermissionView):
    """/tracking/reports/<pk>/evidence/<eid>/: an evidence file, to whoever may read the report."""

    permission_required = "tracking.list_reports"

    def get(self, request, pk: int, eid: int):
        report = _report(request, pk, "tracking.view_report")
        evidence = get_object_or_404(report.evidence, pk=eid)
        response = FileResponse(
            evidence.file.open("rb"), as_attachment=True, filename=evidence.name
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
