"""Per-endpoint cost of the deadline-day mix, in process (after a run, on the benchmark database).

    .venv/bin/python -m bench.deadline.profile_requests [--n 50] [--profile autosave]

Prints per kind: mean wall ms, SQL queries per request; with --profile KIND, a cProfile listing.
"""

import argparse
import cProfile
import os
import pstats
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "deadline-day-benchmark-" + "x" * 40)
os.environ.setdefault("BENCH_BASELINE_ENABLED", "true")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from applications.models import Application

    drafts = list(
        Application.objects.filter(status="draft").values_list("pk", "applicant_id")[: args.n]
    )
    tokens = dict(
        Token.objects.filter(user_id__in=[u for _, u in drafts]).values_list("user_id", "key")
    )
    call_id = Application.objects.values_list("call_id", flat=True).first()
    client = Client(HTTP_HOST="127.0.0.1")

    def kinds():
        for i, (app, user) in enumerate(drafts):
            auth = {"HTTP_AUTHORIZATION": f"Token {tokens[user]}"}
            yield "baseline", lambda: client.get("/bench/baseline/")
            yield "page_list", lambda: client.get("/calls/")
            yield "page_detail", lambda: client.get(f"/calls/{call_id}/")
            yield "detail", lambda a=app, h=auth: client.get(f"/api/v1/applications/{a}/", **h)
            yield (
                "validation",
                lambda a=app, h=auth: client.get(f"/api/v1/applications/{a}/validation/", **h),
            )
            body = f'{{"summary": "profile {i}"}}'
            yield (
                "autosave",
                lambda a=app, h=auth, b=body: client.patch(
                    f"/api/v1/applications/{a}/", b, content_type="application/json", **h
                ),
            )

    stats: dict[str, list] = {}
    profiler = cProfile.Profile()
    for kind, call in kinds():
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            if kind == args.profile:
                profiler.enable()
            response = call()
            if kind == args.profile:
                profiler.disable()
            elapsed = time.perf_counter() - t
        assert response.status_code == 200, (kind, response.status_code, response.content[:300])
        stats.setdefault(kind, []).append((elapsed, len(queries)))
    for kind, rows in stats.items():
        wall = sum(r[0] for r in rows) / len(rows) * 1000
        print(f"{kind:12} {wall:7.2f} ms  {sum(r[1] for r in rows) / len(rows):5.1f} queries")
    if args.profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
