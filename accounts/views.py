"""Pages of the accounts app. Thin: forms + domain services."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.domain.institutions import register_institution
from accounts.domain.signup import (
    activate_account,
    register_applicant,
    resend_verification,
    user_for_link,
)
from accounts.enums import Role
from accounts.interfaces.account_forms import ResendVerificationForm, SignUpForm
from accounts.interfaces.forms import InstitutionForm
from config.forms import add_domain_errors


class InstitutionRegisterView(PermissionRequiredMixin, FormView):
    """An applicant registers their institution (or sees it once registered); staff may add any."""

    template_name = "accounts/institution_form.html"
    form_class = InstitutionForm
    permission_required = "accounts.register_institution"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["institution"] = user.institution if not user.is_sba_staff else None
        return ctx

    def form_valid(self, form):
        try:
            with transaction.atomic():
                institution = register_institution(
                    actor=self.request.user, sites=form.sites(), **form.institution_fields()
                )
        except ValidationError as exc:
            add_domain_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Institution %(name)s registered.") % {"name": institution.name}
        )
        return redirect("institution-register")


class SignUpView(FormView):
    """A PI creates an account; it stays inactive until the e-mailed link is followed."""

    template_name = "accounts/signup.html"
    form_class = SignUpForm
    role = Role.APPLICANT

    def get_context_data(self, **kwargs):
        return super().get_context_data(signup_role=str(self.role), **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                register_applicant(
                    username=data["username"],
                    name=data["name"],
                    email=data["email"],
                    password=data["password1"],
                    language=translation.get_language() or "ko",
                    site_root=self.request.build_absolute_uri("/"),
                    role=self.role,
                )
        except ValidationError as exc:
            add_domain_errors(form, exc)
            return self.form_invalid(form)
        except IntegrityError:  # the same username, inserted by a request at the same moment
            form.add_error("username", _("This username is already taken."))
            return self.form_invalid(form)
        return redirect("signup-sent")


class PartnerSignUpView(SignUpView):
    """A Tech Partners company (large or mid-sized) creates its account the same way; after the
    e-mailed link it registers the company, its size class and its purchase intent."""

    role = Role.PARTNER


class ResendVerificationView(FormView):
    """A new confirmation link for an account whose link expired or got lost. The answer is the
    same whether or not such an account exists."""

    template_name = "accounts/signup_resend.html"
    form_class = ResendVerificationForm

    def form_valid(self, form):
        with transaction.atomic():
            resend_verification(
                email=form.cleaned_data["email"],
                language=translation.get_language() or "ko",
                site_root=self.request.build_absolute_uri("/"),
            )
        return redirect("signup-sent")


class SignUpSentView(TemplateView):
    template_name = "accounts/signup_sent.html"


class SignUpVerifyView(TemplateView):
    """GET shows a button (mail scanners that prefetch links sign nobody in); POST activates."""

    template_name = "accounts/signup_verify.html"

    def get(self, request, uidb64, token):
        user = user_for_link(uidb64, token)
        return self.render_to_response({"valid": user is not None}, status=200 if user else 400)

    def post(self, request, uidb64, token):
        user = user_for_link(uidb64, token)
        if user is None:
            return self.render_to_response({"valid": False}, status=400)
        activate_account(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if user.role == Role.PARTNER:
            messages.success(
                request,
                _(
                    "Your e-mail address is confirmed. Next, register your company for Tech Partners."
                ),
            )
            return redirect("rules_2024:partner-register")
        messages.success(
            request,
            _("Your e-mail address is confirmed. Next, register your institution."),
        )
        return redirect("institution-register")
