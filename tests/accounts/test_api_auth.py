"""Token sign-in and use of `Authorization: Token <key>`."""

import pytest
from rest_framework.test import APIClient

from accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_token_with_right_password_works_for_the_api(users, catalogue):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "t-official", "password": "pw-for-tests-1"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert len(token) == 40
    assert response.json()["expires_at"]

    anonymous = APIClient().get("/api/v1/budget/summary/?year=2021")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Token")

    authed = APIClient()
    authed.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = authed.get("/api/v1/budget/summary/?year=2021")
    assert response.status_code == 200
    assert response.json()["total_million_krw"] == 38_288


def test_wrong_password_gets_no_token(users):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "t-official", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_inactive_user_gets_no_token(users):
    user = users[Role.OFFICIAL]
    user.is_active = False
    user.save()
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "t-official", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 400


def test_bogus_token_is_refused(users):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/programs/").status_code == 401


def test_token_of_applicant_does_not_open_the_budget(users, catalogue):
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "t-applicant", "password": "pw-for-tests-1"}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/budget/summary/?year=2021").status_code == 403
    assert client.get("/api/v1/programs/").status_code == 200


def test_token_of_a_deactivated_or_deleted_account_stops_working(users, catalogue):
    """The one-statement token lookup refuses what DRF's would: inactive users, deleted tokens."""
    from rest_framework.authtoken.models import Token

    user = users[Role.OFFICIAL]
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/budget/summary/?year=2021")
    assert response.status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/budget/summary/?year=2021").status_code == 401
    user.is_active = True
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/budget/summary/?year=2021").status_code == 200
    token.delete()  # signing out
    assert client.get("/api/v1/budget/summary/?year=2021").status_code == 401


def test_token_authenticates_the_same_user_object(users):
    from django.test import RequestFactory
    from rest_framework.authtoken.models import Token
    from rest_framework.request import Request

    from config.authentication import TokenAuthentication

    user = users[Role.APPLICANT]
    token = Token.objects.create(user=user)
    request = Request(RequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {token.key}"))
    found, auth = TokenAuthentication().authenticate(request)
    fields = [f.attname for f in type(user)._meta.concrete_fields]
    user.refresh_from_db()
    assert [getattr(found, f) for f in fields] == [getattr(user, f) for f in fields]
    assert (auth.key, auth.user_id, auth.created) == (token.key, user.pk, token.created)
