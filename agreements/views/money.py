"""Money pages: an agreement's instalments (gates) and ledger; staff payment batches; the money
summary by programme-year. Thin: the logic is in agreements.domain.payments / money_summary."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit
from accounts.enums import Role
from agreements.domain.gates import evaluate_gates, gate_label
from agreements.domain.money_summary import (
    city_totals,
    fiscal_years,
    ledger_rows,
    programme_year_totals,
    project_money,
)
from agreements.domain.payments import (
    PaymentRefused,
    approve_batch,
    cancel_batch,
    ensure_instalments,
    mark_batch_paid,
    prepare_batch,
    refresh_all_instalments,
    refresh_instalments,
    seoul_today,
)
from agreements.interfaces.money_export import ledger_response, summary_response
from agreements.models import (
    Agreement,
    BatchStatus,
    Instalment,
    InstalmentStatus,
    PaymentBatch,
)
from applications.views import PermissionView
from config.locking import AlreadyDecided
from config.params import (
    MAX_ID,
    ParamError,
    date_param,
    id_param,
    int_param,
    parse_int,
    text_param,
)

VIEW_MONEY = "agreements.view_agreement_money"
MANAGE = "agreements.manage_agreements"


def agreement_for_money(request, pk: int) -> Agreement:
    """Another institution's agreement is 404 for an applicant (not revealed); other roles 403."""
    agreement = get_object_or_404(
        Agreement.objects.select_related("program", "lead_institution", "application"), pk=pk
    )
    if not request.user.has_perm(VIEW_MONEY, agreement):
        if request.user.role == Role.APPLICANT:
            raise Http404
        raise PermissionDenied
    return agreement


def gate_rows(instalments, today: datetime.date) -> list[dict]:
    rows = []
    for inst in instalments:
        gates = []
        if inst.status in (InstalmentStatus.PLANNED, InstalmentStatus.PAYABLE):
            gates = [{"label": gate_label(r.code), "ok": r.ok, "message": r.message}
                     for r in evaluate_gates(instalment=inst, today=today)]  # fmt: skip
        rows.append({"instalment": inst, "gates": gates,
                     "blocked": any(not g["ok"] for g in gates)})  # fmt: skip
    return rows


class InstalmentsView(PermissionView):
    def get(self, request, pk: int):
        agreement = agreement_for_money(request, pk)
        ensure_instalments(agreement=agreement)
        qs = (
            Instalment.objects.filter(agreement=agreement)
            .select_related("year", "batch", "agreement__program", "agreement__lead_institution")
            .order_by("year_no")
        )  # fmt: skip
        ctx = {
            "agreement": agreement, "rows": gate_rows(qs, seoul_today()), "today": seoul_today(),
            "can_manage": request.user.has_perm(MANAGE),
        }  # fmt: skip
        return render(request, "agreements/money/instalments.html", ctx)

    def post(self, request, pk: int):
        agreement = agreement_for_money(request, pk)
        if not request.user.has_perm(MANAGE):
            raise PermissionDenied
        refresh_instalments(agreement=agreement, actor=request.user)
        messages.success(request, _("The gates were checked again."))
        return redirect("agreements:money-instalments", pk=agreement.pk)


class LedgerView(PermissionView):
    def get(self, request, pk: int):
        agreement = agreement_for_money(request, pk)
        ctx = {
            "agreement": agreement, "entries": list(ledger_rows(agreement_id=agreement.pk)),
            "money": project_money(agreement_id=agreement.pk),
        }  # fmt: skip
        return render(request, "agreements/money/ledger.html", ctx)


class LedgerExportView(PermissionView):
    def get(self, request, pk: int):
        agreement = agreement_for_money(request, pk)
        return ledger_response(
            agreement=agreement, rows=ledger_rows(agreement_id=agreement.pk),
            money=project_money(agreement_id=agreement.pk),
        )  # fmt: skip


def _selected_ids(request) -> list[int]:
    """The ticked instalments; anything that is not an id is ignored (it matches no row)."""
    ids = []
    for raw in request.POST.getlist("instalment")[: PaymentsView.LIMIT]:
        try:
            ids.append(parse_int(raw, "instalment", min_value=1, max_value=MAX_ID))
        except ParamError:
            continue
    return ids


def _batch(request) -> PaymentBatch:
    batch_id = id_param(request.POST, "batch")
    return get_object_or_404(PaymentBatch, pk=batch_id)


