from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programme catalogue and calls")

    def ready(self) -> None:
        from programs.domain.plugins import import_plugin_modules

        import_plugin_modules()
