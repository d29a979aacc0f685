"""Short cache of the public call pages for anonymous visitors (programs.views).

Per language and path, never for signed-in users, each visitor gets their own CSRF token, a saved
call drops the entries, and an entry is never used across an open/close instant of a call shown."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_view_is_served_without_queries(catalogue, django_assert_num_queries):
    call = CallFactory(programs=["INV"], title="캐시 공고", title_en="Cached call")
    for path in ("/calls/", f"/calls/{call.pk}/", "/en/calls/"):
        first = Client().get(path)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            again = Client().get(path)
        assert again.status_code == 200
        assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
    assert '<html lang="en">' in Client().get("/en/calls/").content.decode()
    assert '<html lang="ko">' in Client().get("/calls/").content.decode()


def test_each_visitor_gets_a_working_csrf_token(catalogue):
    CallFactory(programs=["INV"])
    Client().get("/calls/")  # stored
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/calls/")  # served from the cache
    token = TOKEN.search(page.content.decode()).group(1)
    assert "csrftoken" in page.cookies
    r = visitor.post("/i18n/setlang/", {"language": "en", "next": "/calls/",
                                        "csrfmiddlewaretoken": token})  # fmt: skip
    assert r.status_code == 302


def test_signed_in_users_get_their_own_page(catalogue, users):
    CallFactory(programs=["INV"])
    anonymous = Client().get("/calls/").content.decode()
    client = Client()
    client.force_login(users[Role.APPLICANT])
    mine = client.get("/calls/").content.decode()
    assert "t-applicant" in mine or "Sign out" in mine or "로그아웃" in mine
    assert mine != anonymous
    assert "t-applicant" not in Client().get("/calls/").content.decode()


def test_saved_call_drops_the_cached_pages(catalogue):
    call = CallFactory(programs=["INV"], title="처음 제목")
    assert "처음 제목" in Client().get(f"/calls/{call.pk}/").content.decode()
    call.title = "바뀐 제목"
    call.save()
    assert "바뀐 제목" in Client().get(f"/calls/{call.pk}/").content.decode()
    CallFactory(programs=["INV"], title="새 공고")
    assert "새 공고" in Client().get("/calls/").content.decode()


def test_entry_is_not_used_across_the_close(catalogue, monkeypatch):
    now = timezone.now()
    call = CallFactory(
        programs=["INV"], title="곧 마감", opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(seconds=5),
    )  # fmt: skip
    assert "곧 마감" in Client().get("/calls/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: call.closes_at)
    after = Client().get("/calls/").content.decode()  # rendered again: the call has closed
    assert "곧 마감" not in after
