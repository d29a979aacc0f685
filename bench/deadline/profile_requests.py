"""Per-endpoint cost of the deadline-day mix, in process (after a run, on the benchmark database).

    .venv/bin/python -m bench.deadline.profile_requests [--n 50] [--profile autosave]

Prints per kind: mean wall ms, CPU ms, SQL queries per request; with --profile KIND, a cProfile
listing. Final submits use drafts of their own (3 × n drafts needed: the other kinds, the timed
submits and the counted submits each use n).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "deadline-day-benchmark-" + "x" * 40)
os.environ.setdefault("BENCH_BASELINE_ENABLED", "true")
os.environ.setdefault("CONN_MAX_AGE", "600")
# Plain HTTP on the loopback, as the benchmark's gunicorn (no TLS proxy in front).
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from applications.models import Application

    drafts = list(
        Application.objects.filter(status="draft")
        .order_by("pk")
        .values_list("pk", "applicant_id")[: 3 * args.n]
    )
    n = args.n
    drafts, to_submit, to_count = drafts[:n], drafts[n : 2 * n], drafts[2 * n :]
    tokens = dict(
        Token.objects.filter(user_id__in=[u for _, u in drafts + to_submit + to_count]).values_list(
            "user_id", "key"
        )
    )
    call_id = Application.objects.values_list("call_id", flat=True).first()
    handler = WSGIHandler()  # the same entry point gunicorn calls, without a test client

    class Reply:
        status_code = 0
        content = b""

    def wsgi(method: str, path: str, token: str = "", body: bytes = b"") -> Reply:
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json", "SCRIPT_NAME": "", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        if token:
            environ["HTTP_AUTHORIZATION"] = f"Token {token}"
        if method == "POST":
            environ["HTTP_IDEMPOTENCY_KEY"] = f"profile-{path}"
        reply = Reply()

        def start_response(status, headers, exc_info=None):
            reply.status_code = int(status.split()[0])

        chunks = handler(environ, start_response)
        reply.content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return reply

    def kinds(to_submit=to_submit):
        for i, (app, user) in enumerate(drafts):
            token = tokens[user]
            yield "baseline", lambda: wsgi("GET", "/bench/baseline/")
            yield "page_list", lambda: wsgi("GET", "/calls/")
            yield "page_detail", lambda: wsgi("GET", f"/calls/{call_id}/")
            yield "detail", lambda a=app, t=token: wsgi("GET", f"/api/v1/applications/{a}/", t)
            yield (
                "validation",
                lambda a=app, t=token: wsgi("GET", f"/api/v1/applications/{a}/validation/", t),
            )
            body = f'{{"summary": "profile {i}"}}'.encode()
            yield (
                "autosave",
                lambda a=app, t=token, b=body: wsgi("PATCH", f"/api/v1/applications/{a}/", t, b),
            )
            if i < len(to_submit):
                s_app, s_user = to_submit[i]
                yield (
                    "submit",
                    lambda a=s_app, t=tokens[s_user]: wsgi(
                        "POST", f"/api/v1/applications/{a}/submit/", t, b"{}"
                    ),
                )

    warm = [(kind, call) for kind, call in kinds() if kind != "submit"][:12]
    for _kind, call in warm:  # warm-up: imports, URL resolvers, templates
        call()
    if os.environ.get("PROFILE_GC_FREEZE"):  # what config/gunicorn.py does before forking
        import gc

        gc.collect()
        gc.freeze()
    stats: dict[str, list] = {}
    profiler = cProfile.Profile()
    for kind, call in kinds():  # timing pass (no query capture, which slows every query)
        wall, cpu = time.perf_counter(), time.process_time()
        if kind == args.profile:
            profiler.enable()
        response = call()
        if kind == args.profile:
            profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert response.status_code == 200, (kind, response.status_code, response.content[:300])
        stats.setdefault(kind, []).append([wall, cpu])
    for kind, call in kinds(to_count):  # counting pass (submits: drafts of their own)
        with CaptureQueriesContext(connection) as queries:
            call()
        stats[kind].append(len(queries))
    print(
        f"{'kind':12} {'wall ms':>8} {'CPU ms':>8} {'× base':>7} {'queries':>8}"
        "  (one thread, in process; × base = CPU ms / the bare view's CPU ms)"
    )
    base_cpu = None
    for kind, rows in stats.items():
        timings = [r for r in rows if isinstance(r, list)]
        counts = [r for r in rows if isinstance(r, int)]
        wall = sum(r[0] for r in timings) / len(timings) * 1000
        cpu = sum(r[1] for r in timings) / len(timings) * 1000
        base_cpu = base_cpu or cpu  # "baseline" comes first
        print(
            f"{kind:12} {wall:8.2f} {cpu:8.2f} {cpu / base_cpu:7.1f} "
            f"{sum(counts) / len(counts):8.1f}"
        )
    if args.profile:
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
            45
        )


if __name__ == "__main__":
    main()
