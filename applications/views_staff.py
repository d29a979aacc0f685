"""Receipt pages (applicant and staff) and the staff list per call with filters and export."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from applications.enums import ApplicationStatus
from applications.interfaces.exporters import applications_workbook_response
from applications.interfaces.receipt_pdf import receipt_pdf
from applications.models import Application
from applications.views import PermissionView, application_for
from programs.domain.flows import has_tracks, program_tracks
from programs.models import Call


def _submitted(request, pk: int) -> Application:
    """The application of a receipt page (permission checked); `receipt_no` is empty for drafts."""
    return application_for(
        request, pk, "applications.view_application",
        Application.objects.select_related("call", "program", "lead_institution", "pi"),
    )  # fmt: skip


class ReceiptView(PermissionView):
    def get(self, request, pk: int):
        app = _submitted(request, pk)
        if not app.receipt_no:
            return redirect("applications:edit", pk=app.pk)
        return render(request, "applications/receipt.html", {"app": app})


class ReceiptPdfView(PermissionView):
    def get(self, request, pk: int):
        app = _submitted(request, pk)
        if not app.receipt_no:
            return redirect("applications:edit", pk=app.pk)
        response = HttpResponse(receipt_pdf(app), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="receipt-{app.receipt_no}.pdf"'
        return response


def call_applications(call: Call, params, programs: list | None = None) -> tuple:
    qs = (
        Application.objects.filter(call=call)
        .select_related("program", "lead_institution", "applicant", "pi")
        .order_by("receipt_no", "id")
    )
    status = params.get("status", "")
    program = params.get("program", "")
    track_code = params.get("track", "")
    if status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    if program:
        qs = qs.filter(program__code=program)
    if track_code and track_code in {code for code, _name in call_track_choices(call, programs)}:
        qs = qs.filter(track=track_code)
    else:
        track_code = ""
    return qs, {"status": status, "program": program, "track": track_code}


def call_track_choices(call: Call, programs: list | None = None) -> list[tuple[str, str]]:
    """(code, name in the active language) of the tracks of the call's programmes."""
    seen: dict[str, str] = {}
    for program in call.programs.all() if programs is None else programs:
        for t in program_tracks(program=program):
            seen.setdefault(t.code, t.name)
    return list(seen.items())


class CallApplicationsView(PermissionView):
    permission_required = "applications.list_call_applications"

    def get(self, request, call_pk: int):
        call = get_object_or_404(Call, pk=call_pk)
        programs = list(call.programs.all())
        qs, filters = call_applications(call, request.GET, programs)
        ctx = {
            "call": call, "applications": list(qs), "filters": filters,
            "statuses": ApplicationStatus.choices, "programs": programs,
            "query": request.GET.urlencode(),
            # a track column (names, not codes) and the link to each track's slots and envelope
            "show_tracks": any(has_tracks(program=p) for p in programs),
            "tracks": call_track_choices(call, programs),
        }  # fmt: skip
        return render(request, "applications/staff_list.html", ctx)


class CallApplicationsExportView(PermissionView):
    permission_required = "applications.export_applications"

    def get(self, request, call_pk: int):
        call = get_object_or_404(Call, pk=call_pk)
        qs, _filters = call_applications(call, request.GET)
        return applications_workbook_response(call, qs)
