"""Deadline-day benchmark (issue 3): gunicorn + PostgreSQL under a mix of autosaves, page views and
final submits by many applicants with client retries, against a bare Django view in the same run.

    .venv/bin/python bench/deadline_day.py --applicants 4000 --duration 30

Steps: re-create the benchmark database (migrate, load_programs), seed the call and complete drafts,
start gunicorn (config/gunicorn.py, DEBUG off), warm up, run wrk on the bare view (baseline) and on
the mix, stop gunicorn gracefully, verify the database against every reply the clients got, and
write bench/results/<run>/result.{json,md}. Needs `wrk` (apt-get install wrk).
"""

import argparse
import json
import os
import shutil
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.deadline import report  # noqa: E402
from bench.deadline.load import run_wrk  # noqa: E402
from bench.deadline.server import Granian, Gunicorn  # noqa: E402
from bench.deadline.storm import submit_faults  # noqa: E402

TARGET_RPS = 1300
TARGET_P99_MS = 1000


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--applicants", type=int, default=4000)
    p.add_argument("--duration", type=int, default=30, help="seconds per measured phase")
    p.add_argument("--warmup", type=int, default=5, help="seconds of read-only warm-up")
    p.add_argument("--connections", type=int, default=64, help="concurrent clients (wrk -t = -c)")
    p.add_argument("--program", default="INV", help="programme code of the benchmark call")
    p.add_argument("--mix", default="60,25,5,4,6", help="autosave,page,detail,validation,submit %%")
    p.add_argument("--dup-pct", type=int, default=5, help="%% of acknowledged submits re-sent")
    p.add_argument("--faults", type=int, default=50, help="drafts per submit-fault case (0: none)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=None, help="GUNICORN_WORKERS (default: config)")
    p.add_argument("--threads", type=int, default=None, help="GUNICORN_THREADS (default: config)")
    p.add_argument("--worker-class", default=None, help="GUNICORN_WORKER_CLASS (default: config)")
    p.add_argument(
        "--server", choices=["gunicorn", "granian"], default="gunicorn",
        help="granian (if installed) for comparison: --workers/--threads = workers/blocking threads",
    )  # fmt: skip
    p.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
        ),
    )
    p.add_argument(
        "--allow-invalid", action="store_true", help="run even if drafts do not validate"
    )
    return p.parse_args(argv)


def environment(args: argparse.Namespace) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": "deadline-day-benchmark-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "600",
        # gunicorn on the loopback without a TLS proxy: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_BASELINE_ENABLED": "true",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    for name, value in (
        ("GUNICORN_WORKERS", args.workers),
        ("GUNICORN_THREADS", args.threads),
        ("GUNICORN_WORKER_CLASS", args.worker_class),
    ):
        if value is not None:
            env[name] = str(value)
    return env


