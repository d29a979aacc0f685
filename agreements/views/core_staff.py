"""Staff pages of the agreement core: the agreement workbench (협약 관리) and creation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.domain.creation import create_agreement
from agreements.enums import AgreementStatus
from agreements.models import Agreement, Signature, SignerRole
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided

LIST_LIMIT = 200


def _staff_only(request) -> None:
    if not request.user.has_perm("agreements.manage_agreements"):
        raise PermissionDenied


def _signed(role: str):
    return Exists(Signature.objects.filter(
        agreement=OuterRef("pk"), role=role, version__version_no=OuterRef("version_no")))  # fmt: skip


@login_required
def workbench(request):
    """Selected applications without an agreement, agreements by status, the countersign queue."""
    _staff_only(request)
    status = request.GET.get("status", "")
    if status not in AgreementStatus.values:
        status = ""
    waiting = (
        Application.objects.filter(status=ApplicationStatus.SELECTED, agreement__isnull=True)
        .select_related("program", "lead_institution", "committee_decision")
        .order_by("program__code", "receipt_no")
    )
    counts = dict(Agreement.objects.values_list("status").annotate(n=Count("id")).order_by())
    agreements = Agreement.objects.select_related("application", "program", "lead_institution")
    if status:
        agreements = agreements.filter(status=status)
    queue = (
        Agreement.objects.filter(status=AgreementStatus.AWAITING_SIGNATURES)
        .filter(_signed(SignerRole.INSTITUTION)).exclude(_signed(SignerRole.STAFF))
        .select_related("application", "lead_institution").order_by("updated_at")
    )  # fmt: skip
    ctx = {
        "waiting": waiting, "queue": queue, "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in AgreementStatus.choices],
        "agreements": agreements.order_by("-created_at")[:LIST_LIMIT], "limit": LIST_LIMIT,
    }  # fmt: skip
    return render(request, "agreements/core/workbench.html", ctx)


@login_required
@require_POST
def create(request, application_pk: int):
    _staff_only(request)
    application = get_object_or_404(Application, pk=application_pk)
    try:
        agreement = create_agreement(application=application, actor=request.user)
    except AlreadyDecided as exc:  # refusals (422) and "already exists" (409) alike
        messages.error(request, exc.bilingual)
        return redirect("agreements:workbench")
    messages.success(request, _("Agreement created; the institution has been notified."))
    return redirect("agreements:detail", pk=agreement.pk)
