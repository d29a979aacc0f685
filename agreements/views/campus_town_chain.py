"""Chained agreements page (R03): SBA ↔ 서울기술연구원 (parent) → 서울기술연구원 ↔ university (children).
Logic in agreements.domain.chain; permissions in agreements.rules."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from accounts.enums import InstitutionType
from accounts.models import Institution
from agreements.domain.chain import (
    chain_principal_of,
    committed_krw,
    create_chained_agreement,
    set_chained_status,
)
from agreements.models import Agreement, ChainedAgreement, ChainStatus
from config.params import MAX_KRW, id_param


def _refusal(exc: ValidationError) -> str:
    ko, en = getattr(exc, "message_ko", ""), getattr(exc, "message_en", "")
    return (en if translation.get_language() == "en" else ko) or "; ".join(exc.messages)


def chain_agreements():
    """Agreements of programmes whose flow chains them (flow key "agreement_chain")."""
    return Agreement.objects.filter(program__flow__has_key="agreement_chain")


class ChainBase(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("agreements.view_agreement_chain"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChainListView(ChainBase):
    def get(self, request):
        rows = (
            chain_agreements().select_related("program", "lead_institution", "application")
            .prefetch_related("chained_agreements__counterparty").order_by("-created_at")[:200]
        )  # fmt: skip
        return render(request, "campus_town/chain_list.html", {"agreements": rows})


class ChainView(ChainBase):
    def _page(self, request, agreement, *, errors=None, posted=None, status=200):
        match = getattr(agreement.application, "expert_match", None)
        university = getattr(getattr(match, "expert", None), "expert_profile", None)
        used = committed_krw(agreement)
        return render(request, "campus_town/chain.html", {
            "agreement": agreement, "principal": chain_principal_of(agreement), "match": match,
            "children": agreement.chained_agreements.select_related("counterparty", "expert"),
            "committed": used, "remaining": agreement.city_grant_krw - used,
            "universities": Institution.objects.filter(type=InstitutionType.UNIVERSITY).order_by("name"),
            "default_university": university.university_id if university else None,
            "may_change": request.user.has_perm("agreements.change_agreement_chain"),
            "errors": errors or {}, "posted": posted or {},
        }, status=status)  # fmt: skip

    def _agreement(self, pk):
        return get_object_or_404(
            chain_agreements().select_related("program", "lead_institution", "application"), pk=pk
        )

    def get(self, request, pk: int):
        return self._page(request, self._agreement(pk))

    def post(self, request, pk: int):
        agreement = self._agreement(pk)
        if not request.user.has_perm("agreements.change_agreement_chain"):
            raise PermissionDenied
        op = request.POST.get("op", "add")
        if op in ("conclude", "cancel"):
            child_id = id_param(request.POST, "child", default=0)
            child = get_object_or_404(ChainedAgreement, pk=child_id, parent=agreement)
            target = ChainStatus.CONCLUDED if op == "conclude" else ChainStatus.CANCELLED
            try:
                set_chained_status(chained_id=child.pk, status=target, actor=request.user)
            except ValidationError as exc:
                messages.error(request, _refusal(exc))
            else:
                messages.success(request, _("Saved."))
            return redirect("campus_town:chain", pk=agreement.pk)
        errors, posted = {}, {k: request.POST.get(k, "") for k in ("counterparty", "amount")}
        university = Institution.objects.filter(
            pk=_int(posted["counterparty"]) or 0, type=InstitutionType.UNIVERSITY
        ).first()
        amount = _int(posted["amount"].replace(",", ""))
        if university is None:
            errors["counterparty"] = _("Choose the university.")
        if amount is None or not 0 < amount <= MAX_KRW:
            errors["amount"] = _("Enter the amount in whole won.")
        if not errors:
            match = getattr(agreement.application, "expert_match", None)
            try:
                create_chained_agreement(
                    parent=agreement, counterparty=university, amount_krw=amount,
                    actor=request.user, expert=match.expert if match else None,
                )  # fmt: skip
            except ValidationError as exc:
                errors["amount"] = _refusal(exc)
            else:
                messages.success(request, _("The chained agreement is recorded."))
                return redirect("campus_town:chain", pk=agreement.pk)
        return self._page(request, agreement, errors=errors, posted=posted, status=400)


def _int(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 16 else None
