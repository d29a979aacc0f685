"""Pages of the accounts app. Thin: forms + domain services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from accounts.domain.institutions import register_institution
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
