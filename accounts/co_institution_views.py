"""Pages: find a co-institution, invite one that is not registered, register through the
invitation, and the staff list of institutions awaiting confirmation. Thin: forms + domain."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.domain.co_institutions import (
    accept_invitation,
    invitation_for_token,
    invite_institution,
    pending_institutions,
    search_allowed,
    search_institutions,
    set_institution_status,
)
from accounts.enums import InstitutionStatus
from accounts.interfaces.co_institution_forms import (
    InstitutionSearchForm,
    InvitationForm,
    InvitedInstitutionForm,
)
from accounts.models import Institution
from config.forms import add_domain_errors


def _back(request) -> int | None:
    """The plan form the applicant came from (?application=<id>), for the way back."""
    value = request.GET.get("application") or request.POST.get("application") or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


class InstitutionSearchView(PermissionRequiredMixin, View):
    permission_required = "accounts.search_institutions"
    template_name = "accounts/institution_search.html"

    def get(self, request):
        form = InstitutionSearchForm(request.GET or None)
        results, status = None, 200
        if form.is_bound and form.is_valid():
            if not search_allowed(request.user):
                form.add_error(None, _("Too many searches. Wait a minute and try again."))
                status = 429
            else:
                results = search_institutions(form.cleaned_data["q"])
        return self.page(form, results, self.invite_form(form, results), status)

    def invite_form(self, form, results):
        if results != [] or not request_may_invite(self.request):
            return None
        q = form.cleaned_data["q"]
        digits = q.replace("-", "").replace(" ", "")
        initial = {"business_no": q} if digits.isdigit() else {"name": q}
        return InvitationForm(initial=initial)

    def page(self, form, results, invite, status=200):
        return render(self.request, self.template_name, {
            "form": form, "results": results, "invite": invite, "application": _back(self.request),
            "pending": InstitutionStatus.PENDING,
        }, status=status)  # fmt: skip


def request_may_invite(request) -> bool:
    return request.user.has_perm("accounts.invite_institution")


class InviteView(PermissionRequiredMixin, View):
    permission_required = "accounts.invite_institution"

    def post(self, request):
        invite = InvitationForm(request.POST)
        if invite.is_valid():
            try:
                invite_institution(
                    actor=request.user, **invite.cleaned_data,
                    language=translation.get_language() or "ko",
                    site_root=request.build_absolute_uri("/"),
                )  # fmt: skip
            except ValidationError as exc:
                add_domain_errors(invite, exc)
            else:
                messages.success(request, _("The invitation was sent to %(email)s.")
                                 % {"email": invite.cleaned_data["email"]})  # fmt: skip
                back = _back(request)
                query = f"?application={back}" if back else ""
                return redirect(reverse("institution-search") + query)
        search = InstitutionSearchView()
        search.setup(request)
        return search.page(InstitutionSearchForm(), None, invite, status=400)


class InvitationView(View):
    """The invitee's link: sign in (or sign up) as an applicant, then register the institution."""

    template_name = "accounts/invitation.html"

    def dispatch(self, request, token):
        self.invitation = invitation_for_token(token)
        if self.invitation is None:
            return render(request, self.template_name, {"invalid": True}, status=400)
        user = request.user
        if not user.is_authenticated:
            return render(request, self.template_name, {"invitation": self.invitation})
        if not user.has_perm("accounts.accept_invitation"):
            raise PermissionDenied
        if user.institution_id:
            return render(request, self.template_name,
                          {"invitation": self.invitation, "member": True}, status=409)  # fmt: skip
        return super().dispatch(request, token)

    def get(self, request, token):
        form = InvitedInstitutionForm(invitation=self.invitation)
        return render(request, self.template_name, {"invitation": self.invitation, "form": form})

    def post(self, request, token):
        form = InvitedInstitutionForm(request.POST, invitation=self.invitation)
        if form.is_valid():
            try:
                institution = accept_invitation(
                    invitation=self.invitation, actor=request.user,
                    sites=form.sites(), **form.institution_fields(),
                )  # fmt: skip
            except ValidationError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Institution %(name)s registered. SBA staff will "
                                            "confirm it.") % {"name": institution.name})  # fmt: skip
                return redirect("institution-register")
        return render(request, self.template_name,
                      {"invitation": self.invitation, "form": form}, status=400)  # fmt: skip


class PendingInstitutionsView(PermissionRequiredMixin, View):
    permission_required = "accounts.confirm_institution"

    def get(self, request):
        return render(request, "accounts/institutions_pending.html",
                      {"institutions": pending_institutions()})  # fmt: skip


class DecideInstitutionView(PermissionRequiredMixin, View):
    permission_required = "accounts.confirm_institution"

    def post(self, request, pk: int):
        institution = get_object_or_404(Institution, pk=pk)
        decision = request.POST.get("decision")
        target = {"confirm": InstitutionStatus.CONFIRMED, "reject": InstitutionStatus.REJECTED}
        if decision not in target:
            messages.error(request, _("Choose confirm or reject."))
            return redirect("institutions-pending")
        try:
            set_institution_status(institution=institution, status=target[decision],
                                   actor=request.user, reason=request.POST.get("reason", ""))  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s: %(status)s.") % {
                "name": institution.name, "status": institution.get_status_display()})  # fmt: skip
        return redirect("institutions-pending")
