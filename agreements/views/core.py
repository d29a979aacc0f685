"""Pages of the agreement core: my agreements, the agreement page, its PDFs, the institution's
signature and the staff countersignature. Views are thin: permissions from agreements/rules.py,
decisions in agreements/domain/."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from accounts.enums import Role
from agreements.domain.signing import (
    CONSENT_TEXT,
    COUNTERSIGN_TEXT,
    INSTITUTION_SIGNS_IN,
    SigningRefused,
    countersign,
    current_version,
    sign_as_institution,
)
from agreements.domain.versions import diff_versions
from agreements.enums import AgreementStatus
from agreements.models import Agreement, AgreementVersion, Signature, SignerRole
from config.locking import AlreadyDecided

# Other parts' pages, linked from the agreement page only when their route exists.
PARTS = (
    ("guarantees", gettext_lazy("Guarantee insurance")),
    ("instalments", gettext_lazy("Instalments")),
    ("ledger", gettext_lazy("Ledger")),
    ("expenses", gettext_lazy("Expenses")),
    ("changes", gettext_lazy("Change requests")),
    ("evaluations", gettext_lazy("Annual and final evaluation")),
    ("settlement", gettext_lazy("Settlement")),
)


def agreement_for(request, pk: int, perm: str = "agreements.view_agreement", queryset=None):
    """The agreement if `perm` allows: another institution's agreement is 404 for applicants
    (its existence is not revealed); otherwise a refusal is 403."""
    agreement = get_object_or_404(
        queryset if queryset is not None else Agreement.objects.select_related(
            "application", "lead_institution", "program"), pk=pk)  # fmt: skip
    user = request.user
    if not user.has_perm(perm, agreement):
        if user.role == Role.APPLICANT and not user.has_perm(
            "agreements.view_agreement", agreement
        ):
            raise Http404
        raise PermissionDenied
    return agreement


def client_ip(request) -> str | None:
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


def part_links(agreement: Agreement) -> list[dict]:
    """Links to the other parts' pages whose path resolves (missing parts are left out)."""
    base = reverse("agreements:detail", args=[agreement.pk])
    links = []
    for slug, label in PARTS:
        url = f"{base}{slug}/"
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.url_name != "detail":
            links.append({"slug": slug, "url": url, "label": label})
    return links


@login_required
def my_agreements(request):
    """내 협약: the agreements of the applicant's own applications and institution."""
    if request.user.role == Role.STAFF or request.user.is_superuser:
        return redirect("agreements:workbench")
    if request.user.role != Role.APPLICANT:
        raise PermissionDenied
    mine = Q(application__applicant=request.user)
    if request.user.institution_id:
        mine |= Q(lead_institution_id=request.user.institution_id)
    agreements = (
        Agreement.objects.filter(mine)
        .select_related("application", "program", "lead_institution")
        .order_by("-created_at")
    )
    return render(request, "agreements/core/mine.html", {"agreements": agreements})


@login_required
def detail(request, pk: int):
    agreement = agreement_for(request, pk)
    versions = list(
        agreement.versions.order_by("version_no").prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.order_by("signed_at"))
        )
    )
    for older, newer in zip(versions, versions[1:], strict=False):
        newer.diff = diff_versions(old=older, new=newer)
    version = versions[-1] if versions else None
    signed = {s.role for s in version.signatures.all()} if version else set()
    user = request.user
    ctx = {
        "agreement": agreement, "version": version, "versions": versions,
        "years": agreement.years.order_by("year_no"),
        "parts": part_links(agreement), "signed": signed,
        "can_sign": version is not None and SignerRole.INSTITUTION not in signed
        and agreement.status in INSTITUTION_SIGNS_IN
        and user.has_perm("agreements.act_for_institution", agreement),
        "can_countersign": version is not None and SignerRole.INSTITUTION in signed
        and SignerRole.STAFF not in signed and agreement.status == AgreementStatus.AWAITING_SIGNATURES
        and user.has_perm("agreements.manage_agreements"),
        "is_staff": user.has_perm("agreements.manage_agreements"),
    }  # fmt: skip
    return render(request, "agreements/detail.html", ctx)


def _pdf_response(handle, filename: str) -> FileResponse:
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def version_pdf(request, pk: int, no: int, sealed: bool = False):
    """The PDF of one version (or its sealed final), inline, to the parties and staff only; it may
    be framed by this site's signing page."""
    agreement = agreement_for(request, pk)
    version = get_object_or_404(AgreementVersion, agreement=agreement, version_no=no)
    field = version.sealed_pdf if sealed else version.pdf
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    suffix = "-sealed" if sealed else ""
    return _pdf_response(handle, f"agreement-{agreement.verify_code}-v{no}{suffix}.pdf")


def _form_errors(exc: SigningRefused) -> dict:
    return {exc.field or "form": {"ko": exc.message_ko, "en": exc.message_en}}


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk: int, role: str):
    """The institution's signature (role institution) or the staff countersignature (role
    staff): the current version's PDF shown inline, an explicit consent, name and title."""
    perm = (
        "agreements.act_for_institution"
        if role == SignerRole.INSTITUTION
        else "agreements.manage_agreements"
    )
    agreement = agreement_for(request, pk, perm)
    version = current_version(agreement)
    if version is None:
        raise Http404
    errors, posted = {}, {}
    if request.method == "POST":
        posted = {k: request.POST.get(k, "").strip()[:100] for k in ("signer_name", "signer_title")}
        action = sign_as_institution if role == SignerRole.INSTITUTION else countersign
        try:
            action(agreement=agreement, actor=request.user, consent=request.POST.get("consent") == "on",
                   pdf_sha256=request.POST.get("pdf_sha256", "")[:64], ip=client_ip(request), **posted)  # fmt: skip
        except SigningRefused as exc:
            errors = _form_errors(exc)
        except AlreadyDecided as exc:
            messages.error(request, exc.bilingual)
            return redirect("agreements:detail", pk=agreement.pk)
        else:
            messages.success(
                request, _("Signed. The signature and the PDF's fingerprint are recorded.")
            )
            return redirect("agreements:detail", pk=agreement.pk)
    signed = set(version.signatures.values_list("role", flat=True))
    if role == SignerRole.INSTITUTION:
        open_now = agreement.status in INSTITUTION_SIGNS_IN
    else:
        open_now = (
            agreement.status == AgreementStatus.AWAITING_SIGNATURES
            and SignerRole.INSTITUTION in signed
        )
    ctx = {
        "agreement": agreement, "version": version, "role": role, "errors": errors, "posted": posted,
        "open_now": open_now or bool(errors),
        "consent_text": CONSENT_TEXT if role == SignerRole.INSTITUTION else COUNTERSIGN_TEXT,
        "already": version.signatures.filter(role=role).first(),
    }  # fmt: skip
    return render(request, "agreements/core/sign.html", ctx, status=422 if errors else 200)
