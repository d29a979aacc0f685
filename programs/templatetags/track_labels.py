"""The track of an application by its name (ko/en, programs.domain.flows.track_name), never its
code. Reads the already loaded ``application.program`` (select it with the list: no query)."""

from django import template

from programs.domain.flows import has_tracks, track_name

register = template.Library()


@register.filter
def track_label(application) -> str:
    """The name of the application's track in the active language ("" without a track)."""
    code = getattr(application, "track", "") or ""
    if not code:
        return ""
    return track_name(program=application.program, code=code) or ""


@register.filter
def any_tracks(programs) -> bool:
    """Whether any of the (loaded) programmes has tracks: a list shows its track column then."""
    return any(has_tracks(program=p) for p in programs)
