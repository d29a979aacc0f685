"""What a client locked out by django-axes gets: a 429 page, or 429 JSON on the API.

django-axes (settings/security.py) counts failed sign-ins per account and per IP; once either
reaches the limit, every sign-in for that account or from that IP is refused, the correct password
included, until the cool-off has passed. Its middleware calls `lockout_response` for the request
that was refused. Each lockout is logged here (logger "accounts.lockout"), besides axes' own log.
"""

import logging
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    return _(
        "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes; "
        "try again later or contact the SBA help desk."
    ) % {"minutes": cooloff_minutes()}


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    log.warning(
        "sign-in locked out: username=%r ip=%s path=%s",
        username[:150],
        getattr(request, "axes_ip_address", request.META.get("REMOTE_ADDR")),
        request.path,
    )
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": lockout_message(), "code": "locked_out"}, status=429
        )
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"message": lockout_message(), "minutes": cooloff_minutes()},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response
