"""The name of the committee that decides a call's selection, from catalogue data.

Most programmes end with SBA's coordination committee (실무조정위원회); a programme whose flow names
another one (``Program.flow["committee_name"]``, e.g. R03: the city's 산학연협력사업심의위원회, seed
000 Ⅳ-③) is shown with that name on the committee pages."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from programs.domain.flows import flow_value

register = template.Library()


def program_committee_name(program) -> str | None:
    """The name the programme's flow gives its deciding committee (active language), or None."""
    spec = flow_value(program=program, key="committee_name") if program is not None else None
    if not spec:
        return None
    return spec["name_en"] if translation.get_language() == "en" else spec["name_ko"]


def committee_name_of(call) -> str:
    """The deciding committee's name in the active language (the call's programmes' flow data)."""
    for program in call.programs.all():
        name = program_committee_name(program)
        if name:
            return name
    return _("Coordination committee")


@register.simple_tag
def committee_name(call) -> str:
    return committee_name_of(call)
