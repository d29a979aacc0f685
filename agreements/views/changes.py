"""Pages of plan changes (과제 변경): the institution files a request of parts; staff decide each
approval-type part; the request page shows the version diff it made."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.domain.change_parts import describe
from agreements.domain.change_rules import change_rules, rule_source
from agreements.domain.changes import decide_change_part, submit_change_request
from agreements.domain.expenses import ExpenseRefused
from agreements.enums import AgreementStatus
from agreements.interfaces.expense_forms import ChangeRequestForm, PartDecisionForm
from agreements.models.changes import (
    ChangeKind,
    ChangePart,
    ChangePartStatus,
    ChangeRequest,
    ChangeType,
)
from agreements.views.expenses import SignedInView, agreement_for, problem_text
from config.locking import AlreadyDecided


def version_diff(request_obj: ChangeRequest) -> list[dict]:
    """The readable diff from version n to n+1 made by this request (helper A's diff_versions)."""
    if not request_obj.version_to or not request_obj.version_from:
        return []
    from agreements.domain.versions import diff_versions

    versions = {v.version_no: v for v in request_obj.agreement.versions.filter(
        version_no__in=[request_obj.version_from, request_obj.version_to])}  # fmt: skip
    if len(versions) < 2:
        return []
    return diff_versions(
        old=versions[request_obj.version_from], new=versions[request_obj.version_to]
    )


def _type_label(value: str) -> str:
    return str(ChangeType(value).label) if value in ChangeType.values else value


def rules_summary(agreement) -> list[dict]:
    rules = change_rules(agreement)
    src = {k: rule_source(agreement, k) for k in rules}
    return [
        {"text": _("Reallocation of at most %(pct)s %% of the source category's plan: notification; "
                   "more: approval.") % {"pct": rules["reallocation_notification_max_pct"]},
         "source": src["reallocation_notification_max_pct"]},
        {"text": _("Extension of at most %(n)s months: notification; up to %(max)s months: "
                   "approval; longer: refused.") % {"n": rules["extension_notification_max_months"],
                                                     "max": rules["extension_max_months"]},
         "source": src["extension_notification_max_months"]},
        {"text": _("Principal investigator change: %(pi)s; other researchers: %(r)s.")
         % {"pi": _type_label(rules["researcher_change"].get("pi", "approval")),
            "r": _type_label(rules["researcher_change"].get("researcher", "approval"))},
         "source": src["researcher_change"]},
        {"text": _("Co-institution change: %(t)s.") % {"t": _type_label(rules["co_institution_change"])},
         "source": src["co_institution_change"]},
    ]  # fmt: skip


def page_context(request, agreement, *, form=None) -> dict:
    can_request = (request.user.has_perm("agreements.request_change", agreement)
                   and agreement.status == AgreementStatus.ACTIVE)  # fmt: skip
    requests = list(agreement.change_requests.prefetch_related("parts"))
    for r in requests:
        for p in r.parts.all():
            p.text_ko, p.text_en = describe(p.kind, p.effective_payload)
    return {"agreement": agreement, "requests": requests, "rules": rules_summary(agreement),
            "form": (form or ChangeRequestForm(agreement=agreement)) if can_request else None}  # fmt: skip


class ChangeListView(SignedInView):
    def get(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.view_agreement")
        return render(request, "agreements/changes/page.html", page_context(request, agreement))

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.request_change")
        form = ChangeRequestForm(request.POST, agreement=agreement)
        # A missing reason is shown with the parts' own problems, not instead of them.
        if form.is_valid() or set(form.errors) == {"reason"}:
            parts, fields = form.parts()
            try:
                created = submit_change_request(
                    agreement=agreement, actor=request.user,
                    reason=form.cleaned_data.get("reason", ""), parts=parts,
                )  # fmt: skip
            except ExpenseRefused as exc:
                for p in exc.problems:
                    bits = p.field.split(".")
                    name = (fields.get(int(bits[1]), {}).get(bits[2])
                            if len(bits) == 3 and bits[0] == "parts" else p.field)  # fmt: skip
                    if p.code == "parts_required":
                        name = None
                    if name in form.errors:
                        continue  # the form already says why
                    form.add_error(name if name in form.fields else None, problem_text(p))
            else:
                messages.success(
                    request, _("Change request %(no)s was filed.") % {"no": created.pk}
                )
                return redirect("agreements:change-detail", pk=agreement.pk, cpk=created.pk)
        return render(request, "agreements/changes/page.html",
                      page_context(request, agreement, form=form), status=422)  # fmt: skip


def detail_context(request, agreement, change: ChangeRequest, forms: dict | None = None) -> dict:
    can_decide = request.user.has_perm("agreements.decide_change", agreement)
    parts = list(change.parts.select_related("decided_by"))
    for p in parts:
        p.text_ko, p.text_en = describe(p.kind, p.effective_payload)
        if can_decide and p.status == ChangePartStatus.PENDING:
            p.form = (forms or {}).get(p.pk) or PartDecisionForm(prefix=f"p{p.pk}")
    return {"agreement": agreement, "change": change, "parts": parts,
            "diff": version_diff(change), "can_decide": can_decide}  # fmt: skip


class ChangeDetailView(SignedInView):
    def get(self, request, pk: int, cpk: int):
        agreement = agreement_for(request, pk, "agreements.view_agreement")
        change = get_object_or_404(ChangeRequest, pk=cpk, agreement=agreement)
        return render(request, "agreements/changes/detail.html",
                      detail_context(request, agreement, change))  # fmt: skip


class PartDecisionView(SignedInView):
    """Staff decide one approval-type part (confirmed in the page; decided once)."""

    def post(self, request, pk: int, cpk: int, ppk: int):
        agreement = agreement_for(request, pk, "agreements.decide_change")
        change = get_object_or_404(ChangeRequest, pk=cpk, agreement=agreement)
        part = get_object_or_404(ChangePart, pk=ppk, request=change)
        form = PartDecisionForm(request.POST, prefix=f"p{ppk}")
        if form.is_valid():
            d = form.cleaned_data
            payload = None
            if d["decision"] == "accepted_with_changes":
                payload = dict(part.payload)
                if part.kind == ChangeKind.PERIOD_EXTENSION and d.get("new_ends_on"):
                    payload["new_ends_on"] = d["new_ends_on"].isoformat()
                if part.kind == ChangeKind.BUDGET_REALLOCATION and d.get("amount_krw"):
                    payload["amount_krw"] = d["amount_krw"]
            try:
                decide_change_part(part=part, actor=request.user, decision=d["decision"],
                                   reason=d["reason"], payload=payload)  # fmt: skip
            except ExpenseRefused as exc:
                for p in exc.problems:
                    name = p.field.split(".")[-1]
                    form.add_error(name if name in form.fields else None, problem_text(p))
            except AlreadyDecided as exc:
                messages.error(request, exc.bilingual)
                return redirect("agreements:change-detail", pk=pk, cpk=cpk)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect(
                    reverse("agreements:change-detail", args=[pk, cpk]) + f"#part-{ppk}"
                )
        return render(request, "agreements/changes/detail.html",
                      detail_context(request, agreement, change, {part.pk: form}), status=422)  # fmt: skip
