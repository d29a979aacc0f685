"""One migrated PostgreSQL template for every pytest-xdist worker's test database.

Without it each worker builds its own test database through all migrations at the same time
(~25-35 s of Python each, three at once on two cores). With ``--create-db`` and several workers on
PostgreSQL (CI), the controller migrates one database ``test_<name>_template`` once, in the
background while the workers start and collect; each worker's database is then created as a copy
of it (``CREATE DATABASE … TEMPLATE``, Django's ``TEST["TEMPLATE"]``) and its own ``migrate``
finds nothing left to apply. Measured: a worker's database setup 26.6 s → 1.6 s.

Anything else (SQLite, one process, ``--reuse-db``) builds the test databases as before.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENV = "PORTAL_TEST_DB_TEMPLATE"
ROOT = Path(__file__).resolve().parent.parent


def _wanted(config) -> bool:
    from django.conf import settings

    workers = config.getoption("numprocesses", default=None)
    return bool(
        config.getoption("create_db", default=False)
        and workers
        and settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        and os.environ.get("DATABASE_URL")
    )


def prepare(config) -> None:
    """In the xdist controller: (re)create the template and migrate it in the background, while
    the workers start and collect; the workers learn its name and wait for the migration."""
    if hasattr(config, "workerinput"):  # a worker: keeps the name its controller gave it
        return
    os.environ.pop(ENV, None)
    if not _wanted(config):
        return
    import tempfile

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
    done = Path(tempfile.mkdtemp(prefix="portal-template-")) / "status"
    # The migration writes "ok" (or "failed") to `done` when it ends; the controller does not wait.
    subprocess.Popen(
        ["bash", "-c", 'if "$0" manage.py migrate --noinput -v 0; then s=ok; else s=failed; fi; '
                       'echo $s > "$1.tmp" && mv "$1.tmp" "$1"', sys.executable, str(done)],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": urlunsplit(url._replace(path="/" + name))},
    )  # fmt: skip
    os.environ[ENV] = f"{name}:{done}"  # inherited by the workers, which start after this hook


def use_in_worker(timeout: float = 600.0) -> None:
    """In a worker: once the template's migration has ended, create the test database from it (if
    the migration failed, the worker migrates its own database as without a template)."""
    value = os.environ.get(ENV)
    if not value:
        return
    name, done = value.split(":", 1)
    deadline = time.monotonic() + timeout
    while not os.path.exists(done) and time.monotonic() < deadline:
        time.sleep(0.2)
    if not os.path.exists(done) or Path(done).read_text().strip() != "ok":
        sys.stderr.write(f"tests/template_db.py: template {name} not ready, migrating instead\n")
        return
    from django.db import connections

    connections["default"].settings_dict.setdefault("TEST", {})["TEMPLATE"] = name
