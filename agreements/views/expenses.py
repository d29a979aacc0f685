"""Pages of expenses (선집행 후청구): the institution records expenses with evidence and imports
statements, sees plan vs executed per category; staff accept or disallow each expense."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from accounts.enums import Role
from agreements.domain.change_rules import change_rules, positions, rule_source
from agreements.domain.expenses import (
    ExpenseRefused,
    accept_expense,
    complete_draft,
    disallow_expense,
    discard_draft,
    import_statement,
    record_expense,
)
from agreements.enums import AgreementStatus
from agreements.interfaces.expense_forms import DraftForm, ExpenseForm, ReasonForm, StatementForm
from agreements.models import Agreement, AgreementBudgetLine
from agreements.models.changes import ChangePartStatus
from agreements.models.expenses import Expense, ExpenseStatus
from applications.enums import BudgetCategory
from config.locking import AlreadyDecided

AGREEMENTS = Agreement.objects.select_related(
    "application__applicant", "program", "lead_institution"
)


def agreement_for(request, pk: int, perm: str) -> Agreement:
    """Another institution's agreement is 404 for applicants (not revealed); other roles 403."""
    agreement = get_object_or_404(AGREEMENTS, pk=pk)
    if not request.user.has_perm(perm, agreement):
        if getattr(request.user, "role", None) == Role.APPLICANT and not request.user.has_perm(
            "agreements.view_agreement", agreement
        ):
            raise Http404  # another institution's agreement is not revealed
        raise PermissionDenied
    return agreement


def problem_text(problem) -> str:
    other = problem.message_ko if problem.message == problem.message_en else problem.message_en
    return f"{problem.message} ({other})"


def put_problems(form, exc: ExpenseRefused, fields: dict | None = None) -> None:
    """Each problem next to its field (`fields` maps domain fields to form fields)."""
    for problem in exc.problems:
        name = (fields or {}).get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem_text(problem))


def plan_rows(agreement: Agreement) -> list[dict]:
    """Per year × institution × category: plan (city grant + cash), executed, remaining."""
    rows = []
    pairs = (AgreementBudgetLine.objects.filter(year__agreement=agreement)
             .values_list("year__year_no", "institution_id", "institution__name").distinct()
             .order_by("year__year_no", "institution_id"))  # fmt: skip
    for year_no, inst_id, inst_name in pairs:
        for category, pos in sorted(positions(agreement=agreement, year_no=year_no,
                                              institution_id=inst_id).items()):  # fmt: skip
            rows.append({"year_no": year_no, "institution": inst_name,
                         "category": BudgetCategory(category).label if category else "–",
                         "plan": pos.plan_krw, "used": pos.used_krw,
                         "remaining": pos.remaining_krw, "over": pos.remaining_krw < 0})  # fmt: skip
    return rows


def page_context(request, agreement: Agreement, *, form=None, statement_form=None) -> dict:
    user = request.user
    can_record = (user.has_perm("agreements.record_expense", agreement)
                  and agreement.status == AgreementStatus.ACTIVE)  # fmt: skip
    can_decide = user.has_perm("agreements.decide_expense", agreement)
    expenses = list(agreement.expenses.exclude(status=ExpenseStatus.DRAFT)
                    .select_related("institution", "decided_by"))  # fmt: skip
    drafts = list(agreement.expenses.filter(status=ExpenseStatus.DRAFT).select_related("statement"))
    for d in drafts:
        d.form = DraftForm(prefix=f"d{d.pk}")
    for e in expenses:
        e.reason_form = ReasonForm(prefix=f"e{e.pk}")
    rules = change_rules(agreement)
    return {
        "agreement": agreement, "plan_rows": plan_rows(agreement), "expenses": expenses,
        "drafts": drafts if can_record else [], "imports": agreement.statement_imports.all()[:5],
        "form": (form or ExpenseForm(agreement=agreement)) if can_record else None,
        "statement_form": (statement_form or StatementForm()) if can_record else None,
        "can_decide": can_decide, "can_record": can_record,
        "allowance_pct": rules["reallocation_notification_max_pct"],
        "allowance_source": rule_source(agreement, "reallocation_notification_max_pct"),
    }  # fmt: skip


class SignedInView(LoginRequiredMixin, View):
    pass


class ExpenseListView(SignedInView):
    """Agreements whose expenses and changes the user may see: staff see what awaits review."""

    def get(self, request):
        user = request.user
        if user.has_perm("agreements.manage_agreements"):
            qs = Agreement.objects.all()
        elif getattr(user, "role", None) == Role.APPLICANT:
            qs = Agreement.objects.filter(
                Q(application__applicant=user) | Q(lead_institution_id=user.institution_id or -1)
            )
        else:
            raise PermissionDenied
        qs = qs.select_related("application", "program").annotate(
            to_review=Count("expenses", filter=Q(expenses__status=ExpenseStatus.RECORDED),
                            distinct=True),
            drafts=Count("expenses", filter=Q(expenses__status=ExpenseStatus.DRAFT), distinct=True),
            pending_parts=Count("change_requests__parts", distinct=True,
                                filter=Q(change_requests__parts__status=ChangePartStatus.PENDING)),
        ).order_by("-to_review", "-pending_parts", "-created_at")  # fmt: skip
        return render(request, "agreements/expenses/list.html", {"agreements": qs[:200]})


