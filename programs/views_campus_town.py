"""Policy designation pages (정책지정, R03): the designating official designates; staff, the intake
agency and officials read. Logic in programs.domain.designation."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.enums import InstitutionType
from accounts.models import Institution
from config.params import id_param
from programs.domain.designation import designable_programs, designate, set_designation_status
from programs.models import DesignationStatus, PolicyDesignation, Program


def _refusal(exc: ValidationError) -> str:
    ko, en = getattr(exc, "message_ko", ""), getattr(exc, "message_en", "")
    return (en if translation.get_language() == "en" else ko) or "; ".join(exc.messages)


class DesignationForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Programme"), queryset=Program.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    lead_institution = forms.ModelChoiceField(
        label=_("Designated lead institution"), queryset=Institution.objects.none()
    )
    project_title = forms.CharField(label=_("Designated project"), max_length=300)
    decided_on = forms.DateField(
        label=_("Decision date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_no = forms.CharField(
        label=_("Decision document number"), max_length=100, required=False
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)
    reason = forms.CharField(label=_("Reason for the designation"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=3000)  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programs = designable_programs()
        self.fields["program"].queryset = Program.objects.filter(pk__in=[p.pk for p in programs])
        self.fields["program"].label_from_instance = lambda p: p.name
        self.fields["lead_institution"].queryset = Institution.objects.filter(
            type__in=[InstitutionType.INSTITUTE, InstitutionType.OTHER]
        ).order_by("name")
        if programs and not self.is_bound:
            spec = programs[0].flow["designation"]
            self.initial.update({"program": programs[0].pk, "legal_basis": spec["legal_basis"],
                                 "year": timezone.localdate().year,
                                 "decided_on": timezone.localdate()})  # fmt: skip


class DesignationView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("programs.view_designations"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _page(self, request, form=None, status=200):
        may = request.user.has_perm("programs.designate")
        return render(request, "campus_town/designations.html", {
            "designations": PolicyDesignation.objects.select_related(
                "program", "lead_institution", "designated_by")[:100],
            "form": (form or DesignationForm()) if may else None, "may_designate": may,
        }, status=status)  # fmt: skip

    def get(self, request):
        return self._page(request)

    def post(self, request):
        if not request.user.has_perm("programs.designate"):
            raise PermissionDenied
        if request.POST.get("op") == "revoke":
            try:
                set_designation_status(
                    designation_id=id_param(request.POST, "designation", default=0),
                    status=DesignationStatus.REVOKED, actor=request.user,
                    reason=request.POST.get("reason", "")[:2000],
                )  # fmt: skip
            except (ValidationError, PolicyDesignation.DoesNotExist, ValueError) as exc:
                messages.error(request, _refusal(exc) if isinstance(exc, ValidationError)
                               else _("No such designation."))  # fmt: skip
            else:
                messages.success(request, _("The designation is revoked."))
            return redirect("campus_town:designations")
        form = DesignationForm(request.POST)
        if form.is_valid():
            try:
                designate(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, _refusal(exc))
            else:
                messages.success(request, _("The designation is recorded."))
                return redirect("campus_town:designations")
        return self._page(request, form=form, status=400)
