"""A PI signs up: an inactive applicant, a verification link by e-mail, activation signs in."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "blue-Harbour-2026"


def _p(lang: str) -> str:
    """Korean is the default language: its URLs have no prefix."""
    return "" if lang == "ko" else f"/{lang}"


def _form(**overrides) -> dict:
    data = {
        "username": "pi.kim",
        "name": "김연구",
        "email": "pi.kim@example.kr",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def _sign_up(client, captured, lang="ko", **overrides):
    with captured(execute=True):
        return client.post(f"{_p(lang)}/accounts/signup/", _form(**overrides))


def _link(message) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+/signup/verify/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_sign_up_creates_an_inactive_applicant_and_mails_the_link(
    django_capture_on_commit_callbacks,
):
    client = Client()
    response = _sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(username="pi.kim")
    assert not user.is_active and user.role == Role.APPLICANT and user.first_name == "김연구"
    assert user.check_password(PASSWORD)
    assert [m.to for m in mail.outbox] == [["pi.kim@example.kr"]]
    assert "/accounts/signup/verify/" in mail.outbox[0].body
    assert "이메일" in mail.outbox[0].subject
    # not active yet: the password does not sign in
    assert not client.login(username="pi.kim", password=PASSWORD)


def test_following_the_link_activates_signs_in_and_points_to_the_institution(
    django_capture_on_commit_callbacks,
):
    client = Client()
    _sign_up(client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    page = client.get(link)  # a mail scanner's prefetch changes nothing
    assert page.status_code == 200 and not User.objects.get(username="pi.kim").is_active
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/accounts/institution/"
    assert User.objects.get(username="pi.kim").is_active
    assert client.get("/accounts/institution/").status_code == 200  # signed in
    # the link works once: signing in changed last_login, which the token hashes
    again = Client().post(link)
    assert again.status_code == 400


def test_a_bad_token_is_refused():
    user = UserFactory(username="waiting", is_active=False)
    from accounts.domain.signup import verification_uid

    response = Client().post(f"/accounts/signup/verify/{verification_uid(user)}/bad-token/")
    assert response.status_code == 400
    assert "유효하지 않" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_garbled_uid_is_refused_without_error():
    assert Client().get("/accounts/signup/verify/!!!/abc-def/").status_code == 400
    assert Client().post("/en/accounts/signup/verify/MTIzNDU2/abc-def/").status_code == 400


def test_an_expired_link_is_refused(django_capture_on_commit_callbacks, settings, monkeypatch):
    _sign_up(Client(), django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    later = timezone.now().timestamp() + settings.PASSWORD_RESET_TIMEOUT + 60
    from django.contrib.auth.tokens import default_token_generator

    monkeypatch.setattr(
        default_token_generator,
        "_now",
        lambda: timezone.datetime.fromtimestamp(later),
    )
    assert Client().post(link).status_code == 400
    assert not User.objects.get(username="pi.kim").is_active


@pytest.mark.parametrize(
    ("lang", "message"),
    [("ko", "이미 가입된 이메일"), ("en", "An account with this e-mail address already exists")],
)
def test_a_duplicate_email_is_refused_next_to_the_field(
    django_capture_on_commit_callbacks, lang, message
):
    UserFactory(username="someone", email="PI.Kim@example.kr")
    response = _sign_up(Client(), django_capture_on_commit_callbacks, lang=lang)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html and message in html
    assert 'value="pi.kim"' in html and 'value="김연구"' in html  # input kept
    assert not User.objects.filter(username="pi.kim").exists() and mail.outbox == []


@pytest.mark.parametrize(
    ("lang", "message"), [("ko", "이미 사용 중인 아이디"), ("en", "This username is already taken")]
)
def test_a_duplicate_username_is_refused_next_to_the_field(
    django_capture_on_commit_callbacks, lang, message
):
    UserFactory(username="PI.KIM", email="other@example.kr")
    response = _sign_up(Client(), django_capture_on_commit_callbacks, lang=lang)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_username_error"' in html and message in html
    assert mail.outbox == []


def test_passwords_are_checked_by_the_configured_validators(django_capture_on_commit_callbacks):
    client = Client()
    short = _sign_up(client, django_capture_on_commit_callbacks, password1="abc", password2="abc")
    assert 'id="id_password1_error"' in short.content.decode()
    mismatch = _sign_up(client, django_capture_on_commit_callbacks, password2="other-Pass-2026")
    assert 'id="id_password2_error"' in mismatch.content.decode()
    assert not User.objects.filter(username="pi.kim").exists()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sign_up_page_and_links(lang):
    client = Client()
    page = client.get(f"{_p(lang)}/accounts/signup/").content.decode()
    assert 'name="password2"' in page and 'autocomplete="new-password"' in page
    login = client.get(f"{_p(lang)}/accounts/login/").content.decode()
    assert f'href="{_p(lang)}/accounts/signup/"' in login
    assert f'href="{_p(lang)}/accounts/password/reset/"' in login
    assert f'href="{_p(lang)}/accounts/signup/resend/"' in login
    home = client.get(f"{_p(lang)}/").content.decode()
    assert f'href="{_p(lang)}/accounts/signup/"' in home


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.STAFF, Role.EVALUATOR])
def test_signed_in_users_are_sent_home_from_the_sign_up_page(role):
    client = Client()
    client.force_login(UserFactory(role=role))
    response = client.post("/accounts/signup/", _form())
    assert response.status_code == 302
    assert not User.objects.filter(username="pi.kim").exists()


def test_a_lost_link_can_be_sent_again(django_capture_on_commit_callbacks):
    client = Client()
    _sign_up(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/resend/", {"email": "PI.KIM@example.kr"})
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    assert len(mail.outbox) == 2
    assert client.post(_link(mail.outbox[1])).status_code == 302
    assert User.objects.get(username="pi.kim").is_active


def test_resend_answers_the_same_and_sends_nothing_for_other_accounts(
    django_capture_on_commit_callbacks,
):
    UserFactory(username="active", email="active@example.kr")  # confirmed already
    UserFactory(username="staffer", email="off@example.kr", role=Role.STAFF, is_active=False)
    client = Client()
    for email in ["active@example.kr", "off@example.kr", "nobody@example.kr"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/en/accounts/signup/resend/", {"email": email})
        assert response.status_code == 302 and response["Location"] == "/en/accounts/signup/sent/"
    assert mail.outbox == []


def test_a_deactivated_account_that_was_used_is_not_reopened_by_an_old_link(
    django_capture_on_commit_callbacks,
):
    _sign_up(Client(), django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    user = User.objects.get(username="pi.kim")
    user.last_login = timezone.now()  # the account was used, then staff deactivated it
    user.save()
    assert Client().post(link).status_code == 400
    user.refresh_from_db()
    assert not user.is_active
