"""Database: embedded SQLite under var/ by default, PostgreSQL via DATABASE_URL."""

from config.env import BASE_DIR, env

(BASE_DIR / "var").mkdir(exist_ok=True)

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}")
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default must hold concurrent autosaves (gunicorn threads, two sections saved at
    # once): WAL lets readers run beside the writer; the busy timeout makes a writer wait for the
    # lock instead of failing; and every transaction takes the write lock up front
    # (BEGIN IMMEDIATE). A deferred transaction that reads first and writes later fails at once
    # with "database is locked" when another writer got in between: SQLite cannot wait there,
    # because waiting could deadlock. tests/applications/test_autosave_concurrency.py.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    # Tests: a file, not Django's in-memory default. In memory, the live server's threads share
    # one connection, so two requests at once (autosave beside a submit) interleave inside one
    # transaction — a failure the embedded default never has. A file gives every thread its own
    # connection with the options above, as a web process has. (pytest-xdist adds a suffix per
    # worker; --reuse-db keeps it between local runs.)
    DATABASES["default"].setdefault("TEST", {})
    DATABASES["default"]["TEST"].setdefault("NAME", str(BASE_DIR / "var" / "test_portal.sqlite3"))
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
