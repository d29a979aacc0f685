"""Tech Partners pages (seed 001): the partner's needs and matches, the startup's matches, the
staff's registry. Thin views; the rules are in programs.domain.tech_partners."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from applications.views import PermissionView
from config.forms import add_domain_errors
from config.locking import AlreadyDecided
from config.params import id_param
from programs.domain.tech_partners import (
    add_need,
    decide_match,
    field_label,
    outcome_summary,
    propose_matches,
    record_outcome,
    register_partner,
    register_partner_company,
    side_of,
)
from programs.forms_rules_2024 import NeedForm, OutcomeForm, PartnerCompanyForm, PartnerForm
from programs.models import TechMatch, TechNeed, TechPartner

MATCHES = Prefetch(
    "matches",
    queryset=TechMatch.objects.select_related("startup", "agreement").prefetch_related("outcomes"),
)


def _label_language() -> str:
    from django.utils import translation

    return "en" if translation.get_language() == "en" else "ko"


class PartnerRegisterView(PermissionView):
    """/tech-partners/register/: a self-signed-up partner account registers its company, its size
    class (large or mid-sized only) and its purchase intent; then its needs on the partner home."""

    permission_required = "programs.register_tech_partner"

    def _render(self, request, form, status=200):
        return render(request, "programs/rules_2024/partner_register.html", {"form": form},
                      status=status)  # fmt: skip

    def get(self, request):
        return self._render(request, PartnerCompanyForm())

    def post(self, request):
        form = PartnerCompanyForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            register_partner_company(
                actor=request.user, size=form.cleaned_data["size"],
                purchase_intent=form.cleaned_data["purchase_intent"], sites=form.sites(),
                **form.institution_fields(),
            )  # fmt: skip
        except AlreadyDecided as exc:
            field = {"size": "size", "type": "type"}.get(getattr(exc, "code", ""), None)
            form.add_error(field, exc.message)
            return self._render(request, form, status=422)
        except ValidationError as exc:
            add_domain_errors(form, exc)
            return self._render(request, form, status=422)
        messages.success(
            request,
            _(
                "Your company is registered with Tech Partners. Next, register your technology needs."
            ),
        )
        return redirect("rules_2024:partner-home")


class PartnerHomeView(PermissionView):
    """/tech-partners/: a partner company's needs, their matches (accept/decline) and outcomes."""

    permission_required = "programs.use_tech_partners"

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm("programs.register_tech_partner"):  # company not registered yet
            return redirect("rules_2024:partner-register")
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form=None, status=200):
        partner = TechPartner.objects.select_related("institution").get(
            institution_id=request.user.institution_id
        )
        needs = list(
            TechNeed.objects.filter(partner=partner).select_related("partner__institution")
            .prefetch_related(MATCHES)[:200]
        )  # fmt: skip
        for need in needs:
            need.field_label = field_label(need.field, _label_language())
        return render(request, "programs/rules_2024/partner_home.html", {
            "partner": partner, "needs": needs, "form": form or NeedForm(), "outcome_form": OutcomeForm(),
        }, status=status)  # fmt: skip

    def get(self, request):
        return self._render(request)

    def post(self, request):
        form = NeedForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        partner = TechPartner.objects.get(institution_id=request.user.institution_id)
        try:
            add_need(partner=partner, actor=request.user, **form.cleaned_data)
        except AlreadyDecided as exc:
            form.add_error(None, exc.message)
            return self._render(request, form, status=422)
        messages.success(request, _("The technology need was registered."))
        return redirect("rules_2024:partner-home")


class MyMatchesView(PermissionView):
    """/tech-partners/matches/: a Seoul R&D funded startup's matches with partners' needs."""

    permission_required = "programs.view_own_tech_matches"

    def get(self, request):
        matches = list(
            TechMatch.objects.filter(startup_id=request.user.institution_id)
            .select_related("need__partner__institution", "agreement").prefetch_related("outcomes")
            .order_by("-created_at", "pk")[:200]
        )  # fmt: skip
        for m in matches:
            m.field_label = field_label(m.need.field, _label_language())
        return render(request, "programs/rules_2024/my_matches.html", {"matches": matches})


class MatchDecideView(PermissionView):
    """POST /tech-partners/matches/<pk>/decide/: accept or decline for the side the user acts for."""

    def post(self, request, pk: int):
        match = get_object_or_404(TechMatch.objects.select_related("need__partner"), pk=pk)
        if not request.user.has_perm("programs.decide_tech_match", match):
            raise PermissionDenied
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            messages.error(request, _("Choose accept or decline."))
            return redirect("rules_2024:partner-home" if side_of(request.user, match) == "partner" else (
                "rules_2024:my-matches"))  # fmt: skip
        accept = decision == "accept"
        decide_match(
            match=match, side=side_of(request.user, match), accept=accept, actor=request.user
        )
        messages.success(request, _("Your decision was recorded."))
        if side_of(request.user, match) == "partner":
            return redirect("rules_2024:partner-home")
        return redirect("rules_2024:my-matches")


class MatchOutcomeView(PermissionView):
    """POST /tech-partners/matches/<pk>/outcome/: record a purchase or PoC of an accepted match."""

    def post(self, request, pk: int):
        match = get_object_or_404(TechMatch.objects.select_related("need__partner"), pk=pk)
        if not request.user.has_perm("programs.record_tech_outcome", match):
            raise PermissionDenied
        form = OutcomeForm(request.POST)
        target = "rules_2024:staff-partners" if request.user.has_perm("programs.manage_tech_partners") else (
            "rules_2024:partner-home")  # fmt: skip
        if not form.is_valid():
            for field, errors in form.errors.items():
                messages.error(
                    request,
                    f"{form.fields[field].label if field in form.fields else ''}: {errors[0]}",
                )
            return redirect(target)
        record_outcome(match=match, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The outcome was recorded."))
        return redirect(target)


class StaffPartnersView(PermissionView):
    """/tech-partners/staff/: register partners, propose matches for needs, see the results."""

    permission_required = "programs.manage_tech_partners"

    def _render(self, request, form=None, status=200):
        partners = TechPartner.objects.select_related("institution").order_by("institution__name")[
            :300
        ]
        needs = list(
            TechNeed.objects.select_related("partner__institution").prefetch_related(MATCHES)[:200]
        )
        for need in needs:
            need.field_label = field_label(need.field, _label_language())
        return render(request, "programs/rules_2024/staff_partners.html", {
            "partners": partners, "needs": needs, "form": form or PartnerForm(),
            "summary": outcome_summary(), "outcome_form": OutcomeForm(),
        }, status=status)  # fmt: skip

    def get(self, request):
        return self._render(request)

    def post(self, request):
        if request.POST.get("action") == "propose":
            need_id = id_param(request.POST, "need")
            need = get_object_or_404(TechNeed, pk=need_id)
            made = propose_matches(need=need, actor=request.user)
            messages.success(request, _("%(n)d new match(es) proposed.") % {"n": len(made)})
            return redirect("rules_2024:staff-partners")
        form = PartnerForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        try:
            register_partner(actor=request.user, **form.cleaned_data)
        except AlreadyDecided as exc:
            form.add_error(None, exc.message)
            return self._render(request, form, status=422)
        messages.success(request, _("The partner company was registered."))
        return redirect("rules_2024:staff-partners")
