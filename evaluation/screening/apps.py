from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "evaluation.screening"
    label = "screening"
    verbose_name = _("Eligibility screening")
