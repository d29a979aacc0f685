"""Links of the applications hub for applications of a programme with tracks (R01): the
crowdfunding campaign page and the open-evaluation consultation feedback. No query: the track's
flow data says which apply."""

from django.urls import reverse
from django.utils.translation import gettext as _

from programs.domain.flows import track


def track_links(app, link_class) -> list:
    found = track(program=app.program, code=app.track) if app.track else None
    if found is None:
        return []
    links = []
    if found.extra.get("funding_gate") and app.status == "selected":
        links.append(link_class(_("Crowdfunding campaign result"),
                                reverse("crowdfunding_tracks:campaign", args=[app.pk]), "crowdfunding"))  # fmt: skip
    if found.extra.get("open_session"):
        links.append(link_class(_("Consultation feedback of the open evaluation"),
                                reverse("crowdfunding_tracks:feedback", args=[app.pk]), "feedback"))  # fmt: skip
    return links
