"""Cache: Redis (REDIS_URL, shared by every worker) when set, else per-process local memory.

Used for the short-lived cache of the public call pages (programs.views). The key prefix holds the
database name so that runs against different databases sharing one Redis never see each other's
pages. PUBLIC_PAGE_CACHE_SECONDS = 0 switches the page cache off.
"""

from config.env import env
from config.settings.database import DATABASES

_redis = env("REDIS_URL", default="")
_prefix = env("CACHE_KEY_PREFIX", default=f"portal:{DATABASES['default'].get('NAME', '')}")

if _redis:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis,
            "KEY_PREFIX": _prefix,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            "KEY_PREFIX": _prefix,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=30)