class ExpensePageView(SignedInView):
    def get(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.view_agreement")
        return render(request, "agreements/expenses/page.html", page_context(request, agreement))

    def post(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.record_expense")
        form = ExpenseForm(request.POST, request.FILES, agreement=agreement)
        if form.is_valid():
            d = form.cleaned_data
            try:
                expense, warnings = record_expense(
                    agreement=agreement, actor=request.user, year_no=d["year_no"],
                    category=d["category"], amount_krw=d["amount_krw"], spent_on=d["spent_on"],
                    payee=d["payee"], description=d["description"], evidence=d["evidence"],
                )  # fmt: skip
            except ExpenseRefused as exc:
                put_problems(form, exc)
            else:
                messages.success(request, _("The expense of %(amount)s KRW was recorded.")
                                 % {"amount": f"{expense.amount_krw:,}"})  # fmt: skip
                for w in warnings:
                    messages.warning(request, problem_text(w))
                return redirect("agreements:expenses", pk=agreement.pk)
        ctx = page_context(request, agreement, form=form)
        return render(request, "agreements/expenses/page.html", ctx, status=422)


class StatementImportView(SignedInView):
    def post(self, request, pk: int):
        agreement = agreement_for(request, pk, "agreements.record_expense")
        form = StatementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stmt = import_statement(agreement=agreement, file=form.cleaned_data["file"],
                                        actor=request.user)  # fmt: skip
            except ExpenseRefused as exc:
                put_problems(form, exc)
            else:
                messages.success(request, _("%(ok)s lines imported as drafts; %(bad)s lines could "
                                            "not be read (listed below with their row numbers).")
                                 % {"ok": stmt.rows_imported, "bad": len(stmt.bad_rows)})  # fmt: skip
                return redirect(reverse("agreements:expenses", args=[pk]) + "#imports")
        ctx = page_context(request, agreement, statement_form=form)
        return render(request, "agreements/expenses/page.html", ctx, status=422)


class DraftView(SignedInView):
    """The institution gives an imported line its category (→ recorded) or discards it."""

    action = "category"

    def post(self, request, pk: int, epk: int):
        agreement = agreement_for(request, pk, "agreements.record_expense")
        expense = get_object_or_404(Expense, pk=epk, agreement=agreement)
        try:
            if self.action == "category":
                form = DraftForm(request.POST, prefix=f"d{epk}")
                category = form.data.get(f"d{epk}-category", "")
                _e, warnings = complete_draft(
                    expense=expense, actor=request.user, category=category
                )
                messages.success(request, _("The line was recorded as an expense."))
                for w in warnings:
                    messages.warning(request, problem_text(w))
            else:
                reason = request.POST.get(f"d{epk}-reason", "") or _("Not a project expense")
                discard_draft(expense=expense, actor=request.user, reason=reason)
                messages.success(request, _("The line was discarded."))
        except ExpenseRefused as exc:
            for p in exc.problems:
                messages.error(request, problem_text(p))
        except AlreadyDecided as exc:
            messages.error(request, exc.bilingual)
        return redirect(reverse("agreements:expenses", args=[pk]) + f"#draft-{epk}")


class ExpenseDecisionView(SignedInView):
    """Staff accept or disallow one recorded expense (confirmed in the page; decided once)."""

    action = "accept"

    def post(self, request, pk: int, epk: int):
        agreement = agreement_for(request, pk, "agreements.decide_expense")
        expense = get_object_or_404(Expense, pk=epk, agreement=agreement)
        reason = ReasonForm(request.POST, prefix=f"e{epk}").data.get(f"e{epk}-reason", "")
        try:
            if self.action == "accept":
                accept_expense(expense=expense, actor=request.user, reason=reason)
                messages.success(request, _("The expense was accepted."))
            else:
                disallow_expense(expense=expense, actor=request.user, reason=reason)
                messages.success(request, _("The expense was disallowed; the amount was posted "
                                            "to the ledger as disallowed."))  # fmt: skip
        except ExpenseRefused as exc:
            for p in exc.problems:
                messages.error(request, problem_text(p))
        except AlreadyDecided as exc:
            messages.error(request, exc.bilingual)
        return redirect(reverse("agreements:expenses", args=[pk]) + f"#expense-{epk}")


class EvidenceView(SignedInView):
    """The evidence PDF, only to those who may see the agreement."""

    def get(self, request, pk: int, epk: int):
        agreement = agreement_for(request, pk, "agreements.view_agreement")
        expense = get_object_or_404(Expense, pk=epk, agreement=agreement)
        if not expense.evidence:
            raise Http404
        name = quote(expense.evidence_name or "evidence.pdf")
        response = FileResponse(expense.evidence.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        response["X-Content-Type-Options"] = "nosniff"
        return response
