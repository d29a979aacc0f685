"""Read-only pages in the browser admin for records that change only through domain functions.

Applications, proposals, campaigns, matches, expenses and challenge awards each have their own
pages, where every change goes through one function that checks the transition, locks, audits and
notifies. The admin only shows them (list, filters, search, detail): no add, change or delete, for
superusers too. Who may view is the model's view permission (staff: accounts/domain/staff_group.py).
"""

from django.contrib import admin


class _NoWrites:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(_NoWrites, admin.ModelAdmin):
    list_per_page = 50
    show_full_result_count = False  # no COUNT(*) over a large table on every page


class ReadOnlyInline(_NoWrites, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False
