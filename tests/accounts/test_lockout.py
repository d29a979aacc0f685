"""Brute force: failed sign-ins lock the account and the IP for a cool-off (django-axes).

The suite runs with axes off (tests/conftest.py); these tests switch it on with a small limit.
"""

import datetime as dt
import logging
import os
import secrets
import subprocess
import sys

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from config.env import BASE_DIR

pytestmark = pytest.mark.django_db

LIMIT = 3
RIGHT = "pw-for-tests-1"
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def cache_handler(lockout):
    """The handler used when REDIS_URL is set (here on the local-memory cache)."""
    lockout.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    yield lockout
    lockout.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    AxesProxyHandler.get_implementation(force=True)


def _form(client, username, password, ip="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _token(username, password, ip="127.0.0.1"):
    return APIClient().post(
        TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=ip
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _lock_form(username="t-applicant", ip="127.0.0.1"):
    client = Client()
    for _ in range(LIMIT - 1):
        response = _form(client, username, "wrong-password", ip)
        assert response.status_code == 200  # the form again, with its error
        assert "form-error" in response.content.decode()
    response = _form(client, username, "wrong-password", ip)
    assert response.status_code == 429
    return client


@pytest.mark.parametrize("handler", ["database", "cache"])
def test_login_form_locks_after_the_limit_and_refuses_the_right_password(
    request, users, lockout, handler
):
    if handler == "cache":
        request.getfixturevalue("cache_handler")
    client = _lock_form()
    response = _form(client, "t-applicant", RIGHT)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "로그인 시도가 너무 많이 실패했습니다" in page  # Korean first (the default language)
    assert "Too many failed sign-in attempts" in page  # and English
    assert "15" in page
    assert not _signed_in(client)


def test_locked_page_in_english(users, lockout):
    client = Client()
    for _ in range(LIMIT):
        client.post("/en" + LOGIN, {"username": "t-applicant", "password": "nope"})
    response = client.post("/en" + LOGIN, {"username": "t-applicant", "password": RIGHT})
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Sign-in locked" in page and "Too many failed sign-in attempts" in page


def test_lock_is_per_account_and_per_ip(users, lockout):
    _lock_form(username="t-applicant", ip="10.0.0.1")
    # The same account from another IP: locked (per account).
    assert _form(Client(), "t-applicant", RIGHT, ip="10.0.0.9").status_code == 429
    # Another account from the same IP: locked (per IP).
    assert _form(Client(), "t-official", RIGHT, ip="10.0.0.1").status_code == 429
    # Another account from another IP: unaffected.
    other = Client()
    response = _form(other, "t-official", RIGHT, ip="10.0.0.2")
    assert response.status_code == 302
    assert _signed_in(other)


def test_lock_ends_after_the_cooloff(users, lockout):
    _lock_form()
    assert _form(Client(), "t-applicant", RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    client = Client()
    assert _form(client, "t-applicant", RIGHT).status_code == 302
    assert _signed_in(client)


def test_success_resets_the_count(users, lockout):
    client = Client()
    for _ in range(LIMIT - 1):
        _form(client, "t-applicant", "wrong-password")
    assert _form(client, "t-applicant", RIGHT).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(LIMIT - 1):
        assert _form(client, "t-applicant", "wrong-password").status_code == 200
    assert _form(client, "t-applicant", RIGHT).status_code == 302


@pytest.mark.parametrize("handler", ["database", "cache"])
def test_token_api_locks_with_429_json(request, users, lockout, handler):
    if handler == "cache":
        request.getfixturevalue("cache_handler")
    for _ in range(LIMIT - 1):
        assert _token("t-official", "wrong-password").status_code == 400
    locked = _token("t-official", "wrong-password")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    refused = _token("t-official", RIGHT)
    assert refused.status_code == 429
    assert "token" not in refused.json()
    assert "로그인" in refused.json()["detail"]
    # Another account from another IP still gets its token.
    assert _token("t-staff", RIGHT, ip="10.0.0.2").status_code == 200


def test_form_and_api_share_the_count(users, lockout):
    _form(Client(), "t-official", "wrong-password")
    _token("t-official", "wrong-password")
    assert _token("t-official", "wrong-password").status_code == 429
    assert _form(Client(), "t-official", RIGHT, ip="10.0.0.3").status_code == 429


def test_lockout_is_logged(users, lockout, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.lockout"):
        _lock_form(username="t-applicant", ip="10.0.0.7")
    lines = [r.getMessage() for r in caplog.records if r.name == "accounts.lockout"]
    assert lines and "t-applicant" in lines[0] and "10.0.0.7" in lines[0]


def test_the_login_form_works_with_axes_on(users, lockout):
    client = Client()
    response = _form(client, "t-staff", RIGHT)
    assert response.status_code == 302
    assert client.get("/screening/").status_code == 200


def test_settings_use_the_redis_cache_handler_when_redis_is_set():
    """With REDIS_URL, failures are counted in Redis: one count for every process and host."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_HANDLER, s.CACHES['default']['BACKEND'])"
    )
    env_base = {"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin"}
    with_redis = subprocess.run(
        [sys.executable, "-c", code],
        env={**env_base, "REDIS_URL": "redis://127.0.0.1:6379/9"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert with_redis == [
        "axes.handlers.cache.AxesCacheHandler",
        "django.core.cache.backends.redis.RedisCache",
    ]
    without = subprocess.run(
        [sys.executable, "-c", code],
        env=env_base,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert without[0] == "axes.handlers.database.AxesDatabaseHandler"


def test_admin_login_is_locked_too(users, lockout):
    _lock_form(username="t-staff")
    response = Client().post(
        "/admin/login/", {"username": "t-staff", "password": RIGHT}, REMOTE_ADDR="10.0.0.5"
    )
    assert response.status_code == 429


def _skip_or_fail(reason: str):
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_lockout_counted_in_redis_is_seen_by_another_process(users, lockout):
    """Two gunicorn workers share the count: failures made here lock the account in a new
    Python process that shares only REDIS_URL with this one."""
    import redis

    url = os.environ.get("AXES_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        _skip_or_fail(f"needs Redis at {url}")
    prefix = f"h4-axes-{secrets.token_hex(4)}"
    lockout.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    lockout.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    try:
        _lock_form(username="t-applicant", ip="10.1.1.1")
        code = (
            "import django; django.setup()\n"
            "from django.test import RequestFactory\n"
            "from axes.handlers.proxy import AxesProxyHandler as H\n"
            "def locked(user, ip):\n"
            "    request = RequestFactory().post('/accounts/login/', REMOTE_ADDR=ip)\n"
            "    return H.is_locked(request, {'username': user})\n"
            "print(locked('t-applicant', '10.9.9.9'), locked('t-official', '10.1.1.1'),"
            " locked('t-official', '10.9.9.9'))\n"
        )
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "REDIS_URL": url,
            "CACHE_KEY_PREFIX": prefix,
            "LOGIN_FAILURE_LIMIT": str(LIMIT),
        }
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        # Same account elsewhere: locked; same IP, other account: locked; neither: free.
        assert result.stdout.split()[-3:] == ["True", "True", "False"]
    finally:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        lockout.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
        AxesProxyHandler.get_implementation(force=True)
