"""One migrated PostgreSQL template for every pytest-xdist worker's test database.

Without it each worker builds its own test database through all migrations at the same time
(~25-35 s of Python each, three at once on two cores). With ``--create-db`` and several workers on
PostgreSQL (CI), the controller migrates one database ``test_<name>_template`` once, before the
workers start; each worker's database is then created as a copy of it (``CREATE DATABASE …
TEMPLATE``, Django's ``TEST["TEMPLATE"]``) and its own ``migrate`` finds nothing left to apply.

Anything else (SQLite, one process, ``--reuse-db``) builds the test databases as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV = "PORTAL_TEST_DB_TEMPLATE"
ROOT = Path(__file__).resolve().parent.parent


def _wanted(config) -> bool:
    from django.conf import settings

    if hasattr(config, "workerinput"):  # an xdist worker: the controller decides
        return False
    workers = config.getoption("numprocesses", default=None)
    return bool(
        config.getoption("create_db", default=False)
        and workers
        and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        and os.environ.get("DATABASE_URL")
    )


def prepare(config) -> None:
    """In the xdist controller: (re)create and migrate the template; workers learn its name."""
    os.environ.pop(ENV, None)
    if not _wanted(config):
        return
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    name = f"test_{db['NAME']}_template"
    admin = psycopg2.connect(
        dbname="postgres", user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    url = urlsplit(os.environ["DATABASE_URL"])
    env = {**os.environ, "DATABASE_URL": urlunsplit(url._replace(path="/" + name))}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    os.environ[ENV] = name  # inherited by the workers, which start after this hook


def use_in_worker() -> None:
    """In a worker (or a plain run): create the test database from the template, if there is one."""
    name = os.environ.get(ENV)
    if not name:
        return
    from django.db import connections

    connections["default"].settings_dict.setdefault("TEST", {})["TEMPLATE"] = name
