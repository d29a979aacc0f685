"""Admin of the agreement core: terms template (edited by staff), agreements, versions and
signatures (read-only: they change only through the agreement pages and domain functions)."""

from django.contrib import admin

from agreements.models import Agreement, AgreementVersion, AgreementYear, Signature, TermsTemplate


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TermsTemplate)
class TermsTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["title", "body"]


class YearInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AgreementYear
    extra = 0
    fields = ["year_no", "starts_on", "ends_on", "city_grant_krw", "institution_cash_krw",
              "institution_inkind_krw"]  # fmt: skip
    readonly_fields = fields


class VersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AgreementVersion
    extra = 0
    fields = ["version_no", "reason", "pdf_sha256", "sealed_sha256", "created_at"]
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["verify_code", "application", "lead_institution", "program", "status",
                    "guarantee_due_on", "city_grant_krw", "created_at"]  # fmt: skip
    list_filter = ["status", "program"]
    search_fields = ["verify_code", "lead_institution__name", "application__receipt_no"]
    inlines = [YearInline, VersionInline]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["agreement", "version", "role", "signer_name", "signer_title", "signed_at"]
    list_filter = ["role"]
    search_fields = ["agreement__verify_code", "signer_name"]
    exclude = ["ip"]
