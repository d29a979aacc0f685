"""Shared fixtures: the catalogue, one user per role, API clients; a fast password hasher."""

import pytest
from django.test.utils import override_settings
from rest_framework.test import APIClient

from accounts.enums import Role
from tests import template_db
from tests.beat_schedules import beat_schedules  # noqa: F401  (fixture)
from tests.factories import InstitutionFactory, UserFactory


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: the fuzz suite (tests/fuzz/): no 5xx on any input, no change on refusal"
    )
    template_db.prepare(config)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """pytest-django's per-worker database name, plus the migrated template (tests/template_db.py)."""
    template_db.use_in_worker()


# The longest tests of the transactional block (measured with --durations): they start first so
# the xdist workers finish together instead of one waiting on a long browser test at the end.
LONGEST_FIRST = (
    "tests/e2e/test_a11y_pages.py",
    "tests/e2e/test_journey.py",
    "tests/e2e/test_journey_post_award.py",
    "tests/e2e/test_journey_testbed.py",
    "tests/e2e/test_applicant_submit.py",
)
# The last tests of the run go to the workers one at a time (see _TailOneByOne).
TAIL = 400


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """After pytest-django has put the transactional tests after the others (its hook runs
    first), order that block longest first: the known long browser tests, the other browser tests,
    then the rest (races, workers), each of the first ones followed by a short test, so that a
    worker keeping two tests in hand does not hold two long ones. Only positions inside the block
    change."""
    places = [i for i, item in enumerate(items) if _transactional(item)]

    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        if path in LONGEST_FIRST:
            return LONGEST_FIRST.index(path)
        return len(LONGEST_FIRST) + (0 if item.get_closest_marker("e2e") else 1)

    ordered = sorted((items[i] for i in places), key=rank)
    browser = [item for item in ordered if item.get_closest_marker("e2e")]
    other = [item for item in ordered if not item.get_closest_marker("e2e")]
    block = []
    while browser or other:
        block += [browser.pop(0)] if browser else []
        block += [other.pop(0)] if other else []
    for i, item in zip(places, block, strict=True):
        items[i] = item


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's load scheduling, except that the last TAIL tests (the transactional block:
    browser tests, races, Celery workers) go out one at a time. By default a worker running low
    takes half of its share of what is left in one chunk, and one worker took every browser test
    while the others had finished (measured: 761 s against 514 s)."""
    from xdist.scheduler import LoadScheduling

    class _TailOneByOne(LoadScheduling):
        def _send_tests(self, node, num: int) -> None:
            if len(self.pending) <= TAIL:
                num = min(num, max(1, 2 - len(self.node2pending[node])))
            super()._send_tests(node, num)

    return _TailOneByOne(config, log)


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


def pytest_runtest_logreport(report):
    """PORTAL_TEST_TIMELINE=<file>: one line per test phase (worker, end time, duration, phase,
    test) to see how the workers are kept busy; nothing otherwise."""
    path = __import__("os").environ.get("PORTAL_TEST_TIMELINE")
    if path:
        import os
        import time

        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(path, "a") as out:
            out.write(
                f"{worker} {time.time():.2f} {report.duration:.2f} {report.when} {report.nodeid}\n"
            )
