from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    Announcement,
    AuditEntry,
    HubTenancy,
    Institution,
    InstitutionSite,
    Notice,
    Researcher,
    User,
)
from config.spreadsheet import SafeImportExportModelAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "email", "role", "institution", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Portal"), {"fields": ("role", "institution", "operator", "phone")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Portal"), {"fields": ("role", "institution")}),
    )


class SiteInline(admin.TabularInline):
    model = InstitutionSite
    extra = 0


class TenancyInline(admin.TabularInline):
    model = HubTenancy
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(SafeImportExportModelAdmin):
    list_display = ["name", "type", "business_no", "is_sme", "incorporated_on", "status"]
    list_filter = ["type", "is_sme", "status"]
    search_fields = ["name", "business_no", "corporate_no"]
    # confirmed or rejected only on the staff page (accounts.domain.co_institutions: audit, notices)
    readonly_fields = ["status"]
    inlines = [SiteInline, TenancyInline]


@admin.register(Researcher)
class ResearcherAdmin(SafeImportExportModelAdmin):
    list_display = ["researcher_no", "name", "institution"]
    search_fields = ["researcher_no", "name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_id", "reason"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_id", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "subject", "read_at"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "published_at", "pinned", "updated_at"]
    list_filter = ["is_published", "pinned"]
    search_fields = ["title", "title_en", "body", "body_en"]
    fields = ["title", "title_en", "body", "body_en", "is_published", "published_at", "pinned"]


# Campus-town expert pool (R03): imported by staff from Excel (accounts.interfaces.expert_pool).
from accounts.interfaces.expert_pool import ExpertPoolResource  # noqa: E402
from accounts.models import ExpertProfile  # noqa: E402


@admin.register(ExpertProfile)
class ExpertProfileAdmin(SafeImportExportModelAdmin):
    resource_classes = [ExpertPoolResource]
    list_display = ["__str__", "university", "fields", "available"]
    list_filter = ["available"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "keywords"]
    autocomplete_fields = ["university"]
    raw_id_fields = ["user"]
