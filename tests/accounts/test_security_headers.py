"""Content-Security-Policy (no inline script or style), HSTS and `check --deploy` in production.

The policy allows scripts and styles from our own origin only, so a page works only if its
templates have no inline <script>, no on…= handler, no javascript: URL and no style attribute.
`test_templates_have_no_inline_script_or_style` scans every template for them; the browser test
tests/e2e/test_csp.py opens the pages in Chromium and fails on any CSP violation.
"""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from accounts.enums import Role
from config.env import BASE_DIR
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Templates named *_pdf.html are rendered to PDF by WeasyPrint, never served as HTML: their
# <style> is no page style.
PDF_SUFFIX = "_pdf.html"

INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=[\"']application/(?:ld\+)?json[\"'])[^>]*>", re.I
)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
JS_URL = re.compile(r"javascript:", re.I)


def _offences(html: str) -> list[str]:
    found = []
    for name, pattern in [
        ("inline script", INLINE_SCRIPT),
        ("event handler", HANDLER),
        ("inline style", STYLE),
        ("javascript: URL", JS_URL),
    ]:
        found += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(html)]
    return found


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_templates_have_no_inline_script_or_style():
    root = BASE_DIR / "templates"
    offences = {}
    for path in root.rglob("*.html"):
        name = path.relative_to(root).as_posix()
        if name.endswith(PDF_SUFFIX):
            continue
        found = _offences(path.read_text(encoding="utf-8"))
        if found:
            offences[name] = found
    assert offences == {}


def test_pages_send_a_strict_policy(client, users, catalogue):
    response = client.get("/calls/")
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/calls/",
        "/accounts/login/",
        "/en/accounts/login/",
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/programs/call/",
        "/screening/",
        "/dashboard/budget/?year=2021",
    ],
)
def test_rendered_pages_have_no_inline_script(client, users, catalogue, path):
    admin = UserFactory(username="t-admin", role=Role.STAFF, is_superuser=True)
    if not path.endswith("login/"):
        client.force_login(admin)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert _offences(html) == []
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_api_docs_load_their_script_from_our_origin(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert _csp(response)["script-src"] == ["'self'"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def _production_env(**extra) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "rnd.seoul.example",
    }
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return {**env, **extra}


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
    )


@pytest.mark.parametrize("redis", [False, True], ids=["embedded", "redis"])
def test_check_deploy_is_clean_with_production_environment(redis):
    env = _production_env(**({"REDIS_URL": "redis://127.0.0.1:6379/9"} if redis else {}))
    result = _run(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        env,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout + result.stderr


def test_production_settings_turn_on_https_protections():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER[0], s.DEBUG)"
    )
    result = _run(code, _production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "HTTP_X_FORWARDED_PROTO",
        "False",
    ]


def test_development_settings_serve_plain_http():
    assert settings.DEBUG is True or not settings.SECURE_SSL_REDIRECT
    assert not getattr(settings, "SECURE_SSL_REDIRECT", False)
