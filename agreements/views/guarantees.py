"""Pages of guarantee insurance: the institution registers a policy per agreement year; staff
verify or reject it; the policy PDF is served only through a permission-checked view."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.domain.audit import record_audit
from accounts.enums import Role
from agreements.domain.guarantee_deadlines import seoul_today
from agreements.domain.guarantees import (
    GuaranteeRefused,
    covering_guarantee,
    register_guarantee,
    reject_guarantee,
    required_years,
    verify_guarantee,
)
from agreements.enums import AgreementStatus as S
from agreements.interfaces.guarantee_forms import GuaranteeForm, RejectForm
from agreements.models import Agreement, Guarantee, GuaranteeStatus
from agreements.rules import is_agreement_party
from config.locking import AlreadyDecided

AGREEMENTS = Agreement.objects.select_related("application__applicant", "program")


def agreement_for(request, pk: int, perm: str) -> Agreement:
    """Another institution's agreement is 404 for applicants (not revealed); other roles 403."""
    agreement = get_object_or_404(AGREEMENTS, pk=pk)
    if not request.user.has_perm(perm, agreement):
        hidden = not request.user.has_perm("agreements.view_agreement", agreement)
        if hidden and getattr(request.user, "role", None) == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return agreement


class SignedInView(LoginRequiredMixin, View):
    pass


def year_rows(agreement: Agreement) -> list[dict]:
    """Per year: required period and amount, the covering guarantee and every registration."""
    required = {y.pk for y in required_years(agreement)}
    guarantees: dict[int, list[Guarantee]] = {}
    for g in agreement.guarantees.select_related("verified_by").order_by("-created_at"):
        guarantees.setdefault(g.year_id, []).append(g)
    rows = []
    for year in agreement.years.order_by("year_no"):
        items = guarantees.get(year.pk, [])
        rows.append({
            "year": year, "required_now": year.pk in required, "covering": covering_guarantee(year=year),
            "guarantees": items,
            "pending": any(g.status == GuaranteeStatus.SUBMITTED for g in items),
        })  # fmt: skip
    return rows


def page_context(request, agreement: Agreement, *, form=None, reject_forms=None) -> dict:
    user = request.user
    rows = year_rows(agreement)
    today = seoul_today()
    open_years = [r["year"] for r in rows if not r["covering"] and not r["pending"]]
    can_register = user.has_perm("agreements.register_guarantee", agreement) and agreement.status in {
        S.AWAITING_GUARANTEE, S.SUSPENDED, S.AWAITING_SIGNATURES, S.ACTIVE,
    } and bool(open_years)  # fmt: skip
    if can_register and form is None:
        form = GuaranteeForm(agreement=agreement, years=open_years)
    can_decide = user.has_perm("agreements.decide_guarantee", agreement)
    reject_forms = reject_forms or {}
    for row in rows:
        for g in row["guarantees"]:
            g.reject_form = reject_forms.get(g.pk) or RejectForm(prefix=f"g{g.pk}")
    return {
        "agreement": agreement, "rows": rows, "form": form if can_register else None,
        "can_decide": can_decide, "today": today,
        "has_guarantees": any(r["guarantees"] for r in rows),
        "days_left": (agreement.guarantee_due_on - today).days,
        "awaiting": agreement.status in {S.AWAITING_GUARANTEE, S.SUSPENDED},
    }  # fmt: skip