class PaymentsView(PermissionView):
    """Staff: payable instalments, prepare a batch (confirmation page with count and total),
    batches awaiting approval (approve / cancel), approved batches (transfer file, mark paid)."""

    permission_required = MANAGE
    LIMIT = 500

    def context(self) -> dict:
        base = Instalment.objects.select_related(
            "agreement__program", "agreement__lead_institution", "batch"
        )
        payable = list(base.filter(status=InstalmentStatus.PAYABLE).order_by("agreement_id", "year_no")[: self.LIMIT])  # fmt: skip
        planned = list(
            base.filter(status=InstalmentStatus.PLANNED, agreement__status="active")
            .order_by("agreement_id", "year_no")[: self.LIMIT]
        )  # fmt: skip
        batches = PaymentBatch.objects.select_related("prepared_by", "approved_by", "paid_by")
        return {
            "payable": payable, "planned": planned,
            "drafts": list(batches.filter(status=BatchStatus.DRAFT)),
            "approved": list(batches.filter(status=BatchStatus.APPROVED)),
            "recent": list(batches.filter(status__in=[BatchStatus.PAID, BatchStatus.CANCELLED])[:20]),
            "today": seoul_today(),
        }  # fmt: skip

    def get(self, request):
        return render(request, "agreements/money/payments.html", self.context())

    def post(self, request):
        op = request.POST.get("op", "")
        try:
            if op == "review":
                chosen = list(
                    Instalment.objects.filter(pk__in=_selected_ids(request),
                                              status=InstalmentStatus.PAYABLE)
                    .select_related("agreement__lead_institution").order_by("agreement_id", "year_no")
                )  # fmt: skip
                if not chosen:
                    raise PaymentRefused("지급할 항목을 하나 이상 선택하세요.",
                                         "Select at least one instalment.", code="empty")  # fmt: skip
                total = sum(i.amount_krw for i in chosen)
                return render(request, "agreements/money/prepare_confirm.html",
                              {"chosen": chosen, "total": total, "count": len(chosen)})  # fmt: skip
            if op == "prepare":
                chosen = list(Instalment.objects.filter(pk__in=_selected_ids(request)))
                batch = prepare_batch(instalments=chosen, actor=request.user)
                messages.success(request, _("Batch %(ref)s prepared: %(n)s instalments, KRW %(total)s. "
                                            "Another staff member must approve it.")
                                 % {"ref": batch.reference, "n": batch.instalment_count,
                                    "total": f"{batch.total_krw:,}"})  # fmt: skip
            elif op == "approve":
                batch = approve_batch(batch=_batch(request), actor=request.user)
                messages.success(request, _("Batch %(ref)s approved; the transfer file is ready.")
                                 % {"ref": batch.reference})  # fmt: skip
            elif op == "cancel":
                batch = cancel_batch(batch=_batch(request), actor=request.user,
                                     reason=text_param(request.POST, "reason", max_length=300))  # fmt: skip
                messages.success(request, _("Batch %(ref)s cancelled.") % {"ref": batch.reference})
            elif op == "paid":
                paid_on = date_param(request.POST, "paid_on")
                batch = mark_batch_paid(batch=_batch(request), paid_on=paid_on, actor=request.user)
                messages.success(request, _("Batch %(ref)s marked paid on %(day)s.")
                                 % {"ref": batch.reference, "day": f"{paid_on:%Y-%m-%d}"})  # fmt: skip
            elif op == "refresh":
                refresh_all_instalments(actor=request.user)
                messages.success(request, _("The gates were checked again."))
            else:
                return HttpResponse(_("Unknown action. / 알 수 없는 요청입니다."), status=400)
        except (AlreadyDecided, ParamError) as exc:  # PaymentRefused too: shown on the page
            messages.error(request, exc.bilingual)
        return redirect(reverse("agreements:money-payments"))


class BatchTransferView(PermissionView):
    permission_required = MANAGE

    def get(self, request, pk: int, fmt: str):
        if fmt not in ("csv", "xlsx"):
            raise Http404
        batch = get_object_or_404(PaymentBatch, pk=pk)
        if batch.status not in (BatchStatus.APPROVED, BatchStatus.PAID):
            raise Http404
        if fmt == "csv":
            response = HttpResponse(
                bytes(batch.transfer_csv), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                bytes(batch.transfer_xlsx),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="transfer-{batch.reference}.{fmt}"'
        record_audit(actor=request.user, action="payment_batch.transfer_downloaded", target=batch,
                     after={"format": fmt, "sha256": batch.transfer_sha256})  # fmt: skip
        return response


def _fiscal_year(request) -> int | None:
    return int_param(request.GET, "year", default=None, min_value=1990, max_value=2200)


class MoneySummaryView(PermissionView):
    permission_required = "agreements.watch_money"

    def get(self, request):
        year = _fiscal_year(request)
        rows = programme_year_totals(fiscal_year=year)
        ctx = {"rows": rows, "city": city_totals(fiscal_year=year), "year": year,
               "years": fiscal_years()}  # fmt: skip
        return render(request, "agreements/money/summary.html", ctx)


class MoneySummaryExportView(PermissionView):
    permission_required = "agreements.watch_money"

    def get(self, request):
        year = _fiscal_year(request)
        return summary_response(
            rows=programme_year_totals(fiscal_year=year), city=city_totals(fiscal_year=year),
            fiscal_year=year,
        )  # fmt: skip
