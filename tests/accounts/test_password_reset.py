"""Password reset by e-mail: Django's auth views with the portal's templates (ko/en)."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = "green-Lantern-2026"


def _p(lang: str) -> str:
    return "" if lang == "ko" else f"/{lang}"


def _request_link(client, email: str, lang: str = "ko") -> str:
    response = client.post(f"{_p(lang)}/accounts/password/reset/", {"email": email})
    assert response.status_code == 302
    assert response["Location"] == f"{_p(lang)}/accounts/password/reset/sent/"
    found = re.search(r"https?://[^/\s]+(/\S+/password/reset/\S+/\S+/)", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_password_reset_round_trip(lang):
    user = UserFactory(username="pi.lee", email="pi.lee@example.kr")
    client = Client()
    link = _request_link(client, "PI.Lee@example.kr", lang)
    assert mail.outbox[0].to == ["pi.lee@example.kr"]
    assert ("비밀번호" in mail.outbox[0].subject) == (lang == "ko")
    form = client.get(link, follow=True)  # Django moves the token into the session
    assert form.status_code == 200 and 'name="new_password2"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert done["Location"] == f"{_p(lang)}/accounts/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert Client().login(username="pi.lee", password=NEW)
    # the link works once
    again = Client().get(link, follow=True).content.decode()
    assert 'name="new_password1"' not in again


def test_weak_new_password_is_refused_next_to_the_field():
    user = UserFactory(username="pi.lee", email="pi.lee@example.kr")
    client = Client()
    link = _request_link(client, user.email)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "1234", "new_password2": "1234"})
    assert response.status_code == 200
    assert 'id="id_new_password2_error"' in response.content.decode()
    user.refresh_from_db()
    assert not user.check_password("1234")


def test_unknown_address_gets_the_same_answer_and_no_mail():
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.kr"})
    assert response.status_code == 302 and mail.outbox == []


def test_a_bad_token_shows_the_invalid_link_page():
    response = Client().get("/en/accounts/password/reset/MQ/set-password/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "invalid or has expired" in html


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_reset_pages_render(lang):
    client = Client()
    for path in ["password/reset/", "password/reset/sent/", "password/reset/done/"]:
        response = client.get(f"{_p(lang)}/accounts/{path}")
        assert response.status_code == 200, path
    page = client.get(f"{_p(lang)}/accounts/password/reset/").content.decode()
    assert ("비밀번호 재설정" in page) == (lang == "ko")
