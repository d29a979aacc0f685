"""Money records, read-only in the admin: the ledger, instalments and payment batches (changed
only by the payment pages and the ledger functions), guarantees (the guarantee pages verify
them; the PDF is opened there, behind its permission check) and the R03 chained agreements."""

from django.contrib import admin

from agreements.models import ChainedAgreement, Guarantee, Instalment, LedgerEntry, PaymentBatch
from config.admin_readonly import ReadOnlyAdmin, ReadOnlyInline


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "kind", "amount_krw", "program", "fiscal_year", "agreement",
                    "call", "reference"]  # fmt: skip
    list_filter = ["kind", "fiscal_year", "program"]
    search_fields = ["reference", "note"]
    list_select_related = ["program", "agreement", "call"]
    raw_id_fields = ["agreement", "call", "application", "institution", "created_by"]
    date_hierarchy = "occurred_on"


class InstalmentInline(ReadOnlyInline):
    model = Instalment
    fields = readonly_fields = ["agreement", "year_no", "amount_krw", "status", "paid_on"]


@admin.register(PaymentBatch)
class PaymentBatchAdmin(ReadOnlyAdmin):
    list_display = ["pk", "status", "instalment_count", "total_krw", "prepared_at", "approved_at",
                    "paid_on"]  # fmt: skip
    list_filter = ["status"]
    exclude = ["transfer_csv", "transfer_xlsx"]  # files: through the payment pages
    raw_id_fields = ["prepared_by", "approved_by", "paid_by"]
    inlines = [InstalmentInline]


@admin.register(Instalment)
class InstalmentAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "year_no", "amount_krw", "status", "batch", "paid_on"]
    list_filter = ["status"]
    list_select_related = ["agreement", "batch"]
    raw_id_fields = ["agreement", "year", "batch"]


@admin.register(Guarantee)
class GuaranteeAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "insurer", "policy_no", "amount_krw", "starts_on", "ends_on",
                    "status"]  # fmt: skip
    list_filter = ["status"]
    search_fields = ["policy_no", "insurer"]
    exclude = ["pdf"]  # the file: through the guarantee page
    raw_id_fields = ["agreement", "year", "verified_by", "created_by"]


@admin.register(ChainedAgreement)
class ChainedAgreementAdmin(ReadOnlyAdmin):
    list_display = ["parent", "principal", "counterparty", "expert", "amount_krw", "status",
                    "concluded_on"]  # fmt: skip
    list_filter = ["status"]
    raw_id_fields = ["parent", "principal", "counterparty", "expert", "created_by"]
