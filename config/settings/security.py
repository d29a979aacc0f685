"""Sign-in protection, sessions, API tokens and HTTP security headers.

Every limit comes from the environment (README, "Configuration"):

- Brute force (django-axes): LOGIN_FAILURE_LIMIT failed sign-ins per account *and* per client IP
  (each counted on its own) lock further attempts for LOGIN_COOLOFF_MINUTES, on the login page, the
  admin login and the token API alike. Attempts are counted in the Redis cache when REDIS_URL is
  set (shared by every gunicorn worker and host), else in the database (also shared).
- Sessions last SESSION_HOURS; a staff session also ends after STAFF_IDLE_MINUTES without a
  request (accounts.middleware.StaffIdleTimeoutMiddleware).
- API tokens expire API_TOKEN_TTL_HOURS after they were issued (config.authentication).
- Content-Security-Policy (django-csp): scripts, styles, fonts and images from our own origin only;
  no inline script. HSTS, HTTPS redirect and secure cookies whenever DEBUG is off.
"""

import datetime as dt

from config.env import env
from config.settings.base import DEBUG

# --- Brute force: django-axes ---------------------------------------------------------------
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# Each inner list is counted on its own: the account (whatever the IP) and the IP (whatever the
# account). Either reaching the limit locks.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A failed attempt while locked does not prolong the lockout: the cool-off is a fixed window, so
# a legitimate user is not kept out forever by an attacker who keeps trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if env("REDIS_URL", default="")
    else "axes.handlers.database.AxesDatabaseHandler"
)
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy, TRUSTED_PROXY_COUNT is the number of proxies that append to
# X-Forwarded-For; the client IP is then read from that header. Unset: the socket address.
_proxies = env.int("TRUSTED_PROXY_COUNT", default=0)
if _proxies:
    AXES_IPWARE_PROXY_COUNT = _proxies
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# --- Sessions and tokens ----------------------------------------------------------------------
SESSION_COOKIE_AGE = int(dt.timedelta(hours=env.float("SESSION_HOURS", default=8)).total_seconds())
STAFF_SESSION_IDLE_SECONDS = int(
    dt.timedelta(minutes=env.float("STAFF_IDLE_MINUTES", default=30)).total_seconds()
)
API_TOKEN_TTL = dt.timedelta(hours=env.float("API_TOKEN_TTL_HOURS", default=8))

# --- Headers ----------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # KRDS's stylesheet embeds one small icon font as a data: URL.
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # TLS ends at the reverse proxy, which sets X-Forwarded-Proto (docker-compose, README).
    if env.bool("SECURE_PROXY_SSL_HEADER", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
