"""Human labels (Korean/English) for codes shown on staff pages: screening rules, outcomes, the
duplicate-check method and bonus rules. Codes stay in data attributes only, never as text."""

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from evaluation.screening.domain.rules import RULES
from evaluation.screening.enums import Outcome

register = template.Library()

_METHODS = {"tfidf": _("text similarity (TF-IDF)")}


@register.filter
def rule_label(code) -> str:
    """The screening rule's name in the active language (the code only for an unknown rule)."""
    rule = RULES.get(str(code))
    if rule is None:
        return str(code)
    return rule.description_en if translation.get_language() == "en" else rule.description_ko


@register.filter
def outcome_label(code) -> str:
    """'pass' → 적합/Pass, 'needs_review' → 검토 필요/Needs review …"""
    try:
        return str(Outcome(str(code)).label)
    except ValueError:
        return str(code)


@register.filter
def method_label(code) -> str:
    return str(_METHODS.get(str(code), code))


_BONUS = {"export_record": _("Export record"), "seoul_partner": _("Seoul partner institution"),
          # rules 2024 / R02, R04 priority and bonus rules (kind "claim")
          "private_investment_5bn": _("Priority ①: private investment ≥ 5 bn KRW in 3 years"),
          "purchase_intent_after_testbed": _("Priority ②: purchase intent after a domestic testbed"),
          "listed_tech_transfer": _("Priority ③: technology transfer from a listed institute"),
          "investment_or_purchase_commitment": _("Investment or purchase commitment")}  # fmt: skip


@register.filter
def bonus_label(code) -> str:
    """A programme bonus rule's label: a hub-tenant rule (…_tenant) or one of the named rules."""
    code = str(code)
    if code in _BONUS:
        return str(_BONUS[code])
    if code.endswith("_tenant"):
        return str(_("Hub tenant"))
    return code
