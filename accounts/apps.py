from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and institutions")

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import signals  # noqa: F401
        from accounts.domain.staff_group import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="accounts.sync_staff_group")
