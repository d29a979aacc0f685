"""/applications/<pk>/claims/: the applicant states facts with evidence for the programme's rules."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from applications.domain.claims import save_claim
from applications.domain.errors import ApplicationRefused
from applications.models import Application
from applications.models.claims import ClaimKind
from applications.views import PermissionView


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label=_l("Kind"), choices=ClaimKind.choices)
    amount_krw = forms.IntegerField(
        label=_l("Amount (KRW)"), min_value=0, max_value=10**15, initial=0
    )
    counterpart = forms.CharField(label=_l("Counterpart"), max_length=200, required=False,
                                  help_text=_l("Investor, demand site or institute that transferred the technology."))  # fmt: skip
    dated_on = forms.DateField(
        label=_l("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.FileField(label=_l("Evidence (PDF)"), required=False)


class ClaimsView(PermissionView):
    def _app(self, request, pk, *, perm: str = "applications.change_application"):
        app = get_object_or_404(Application.objects.select_related("program", "call"), pk=pk)
        if not request.user.has_perm(perm, app):
            raise PermissionDenied
        return app

    def _render(self, request, app, form=None, status=200):
        return render(request, "applications/claims.html", {
            "application": app, "claims": app.claims.select_related("evidence").order_by("kind"),
            "form": form or ClaimForm(),
            "can_change": request.user.has_perm("applications.change_application", app),
        }, status=status)  # fmt: skip

    def get(self, request, pk: int):
        # Reading follows the one ownership rule (the named PI reads); stating a fact is the owner's.
        return self._render(request, self._app(request, pk, perm="applications.view_application"))

    def post(self, request, pk: int):
        app = self._app(request, pk)
        form = ClaimForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, app, form, status=400)
        try:
            save_claim(application=app, actor=request.user, **form.cleaned_data)
        except ApplicationRefused as exc:
            form.add_error(
                "evidence", exc.message_en if translation.get_language() == "en" else exc.message_ko
            )
            return self._render(request, app, form, status=422)
        messages.success(request, _("Saved. SBA checks the evidence before the rules count it."))
        return redirect("rules_2024:claims", pk=app.pk)


CLAIM_RULES = {"institutional_investment"}  # screening rules that read claims


def reads_claims(program) -> bool:
    """Whether the programme's data has a rule that reads claimed facts (no code branching)."""
    return any(r.get("kind") == "claim" for r in program.bonus_rules or []) or any(
        r.get("code") in CLAIM_RULES for r in program.eligibility or []
    )


class ClaimsIndexView(PermissionView):
    """/applications/claims/: the applicant's drafts whose programme reads facts with evidence."""

    permission_required = "applications.list_own_applications"

    def get(self, request):
        drafts = [
            a for a in Application.objects.filter(applicant=request.user, status="draft")
            .select_related("program").order_by("-pk")[:100]
            if reads_claims(a.program)
        ]  # fmt: skip
        return render(request, "applications/claims_index.html", {"drafts": drafts})
