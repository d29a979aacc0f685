"""Staff sessions end after a short time without a request (settings.STAFF_SESSION_IDLE_SECONDS).

Every session lasts at most SESSION_COOKIE_AGE from sign-in. A staff member's session is also
renewed for STAFF_SESSION_IDLE_SECONDS on their requests, never past that absolute limit: an
unattended staff browser is signed out after the idle time. The renewal is written at most once a
minute (RENEW_EVERY_SECONDS), not on every request. Other roles keep the plain lifetime.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

SIGNED_IN_AT = "_portal_signed_in_at"
RENEWED_AT = "_portal_renewed_at"
RENEW_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_sba_staff:
            session = request.session
            now = int(time.time())
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            remaining = signed_in_at + settings.SESSION_COOKIE_AGE - now
            if remaining <= 0:
                logout(request)  # the absolute lifetime is over, however active the session
            elif now - session.get(RENEWED_AT, 0) >= RENEW_EVERY_SECONDS:
                session[RENEWED_AT] = now
                session.set_expiry(min(settings.STAFF_SESSION_IDLE_SECONDS, remaining))
        return self.get_response(request)
