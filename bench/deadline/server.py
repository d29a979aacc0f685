"""Start and stop gunicorn for a benchmark run, and account the CPU time of the processes."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Gunicorn:
    """gunicorn with config/gunicorn.py on 127.0.0.1:`port`; `env` overrides GUNICORN_* values."""

    def __init__(self, *, port: int, env: dict, log_path: Path):
        self.port = port
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    name = "gunicorn"

    def command(self) -> list[str]:
        return [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "config" / "gunicorn.py"),
        ]

    def describe(self) -> str:
        e = self.env
        return (
            f"gunicorn: {e.get('GUNICORN_WORKERS', 'config')} × {e.get('GUNICORN_WORKER_CLASS', 'gthread')}"
            f" workers, {e.get('GUNICORN_THREADS', 'config')} threads"
        )

    def start(self, timeout: float = 60) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            self.command(), cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.proc.returncode}); see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(self.base_url + "/bench/baseline/", timeout=2) as r:
                    if r.status == 200 and len(self.worker_pids()) >= 1:
                        time.sleep(1)  # let every worker finish booting
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer in time")

    def worker_pids(self) -> list[int]:
        if not self.proc:
            return []
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in children.split()]

    def cpu_seconds(self) -> float:
        """User+system CPU seconds of the master and its live workers."""
        pids = [self.proc.pid, *self.worker_pids()] if self.proc else []
        return sum(process_cpu_seconds(pid) for pid in pids)

    def stop(self, timeout: float = 40) -> None:
        """Graceful stop: workers finish the requests in flight before exiting."""
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


class Granian(Gunicorn):
    """granian (Rust HTTP server, WSGI interface) with the same environment; for comparison.

    `env` GUNICORN_WORKERS / GUNICORN_THREADS map to granian's workers / blocking threads.
    """

    name = "granian"

    def command(self) -> list[str]:
        e = self.env
        return [
            str(ROOT / ".venv" / "bin" / "granian"), "--interface", "wsgi",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", e.get("GUNICORN_WORKERS", "2"),
            "--blocking-threads", e.get("GUNICORN_THREADS", "1"),
            "--runtime-threads", "1", "--log-level", "warning", "--no-ws",
            "config.wsgi:application",
        ]  # fmt: skip

    def describe(self) -> str:
        e = self.env
        return (
            f"granian: {e.get('GUNICORN_WORKERS', '2')} workers, "
            f"{e.get('GUNICORN_THREADS', '1')} blocking threads"
        )


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime


def postgres_cpu_seconds(database_url: str) -> float:
    """CPU seconds of the PostgreSQL backends serving the benchmark database.

    The cluster is shared with the team's test runs, so only backends connected to our database
    count (gunicorn keeps its connections open, CONN_MAX_AGE, so they live through a phase).
    """
    import psycopg2

    name = database_url.rsplit("/", 1)[1]
    conn = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            pids = [row[0] for row in cur.fetchall()]
    finally:
        conn.close()
    return sum(process_cpu_seconds(pid) for pid in pids)


def machine_cpu_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / CLK_TCK, total / CLK_TCK
