"""Shared fixtures: the catalogue, one user per role, API clients; a fast password hasher."""

import pytest
from django.test.utils import override_settings
from rest_framework.test import APIClient

from accounts.enums import Role
from tests.beat_schedules import beat_schedules  # noqa: F401  (fixture)
from tests.factories import InstitutionFactory, UserFactory


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: the fuzz suite (tests/fuzz/): no 5xx on any input, no change on refusal"
    )


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """PBKDF2 costs ~0.4 s per password: it was 90 % of the suite's time. Tests check who may do
    what, not the hash's strength, so they use MD5 (production settings are unchanged)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _sign_in_lockout_off():
    """django-axes needs the request in authenticate(), which `Client.login()` does not pass, and
    the suite signs in from one IP many times. It is off here, as axes' documentation advises for
    test suites; tests/accounts/test_lockout.py switches it on (`settings.AXES_ENABLED = True`)."""
    with override_settings(AXES_ENABLED=False):
        yield


@pytest.fixture
def catalogue(db):
    from programs.domain.catalogue import load_catalogue

    load_catalogue()


@pytest.fixture
def users(db):
    """One active user per role (staff, applicant, evaluator, official, operator)."""
    institution = InstitutionFactory()
    return {
        Role.STAFF: UserFactory(username="t-staff", role=Role.STAFF),
        Role.APPLICANT: UserFactory(
            username="t-applicant", role=Role.APPLICANT, institution=institution
        ),
        Role.EVALUATOR: UserFactory(username="t-evaluator", role=Role.EVALUATOR),
        Role.OFFICIAL: UserFactory(username="t-official", role=Role.OFFICIAL),
        Role.OPERATOR: UserFactory(username="t-operator", role=Role.OPERATOR),
    }


@pytest.fixture
def api_client():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a request under /en/ leaves "en" active in the
    thread, and a later test's reverse() would then build /en/ URLs (order-dependent failures)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
