"""API tokens expire, are replaced at each sign-in, and end with sign-out and password change."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.enums import Role

pytestmark = pytest.mark.django_db

RIGHT = "pw-for-tests-1"
PROBE = "/api/v1/programs/"


def _sign_in(username="t-applicant") -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": RIGHT}, format="json"
    )
    assert response.status_code == 200
    return response.json()["token"]


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_sign_in_replaces_the_token(users, catalogue):
    first = _sign_in()
    assert _client(first).get(PROBE).status_code == 200
    second = _sign_in()
    assert second != first
    assert _client(first).get(PROBE).status_code == 401
    assert _client(second).get(PROBE).status_code == 200
    assert Token.objects.filter(user=users[Role.APPLICANT]).count() == 1


def test_expired_token_is_refused_and_deleted(users, catalogue, settings):
    settings.API_TOKEN_TTL = dt.timedelta(hours=8)
    key = _sign_in()
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "t-official", "password": RIGHT}, format="json"
    )
    expires = dt.datetime.fromisoformat(response.json()["expires_at"])
    assert abs(expires - (timezone.now() + dt.timedelta(hours=8))) < dt.timedelta(minutes=1)

    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(hours=7, minutes=59))
    assert _client(key).get(PROBE).status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(hours=8, seconds=1))
    refused = _client(key).get(PROBE)
    assert refused.status_code == 401
    assert "만료" in refused.json()["detail"]
    assert not Token.objects.filter(key=key).exists()
    # Signing in again gives a working token.
    assert _client(_sign_in()).get(PROBE).status_code == 200


def test_ttl_comes_from_settings(users, catalogue, settings):
    key = _sign_in()
    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(minutes=10))
    settings.API_TOKEN_TTL = dt.timedelta(minutes=5)
    assert _client(key).get(PROBE).status_code == 401


def test_password_change_ends_the_token(users, catalogue):
    key = _sign_in()
    user = users[Role.APPLICANT]
    user.set_password("a-new-longer-passphrase-7")
    user.save()
    assert _client(key).get(PROBE).status_code == 401
    # Saving without a new password keeps the token.
    key = _sign_in_with("t-applicant", "a-new-longer-passphrase-7")
    user.refresh_from_db()
    user.phone = "02-1234-5678"
    user.save()
    assert _client(key).get(PROBE).status_code == 200


def _sign_in_with(username, password) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200
    return response.json()["token"]


def test_api_logout_ends_the_token(users, catalogue):
    key = _sign_in()
    client = _client(key)
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get(PROBE).status_code == 401
    assert APIClient().post("/api/v1/auth/logout/").status_code == 401


def test_page_sign_out_ends_the_token(users, catalogue):
    key = _sign_in()
    browser = Client()
    assert (
        browser.post("/accounts/login/", {"username": "t-applicant", "password": RIGHT}).status_code
        == 302
    )
    browser.post("/accounts/logout/")
    assert _client(key).get(PROBE).status_code == 401


def test_sign_in_with_a_stale_authorization_header_still_works(users, catalogue):
    """A client that re-signs in after expiry may still send its old header."""
    client = _client("0" * 40)
    response = client.post(
        "/api/v1/auth/token/", {"username": "t-applicant", "password": RIGHT}, format="json"
    )
    assert response.status_code == 200


def test_valid_token_check_is_still_one_statement(users):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from rest_framework.request import Request

    from config.authentication import TokenAuthentication

    token = Token.objects.create(user=users[Role.APPLICANT])
    request = Request(RequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {token.key}"))
    with CaptureQueriesContext(connection) as queries:
        user, _ = TokenAuthentication().authenticate(request)
    assert user.pk == users[Role.APPLICANT].pk
    assert len(queries) == 1
