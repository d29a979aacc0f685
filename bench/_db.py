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
