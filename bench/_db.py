"""Shared by the benchmarks: a fresh PostgreSQL database per run."""

import psycopg2
from psycopg2 import sql


def recreate_database(url: str) -> None:
    """Drop and create the database named at the end of `url` (connecting to `postgres`)."""
    base, name = url.rsplit("/", 1)
    conn = psycopg2.connect(base + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


def fresh_django(url: str) -> None:
    """Recreate the database, point Django at it, set up, migrate and load the catalogue."""
    import os

    recreate_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_programs", verbosity=0)
