"""Run wrk with the deadline-day Lua script and read back its per-request log."""

import json
import os
import resource
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.deadline.server import Gunicorn, machine_cpu_seconds, postgres_cpu_seconds

LUA = Path(__file__).with_name("deadline_day.lua")


@dataclass
class Request:
    kind: str
    app: int
    status: int  # -1: no response
    latency_us: int
    receipt: str
    attempt: int


@dataclass
class Phase:
    name: str
    duration_s: float
    requests: list[Request]
    wrk: dict
    cpu: dict = field(default_factory=dict)

    @property
    def answered(self) -> list[Request]:
        return [r for r in self.requests if r.status > 0]

    @property
    def rps(self) -> float:
        return len(self.answered) / self.duration_s if self.duration_s else 0.0

    def percentile_ms(self, q: float, kind: str | None = None) -> float:
        lat = sorted(r.latency_us for r in self.answered if kind is None or r.kind == kind)
        if not lat:
            return 0.0
        index = min(len(lat) - 1, max(0, round(q / 100 * len(lat) + 0.5) - 1))
        return lat[index] / 1000

    def by_kind(self) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for r in self.requests:
            row = out.setdefault(r.kind, {"count": 0, "statuses": {}})
            row["count"] += 1
            row["statuses"][str(r.status)] = row["statuses"].get(str(r.status), 0) + 1
        for kind, row in out.items():
            row["p50_ms"] = self.percentile_ms(50, kind)
            row["p99_ms"] = self.percentile_ms(99, kind)
        return out


def run_wrk(
    *,
    name: str,
    mode: str,
    server: Gunicorn,
    connections: int,
    duration_s: int,
    env: dict,
    out_dir: Path,
    timeout_s: int = 10,
) -> Phase:
    """One wrk phase; -t equals -c so that every thread owns exactly one connection."""
    log_path = out_dir / f"{name}.requests.log"
    wrk_env = {
        **os.environ, **env, "DD_MODE": mode, "DD_THREADS": str(connections), "DD_OUT": str(log_path),
    }  # fmt: skip
    cmd = [
        "wrk", "-t", str(connections), "-c", str(connections), "-d", f"{duration_s}s",
        "--timeout", f"{timeout_s}s", "-s", str(LUA), server.base_url,
    ]  # fmt: skip
    before = _cpu_snapshot(server)
    started = time.monotonic()
    proc = subprocess.run(cmd, env=wrk_env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    after = _cpu_snapshot(server)
    (out_dir / f"{name}.wrk.txt").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = {}
    for line in proc.stdout.splitlines():
        if line.startswith("WRK_SUMMARY "):
            summary = json.loads(line.removeprefix("WRK_SUMMARY "))
    requests = [_parse(line) for line in log_path.read_text().splitlines() if line.strip()]
    cpu = {k: round(after[k] - before[k], 2) for k in before}
    cpu["wall_s"] = round(wall, 2)
    duration = summary.get("duration_us", duration_s * 1e6) / 1e6
    return Phase(name=name, duration_s=duration, requests=requests, wrk=summary, cpu=cpu)


def _cpu_snapshot(server: Gunicorn) -> dict:
    busy, total = machine_cpu_seconds()
    return {
        "gunicorn_s": server.cpu_seconds(),
        "postgres_s": postgres_cpu_seconds(server.env["DATABASE_URL"]),
        "wrk_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
        "machine_busy_s": busy,
        "machine_total_s": total,
    }


def _parse(line: str) -> Request:
    kind, app, status, latency, receipt, attempt = line.split()
    return Request(
        kind=kind, app=int(app), status=int(status), latency_us=int(latency),
        receipt="" if receipt == "-" else receipt, attempt=int(attempt),
    )  # fmt: skip