class GuaranteePageView(SignedInView):
    """GET: status, due date (D-n), required period and amount per year. POST: register."""

    def get(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.view_guarantees")
        return render(request, "agreements/guarantees/page.html", page_context(request, agreement))

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.register_guarantee")
        form = GuaranteeForm(request.POST, request.FILES, agreement=agreement)
        if form.is_valid():
            data = form.cleaned_data
            try:
                guarantee = register_guarantee(
                    agreement=agreement, year_no=data["year_no"], insurer=data["insurer"],
                    policy_no=data["policy_no"], amount_krw=data["amount_krw"],
                    starts_on=data["starts_on"], ends_on=data["ends_on"], pdf=data["pdf"],
                    cost_krw=data["cost_krw"], actor=request.user, require_pdf=True,
                )  # fmt: skip
            except GuaranteeRefused as exc:
                for problem in exc.problems:
                    field = problem.field if problem.field in form.fields else None
                    form.add_error(field, problem_text(problem))
            except AlreadyDecided as exc:
                form.add_error(None, exc.bilingual)
            else:
                messages.success(
                    request,
                    _("The policy for year %(n)s was registered; SBA will verify it.")
                    % {"n": guarantee.year.year_no},
                )
                return redirect("agreements:guarantees", pk=agreement.pk)
        form.fields["year_no"].choices = (
            GuaranteeForm(agreement=agreement).fields["year_no"].choices
        )
        return render(
            request, "agreements/guarantees/page.html",
            page_context(request, agreement, form=form), status=422,
        )  # fmt: skip


def problem_text(problem) -> str:
    """The current language first, the other in brackets (as the application forms show)."""
    other = problem.message_ko if problem.message == problem.message_en else problem.message_en
    return f"{problem.message} ({other})"


class GuaranteeDecisionView(SignedInView):
    """Staff verify or reject one registered policy (confirmed in the page; decided once)."""

    action = "verify"

    def post(self, request, pk: int, gpk: int):
        agreement = agreement_for(request, pk, "agreements.decide_guarantee")
        guarantee = get_object_or_404(Guarantee, pk=gpk, agreement=agreement)
        try:
            if self.action == "verify":
                verify_guarantee(guarantee=guarantee, actor=request.user)
                messages.success(request, _("The policy was verified."))
            else:
                form = RejectForm(request.POST, prefix=f"g{guarantee.pk}")
                if not form.is_valid():
                    ctx = page_context(request, agreement, reject_forms={guarantee.pk: form})
                    return render(request, "agreements/guarantees/page.html", ctx, status=422)
                reject_guarantee(
                    guarantee=guarantee, actor=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request, _("The policy was rejected; the institution is told why.")
                )
        except GuaranteeRefused as exc:
            messages.error(request, f"{exc.message_ko} / {exc.message_en} "
                           + " ".join(problem_text(p) for p in exc.problems))  # fmt: skip
        except AlreadyDecided as exc:
            messages.error(request, exc.bilingual)
        return redirect("agreements:guarantees", pk=agreement.pk)


class GuaranteePdfView(SignedInView):
    def get(self, request, pk: int, gpk: int):
        agreement = agreement_for(request, pk, "agreements.view_guarantees")
        guarantee = get_object_or_404(Guarantee, pk=gpk, agreement=agreement)
        if not guarantee.pdf:
            raise Http404
        if request.user.has_perm("agreements.manage_agreements"):  # staff reads are audited
            record_audit(actor=request.user, action="guarantee.pdf_read", target=guarantee)
        response = FileResponse(guarantee.pdf.open("rb"), content_type="application/pdf")
        name = quote(guarantee.pdf_name or "policy.pdf")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class GuaranteeListView(SignedInView):
    """Staff: agreements awaiting a guarantee or with a policy to verify. Institution: its own."""

    def get(self, request):
        user = request.user
        qs = Agreement.objects.select_related("application", "lead_institution").annotate(
            pending=Count("guarantees", filter=Q(guarantees__status=GuaranteeStatus.SUBMITTED)),
        )  # fmt: skip
        if user.has_perm("agreements.manage_agreements"):
            qs = qs.filter(
                Q(status__in=[S.AWAITING_GUARANTEE, S.SUSPENDED]) | Q(pending__gt=0)
            ).order_by("-pending", "guarantee_due_on")
        elif getattr(user, "role", None) == Role.APPLICANT:
            qs = qs.filter(
                Q(application__applicant=user) | Q(lead_institution_id=user.institution_id or -1)
            ).order_by("guarantee_due_on")
            qs = [a for a in qs if is_agreement_party(user, a)]
        else:
            raise PermissionDenied
        today = seoul_today()
        rows = [{"agreement": a, "days_left": (a.guarantee_due_on - today).days} for a in qs[:500]]
        return render(request, "agreements/guarantees/list.html", {"rows": rows, "today": today})
