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
import threading
import time

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


def race(*actions) -> list[tuple]:
    """Run the callables at the same moment, one thread (and connection) each.

    Returns [(value, None) or (None, exception)] in the order of `actions`.
    """
    barrier = threading.Barrier(len(actions))
    outcomes: list = [None] * len(actions)

    def go(index, action):
        from django.db import connection as conn

        try:
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