def main(argv=None) -> int:
    args = parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    run = time.strftime("%Y%m%d-%H%M%S")
    out_dir = ROOT / "bench" / "results" / f"deadline-day-{run}"
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment(args)
    os.environ.update(env)
    loadavg_before = os.getloadavg()

    from bench.deadline.seed import check_drafts, reset_database, seed

    t0 = time.monotonic()
    print(f"[1/6] re-creating {args.database_url.rsplit('/', 1)[1]} (migrate, load_programs)")
    reset_database(args.database_url, env)
    import django

    django.setup()
    from django.db import connections

    print(f"[2/6] seeding {args.applicants} applicants with complete drafts")
    population = seed(applicants=args.applicants, program_code=args.program)
    problems = check_drafts([a for a, _ in population.applicants[:3]])
    if problems:
        print("Seeded drafts do not validate:\n  " + "\n  ".join(problems[:20]), file=sys.stderr)
        if not args.allow_invalid:
            return 3
    apps_file = out_dir / "applicants.txt"
    apps_file.write_text("".join(f"{app} {token}\n" for app, token in population.applicants))
    connections.close_all()
    seed_s = time.monotonic() - t0

    server_class = Granian if args.server == "granian" else Gunicorn
    server = server_class(port=args.port, env=env, log_path=out_dir / f"{args.server}.log")
    wrk_env = {
        "DD_APPS": str(apps_file), "DD_CALLS": ",".join(map(str, population.calls_for_pages)),
        "DD_MIX": args.mix, "DD_DUP_PCT": str(args.dup_pct), "DD_RUN": run,
    }  # fmt: skip
    common = dict(server=server, connections=args.connections, env=wrk_env, out_dir=out_dir)
    print(f"[3/6] starting gunicorn on {server.base_url}")
    server.start()
    try:
        contract = check_contract(server.base_url, population.applicants[0])
        if contract:
            print("API contract check failed:\n  " + "\n  ".join(contract), file=sys.stderr)
            return 4
        login = sign_in_latency(server.base_url, population.applicants[-3:])
        print(f"[4/6] warm-up {args.warmup}s, baseline {args.duration}s, mixed {args.duration}s")
        run_wrk(name="warmup", mode="warm", duration_s=args.warmup, **common)
        baseline = run_wrk(name="baseline", mode="baseline", duration_s=args.duration, **common)
        mixed = run_wrk(name="mixed", mode="mixed", duration_s=args.duration, **common)
        touched = {r.app for r in mixed.requests if r.kind in ("submit", "retry", "dup")}
        fresh = [a for a in population.applicants if a[0] not in touched]
        print(
            f"      submit faults on {3 * args.faults} fresh drafts (double click, lost reply, abandoned)"
        )
        faults = submit_faults(port=args.port, applicants=fresh, run=run, per_case=args.faults)
    finally:
        print("[5/6] stopping gunicorn (graceful: requests in flight finish)")
        server.stop()

    print("[6/6] verifying the database against every reply")
    from bench.deadline.verify import verify

    requests = mixed.requests + faults["requests"]
    verification = verify(requests=requests, call_id=population.call_id, run=run)
    phases = {"baseline": report.phase_figures(baseline), "mixed": report.phase_figures(mixed)}
    ratio = phases["mixed"]["rps"] / phases["baseline"]["rps"] if phases["baseline"]["rps"] else 0
    met = phases["mixed"]["rps"] >= TARGET_RPS and phases["mixed"]["p99_ms"] <= TARGET_P99_MS
    result = {
        "run": run,
        "applicants": args.applicants,
        "connections": args.connections,
        "mix": args.mix,
        "dup_pct": args.dup_pct,
        "program": args.program,
        "machine": {
            "cores": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in loadavg_before],
        },
        "gunicorn": gunicorn_description(env) if args.server == "gunicorn" else server.describe(),
        "seed_seconds": round(seed_s, 1),
        "login": login,
        "phases": phases,
        "ratio": round(ratio, 4),
        "target": {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS, "met": met},
        "submit_faults": faults["summary"],
        "verification": verification,
    }
    json_path, md_path = report.write(out_dir, result)
    print(report.summary_table(result))
    print(f"results: {md_path.relative_to(ROOT)} and {json_path.name}")
    return 0 if verification["ok"] else 1


def gunicorn_description(env: dict) -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gconf", ROOT / "config" / "gunicorn.py")
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        conf = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(conf)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return f"{conf.workers} × {conf.worker_class} workers, {conf.threads} threads, preload {conf.preload_app}"


def _call(url: str, *, method: str = "GET", token: str = "", body: dict | None = None) -> tuple:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Token {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def check_contract(base: str, applicant: tuple[int, str]) -> list[str]:
    """The endpoints the load uses answer as agreed (read-only calls, so the draft stays intact)."""
    app, token = applicant
    errors = []
    for path in (
        f"/api/v1/applications/{app}/",
        f"/api/v1/applications/{app}/validation/",
        "/calls/",
    ):
        status, body = _call(base + path, token=token if "api" in path else "")
        if status != 200:
            errors.append(f"GET {path} → {status}: {body[:300]!r}")
    return errors


def sign_in_latency(base: str, applicants: list[tuple[int, str]]) -> dict:
    """Sequential token sign-ins: their password hashing is why the load uses tokens issued before."""
    from accounts.models import User
    from bench.deadline.seed import PASSWORD

    usernames = list(
        User.objects.filter(applications__pk__in=[a for a, _ in applicants]).values_list(
            "username", flat=True
        )
    )
    timings = []
    for username in usernames:
        t = time.monotonic()
        status, _ = _call(
            base + "/api/v1/auth/token/",
            method="POST",
            body={"username": username, "password": PASSWORD},
        )
        timings.append((status, round((time.monotonic() - t) * 1000, 1)))
    return {"samples": timings}


if __name__ == "__main__":
    sys.exit(main())
