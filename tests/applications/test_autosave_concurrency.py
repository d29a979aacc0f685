"""Concurrent autosaves of two sections (threads, as gunicorn's threads do) all succeed, and every
save the server acknowledged is stored: on the embedded default (SQLite: WAL, busy timeout,
BEGIN IMMEDIATE) and on PostgreSQL.

SQLite: pytest-django's SQLite test database is in memory, where threads share one cache and
SQLite's file locking (and so the busy timeout and BEGIN IMMEDIATE) does not apply. The test copies
the test database to a file and gives each thread its own connection to that file, with the
project's connection options, as a web process has.
"""

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from applications.domain.drafts import create_draft
from applications.domain.validation import ELIGIBILITY_QUESTIONS
from applications.models import Application
from tests.applications.factories import PLAN, applicant_with_institution, make_call
from tests.races import sqlite_file_database

pytestmark = [pytest.mark.embedded_sqlite, pytest.mark.django_db(transaction=True)]

SAVES_PER_SECTION = 12


@contextmanager
def database_for_threads(tmp_path):
    """Yields `use()`: on SQLite a file copy shared by the threads (tests.races), else a no-op."""
    if connections["default"].vendor != "sqlite":
        yield lambda: None
        return
    with sqlite_file_database(tmp_path) as use:
        yield use


def plan_post(i: int) -> dict:
    post = {k: v for k, v in PLAN.items() if not isinstance(v, dict | list | bool)}
    return {**post, "title_ko": f"plan-{i}", "summary": f"요약 {i}"}


def forms_post(i: int) -> dict:
    return {
        **{f"elig-{code}": "1" for code, _ko, _en in ELIGIBILITY_QUESTIONS},
        "privacy_consent": "1",
        "export_record": "1" if i % 2 else "",
        "rnd-0-year": "2022", "rnd-0-kind": "seoul", "rnd-0-title": f"forms-{i}",
        "rnd-0-agency": "SBA", "rnd-0-amount_krw": str(1000 + i),
    }  # fmt: skip


def schedule_patch(i: int) -> dict:
    return {"schedule": [{"year": 1, "starts_on": "2023-10-01", "ends_on": "2024-09-30",
                          "goals": f"api-{i}"}]}  # fmt: skip


def stored(section: str, app: Application, i: int) -> bool:
    if section == "api":
        return [row.get("goals") for row in app.schedule] == [f"api-{i}"]
    if section == "plan":
        return app.title_ko == f"plan-{i}" and app.summary == f"요약 {i}"
    return (
        app.export_record is bool(i % 2)
        and [r.get("title") for r in app.rnd_record] == [f"forms-{i}"]
        and app.privacy_consent
    )


def test_concurrent_autosaves_of_two_sections_are_all_stored(catalogue, tmp_path, settings):
    assert connection.vendor != "sqlite" or (
        connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE"
    )
    user = applicant_with_institution(username="concurrent-autosave")
    call = make_call()
    app = create_draft(call=call, applicant=user, program=call.programs.first())
    # Two sections of the edit page (htmx autosave) and the API's PATCH of a third field at once.
    posts = {"plan": plan_post, "forms": forms_post, "api": schedule_patch}
    results: list[tuple] = []
    lost: list[tuple] = []
    errors: list[BaseException] = []

    with database_for_threads(tmp_path) as use:
        barrier = threading.Barrier(len(posts))

        def worker(section: str) -> None:
            try:
                use()
                if section == "api":
                    client = APIClient(raise_request_exception=False)
                    client.force_authenticate(user)
                    url = reverse("api-application", args=[app.pk])
                else:
                    client = Client(raise_request_exception=False)
                    client.force_login(user)
                    url = reverse("applications:save", args=[app.pk, section])
                barrier.wait(timeout=30)
                for i in range(SAVES_PER_SECTION):
                    if section == "api":
                        response = client.patch(url, posts[section](i), format="json")
                        acked = response.status_code == 200
                    else:
                        response = client.post(url, posts[section](i), HTTP_HX_REQUEST="true")
                        acked = (
                            response.status_code == 200
                            and b'data-autosave-state="saved"' in response.content
                        )
                    results.append((section, i, response.status_code, acked))
                    if acked:  # acknowledged: it must be stored (nobody else writes this section)
                        fresh = Application.objects.get(pk=app.pk)
                        if not stored(section, fresh, i):
                            lost.append((section, i))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                connections["default"].close()

        threads = [threading.Thread(target=worker, args=(s,)) for s in posts]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert not errors, errors
        failed = [r for r in results if not r[3]]
        assert failed == [], f"saves not acknowledged: {failed}"
        assert len(results) == len(posts) * SAVES_PER_SECTION
        assert lost == [], f"acknowledged saves not stored: {lost}"
        use()
        final = Application.objects.get(pk=app.pk)
        for section in posts:
            last = max(i for s, i, _status, acked in results if s == section and acked)
            assert stored(section, final, last), section
