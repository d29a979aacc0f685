"""Two sign-ins of one account at the same moment: both get a token, one token remains, no 500.

Each sign-in replaces the account's token (accounts.domain.tokens.issue_token) under a lock on
the account row; without it, the second insert would hit the one-token-per-account constraint.
"""

import os
import threading

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 3


def _needs_postgresql():
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("needs PostgreSQL: CI must run the race tests on PostgreSQL")
        pytest.skip("needs PostgreSQL (row locks; SQLite serialises writers differently)")


def _sign_in_at_once(n: int) -> list[int]:
    barrier = threading.Barrier(n)
    statuses: list[int] = [0] * n

    def go(i):
        from django.db import connection as conn

        try:
            barrier.wait()
            statuses[i] = (
                APIClient()
                .post(
                    "/api/v1/auth/token/",
                    {"username": "t-applicant", "password": "pw-for-tests-1"},
                    format="json",
                )
                .status_code
            )
        finally:
            conn.close()

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_concurrent_sign_ins_leave_one_token(users):
    _needs_postgresql()
    for _ in range(TRIALS):
        assert _sign_in_at_once(4) == [200] * 4
        assert Token.objects.filter(user=users[Role.APPLICANT]).count() == 1
