"""Helpers for race tests: run decisions at the same moment in threads on PostgreSQL.

Usage (see tests/evaluation/test_races.py)::

    @pytest.mark.django_db(transaction=True)      # the threads must see committed rows
    def test_two_staff_decide_at_once(...):
        needs_postgresql()
        with mock.patch.object(module, "record_audit", slow(module.record_audit)):
            outcomes = race(lambda: decide(..., a), lambda: decide(..., b))
        winner = one_wins(outcomes)               # the other got AlreadyDecided

`slow` keeps the first decision uncommitted after its state check (the audit write comes after the
check and before the commit), so without a row lock the second one always reads stale state: the
race is certain, not lucky, and a few trials are enough.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection

from config.locking import AlreadyDecided

SLOW = 0.15  # seconds


def needs_postgresql() -> None:
    """Skip on SQLite ("needs PostgreSQL"); fail instead when CI is set."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("needs PostgreSQL: CI must run the race tests on PostgreSQL")
        pytest.skip("needs PostgreSQL (row locks; SQLite serialises writers differently)")


def slow(func, seconds: float = SLOW):
    """`func` after a pause: wrap a write that happens between a state check and the commit."""

    def wrapper(*args, **kwargs):
        time.sleep(seconds)
        return func(*args, **kwargs)

    return wrapper


def race(*actions, setup=None) -> list[tuple]:
    """Run the callables at the same moment, one thread (and connection) each.

    `setup` runs first in each thread (e.g. `use` of sqlite_file_database). Returns
    [(value, None) or (None, exception)] in the order of `actions`.
    """
    barrier = threading.Barrier(len(actions))
    outcomes: list = [None] * len(actions)

    def go(index, action):
        from django.db import connection as conn

        try:
            if setup is not None:
                setup()
            barrier.wait()
            outcomes[index] = (action(), None)
        except Exception as exc:  # noqa: BLE001 - asserted by the caller
            outcomes[index] = (None, exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=go, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def one_wins(outcomes) -> int:
    """Exactly one action succeeded and every other was refused as already decided: its index."""
    errors = [exc for _value, exc in outcomes if exc is not None]
    assert all(isinstance(e, AlreadyDecided) for e in errors), errors
    winners = [i for i, (_value, exc) in enumerate(outcomes) if exc is None]
    assert len(winners) == 1, outcomes
    return winners[0]


@contextmanager
def sqlite_file_database(tmp_path):
    """For races on the embedded default (SQLite): yields `use()`, which points the calling
    thread's default connection at a file copy of the test database, with the project's options
    (WAL, busy timeout, BEGIN IMMEDIATE), as a web process's threads have. pytest-django's SQLite
    test database is in memory, where SQLite's file locking does not apply.
    """
    from django.db import connections
    from django.db.backends.sqlite3.base import DatabaseWrapper

    default = connections["default"]
    assert default.vendor == "sqlite"
    path = tmp_path / "races.sqlite3"
    default.ensure_connection()
    target = sqlite3.connect(path)
    default.connection.backup(target)
    target.close()
    settings_dict = {**default.settings_dict, "NAME": str(path)}
    settings_dict["OPTIONS"] = dict(default.settings_dict.get("OPTIONS") or {})
    opened = []

    def use():
        wrapper = DatabaseWrapper(settings_dict, alias="default")
        connections["default"] = wrapper
        opened.append(wrapper)

    try:
        yield use
    finally:
        for wrapper in opened:  # the threads closed their own; this thread's is closed here
            if wrapper._thread_ident == threading.get_ident():
                wrapper.close()
        connections["default"] = default
