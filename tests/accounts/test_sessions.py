"""Session lifetime from settings (8 hours by default) and idle expiry for staff."""

import datetime as dt
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.enums import Role
from accounts.middleware import SIGNED_IN_AT

pytestmark = pytest.mark.django_db


def _expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_session_lifetime_is_shorter_than_django_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_AGE < 14 * 24 * 3600
    assert settings.STAFF_SESSION_IDLE_SECONDS == 30 * 60


def test_applicant_session_lasts_the_configured_lifetime(client, users):
    response = client.post(
        "/accounts/login/", {"username": "t-applicant", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    left = _expiry(client) - timezone.now()
    assert dt.timedelta(hours=7, minutes=59) < left <= dt.timedelta(hours=8)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600


def test_staff_session_is_renewed_for_the_idle_time_only(client, users):
    client.post("/accounts/login/", {"username": "t-staff", "password": "pw-for-tests-1"})
    assert client.get("/screening/").status_code == 200
    left = _expiry(client) - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_idle_staff_session_ends(client, users):
    client.force_login(users[Role.STAFF])
    assert client.get("/screening/").status_code == 200
    # 31 minutes without a request: the stored session has expired.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.get("/screening/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_active_staff_session_still_ends_at_the_absolute_lifetime(client, users):
    client.force_login(users[Role.STAFF])
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session.save()
    response = client.get("/screening/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_expiry_never_passes_the_absolute_lifetime(client, users):
    client.force_login(users[Role.STAFF])
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE + 600
    session.save()
    assert client.get("/screening/").status_code == 200
    left = _expiry(client) - timezone.now()
    assert dt.timedelta(minutes=9) < left <= dt.timedelta(minutes=10)


def test_staff_session_is_written_at_most_once_a_minute(client, users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users[Role.STAFF])
    client.get("/screening/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/screening/")
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    session = client.session
    session["_portal_renewed_at"] -= 61
    session.save()
    with CaptureQueriesContext(connection) as queries:
        client.get("/screening/")
    assert [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
