"""Django's password validators are on: similarity to the account, numeric-only, common, length."""

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _codes(password, user=None) -> set[str]:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return {e.code for e in exc.error_list}
    return set()


def test_password_like_the_username_is_refused():
    user = User(username="kimresearch", email="kim@example.org")
    assert "password_too_similar" in _codes("kimresearch1", user)


def test_numeric_password_is_refused():
    assert "password_entirely_numeric" in _codes("98765432101")


def test_short_and_common_passwords_are_refused():
    assert "password_too_short" in _codes("x7#kq2")
    assert "password_too_common" in _codes("password1234")


def test_a_good_password_passes():
    user = User(username="kimresearch", email="kim@example.org")
    assert _codes("서울 연구 2021 봄비", user) == set()
    assert _codes("tidal-Orbit-58-quince", user) == set()


@pytest.mark.parametrize("password", ["kimresearch1", "98765432101"])
def test_admin_add_user_page_refuses_them(client, password):
    admin = UserFactory(username="t-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "kimresearch",
            "password1": password,
            "password2": password,
            "usable_password": "true",
            "role": "applicant",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not User.objects.filter(username="kimresearch").exists()
    assert response.context["adminform"].form.errors["password2"]


def test_set_password_form_refuses_numeric():
    user = UserFactory(username="parkresearch")
    form = SetPasswordForm(
        user, data={"new_password1": "98765432101", "new_password2": "98765432101"}
    )
    assert not form.is_valid()
    assert any("numeric" in e or "숫자" in e for e in form.errors["new_password2"])
