"""gunicorn settings for the portal (production and the deadline-day benchmark).

Tuned for the 2-core machine the portal is measured on: threaded workers (`gthread`) keep HTTP/1.1
connections alive and overlap PostgreSQL round trips; the app is preloaded once and forked.
Every value can be overridden from the environment (GUNICORN_*), e.g. by bench/deadline_day.py.

    gunicorn -c config/gunicorn.py
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes per core, two threads each. On the 2-core machine (bench/README.md, runs of
# 2026-11-22, mixed deadline-day req/s): 2 × 8 threads 315, 3 × 2 405–506, 4 × 1 444–476,
# 4 × 2 447–476, 6 × 1 458, 8 × 1 414. Many threads per process lose to GIL hand-offs; a second
# thread still lets a worker serve while one request waits on PostgreSQL (row locks, commits).
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count())
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 2)
worker_connections = _int("GUNICORN_WORKER_CONNECTIONS", 1000)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
keepalive = _int("GUNICORN_KEEPALIVE", 15)
backlog = _int("GUNICORN_BACKLOG", 2048)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 0)
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
proc_name = "seoul-rnd-portal"


def post_fork(server, worker):
    # Preloading imported Django in the master; make sure no database connection opened there
    # (e.g. by an import-time query) is shared by the forked workers.
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()


def pre_fork(server, worker):
    # Everything the preloaded app created (modules, URL resolvers, templates, translations) lives
    # as long as the process: move it out of the garbage collector's reach, so that collections
    # in the workers scan only the objects of requests (and pages stay shared after the fork).
    import gc

    gc.collect()
    gc.freeze()
