"""The language switch works both ways on every page and keeps the user on the same page."""

import re

import pytest
from django.test import Client

from accounts.enums import Role
from config.i18n import translated_path
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db

NEXT = re.compile(
    r'<form action="/i18n/setlang/"[^>]*>.*?name="next" type="hidden" value="([^"]*)"', re.S
)


def _switch(client: Client, page: str, language: str) -> str:
    """Open `page`, send the header's language form as it is on the page, return the redirect."""
    response = client.get(page)
    assert response.status_code == 200, page
    next_value = NEXT.search(response.content.decode()).group(1).replace("&amp;", "&")
    answer = client.post("/i18n/setlang/", {"language": language, "next": next_value})
    assert answer.status_code == 302
    return answer["Location"]


def _pages(staff_client: bool):
    call = CallFactory(title="언어 전환 공고", title_en="Language switch call")
    pages = ["/calls/", f"/calls/{call.pk}/", "/calls/?q=AI&page=1"]
    return pages + (["/screening/"] if staff_client else [])


@pytest.fixture
def staff_client(users):
    client = Client()
    client.force_login(users[Role.STAFF])
    return client


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "staff"])
def test_from_english_to_korean_and_back_on_the_same_page(catalogue, users, signed_in):
    client = Client()
    if signed_in:
        client.force_login(users[Role.STAFF])
    for page in _pages(signed_in):
        english = "/en" + page
        # English → Korean: the same page without the /en/ prefix, in Korean
        korean = _switch(client, english, "ko")
        assert korean == page, english
        response = client.get(korean)
        assert response.status_code == 200 and '<html lang="ko">' in response.content.decode()
        # Korean → English: the same page under /en/, in English
        back = _switch(client, korean, "en")
        assert back == english, page
        response = client.get(back)
        assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


def test_switch_with_the_other_language_in_the_cookie(catalogue):
    """The old bug: the switch request resolved `next` in the cookie's language."""
    call = CallFactory()
    client = Client()
    client.cookies["django_language"] = "ko"
    assert _switch(client, f"/en/calls/{call.pk}/", "ko") == f"/calls/{call.pk}/"
    client.cookies["django_language"] = "en"
    assert _switch(client, f"/calls/{call.pk}/", "en") == f"/en/calls/{call.pk}/"
    assert _switch(client, f"/en/calls/{call.pk}/", "ko") == f"/calls/{call.pk}/"


def test_choosing_the_current_language_stays(catalogue):
    client = Client()
    assert _switch(client, "/en/calls/", "en") == "/en/calls/"
    assert _switch(client, "/calls/", "ko") == "/calls/"


def test_switch_refuses_foreign_next_and_unknown_language(db):
    client = Client()
    answer = client.post("/i18n/setlang/", {"language": "ko", "next": "https://evil.example/en/"})
    assert "evil.example" not in answer.get("Location", "")
    answer = client.post("/i18n/setlang/", {"language": "de", "next": "/en/calls/"})
    assert answer.status_code == 302 and answer["Location"] == "/en/calls/"


def test_translated_path_keeps_unknown_paths():
    assert translated_path("/en/no-such-page/", "ko") == "/en/no-such-page/"
    assert translated_path("/calls/?page=2", "en") == "/en/calls/?page=2"
