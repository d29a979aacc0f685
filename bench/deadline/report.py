"""JSON and Markdown results of a deadline-day run, and the summary table printed at the end."""

import json
import os
from pathlib import Path

from bench.deadline.load import Phase


def phase_figures(phase: Phase) -> dict:
    cpu = phase.cpu
    machine = cpu.get("machine_total_s", 0)
    return {
        "duration_s": round(phase.duration_s, 2),
        "responses": len(phase.answered),
        "no_response": sum(1 for r in phase.requests if r.status == -1),
        "in_flight_at_stop": sum(1 for r in phase.requests if r.status == -2),
        "rps": round(phase.rps, 1),
        "p50_ms": phase.percentile_ms(50),
        "p90_ms": phase.percentile_ms(90),
        "p99_ms": phase.percentile_ms(99),
        "max_ms": phase.percentile_ms(100),
        "by_kind": phase.by_kind(),
        "wrk": phase.wrk,
        "cpu_seconds": cpu,
        "cpu_ms_per_response": {
            k.removesuffix("_s"): round(cpu[k] * 1000 / len(phase.answered), 3)
            if phase.answered
            else None
            for k in ("gunicorn_s", "postgres_s", "wrk_s")
        },
        "capacity_estimate_rps": capacity_estimate(phase),
        "cpu_share": {
            k.removesuffix("_s"): round(cpu[k] / machine, 3) if machine else None
            for k in ("gunicorn_s", "postgres_s", "wrk_s", "machine_busy_s")
        },
    }


def capacity_estimate(phase: Phase) -> int | None:
    """Req/s the run's CPU cost per response would allow if the cores were the benchmark's alone
    (server, database backends and load generator): an estimate, not a measurement."""
    spent = sum(phase.cpu.get(k, 0) for k in ("gunicorn_s", "postgres_s", "wrk_s"))
    if not phase.answered or not spent:
        return None
    return round((os.cpu_count() or 1) * len(phase.answered) / spent)


def write(out_dir: Path, result: dict) -> tuple[Path, Path]:
    json_path = out_dir / "result.json"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    md_path = out_dir / "result.md"
    md_path.write_text(markdown(result))
    return json_path, md_path


def markdown(result: dict) -> str:
    mixed, base = result["phases"]["mixed"], result["phases"]["baseline"]
    target = result["target"]
    lines = [
        f"# Deadline-day benchmark {result['run']}",
        "",
        f"Machine: {result['machine']['cores']} cores (shared; load generator on the same box), "
        f"load average before {result['machine']['loadavg_before']}. gunicorn: {result['gunicorn']}. "
        f"{result['applicants']} applicants, {result['connections']} connections, "
        f"{mixed['duration_s']} s per phase.",
        "",
        "| phase | req/s | p50 ms | p90 ms | p99 ms | max ms | no response | in flight at stop |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("baseline", "mixed"):
        p = result["phases"][name]
        lines.append(
            f"| {name} | {p['rps']:.0f} | {p['p50_ms']:.1f} | {p['p90_ms']:.1f} | {p['p99_ms']:.1f} "
            f"| {p['max_ms']:.1f} | {p['no_response']} | {p['in_flight_at_stop']} |"
        )
    lines += [
        "",
        f"Ratio mixed / baseline: **{result['ratio']:.3f}**. Target ≥ {target['rps']} req/s with "
        f"p99 ≤ {target['p99_ms']} ms: **{'met' if target['met'] else 'not met'}**.",
        "",
        "| kind | count | p50 ms | p99 ms | statuses |",
        "|---|---:|---:|---:|---|",
    ]
    for kind, row in sorted(mixed["by_kind"].items()):
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(row["statuses"].items()))
        lines.append(
            f"| {kind} | {row['count']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {statuses} |"
        )
    share = mixed["cpu_share"]
    lines += [
        "",
        f"CPU share of the machine during the mixed phase: gunicorn {share['gunicorn']}, "
        f"postgres {share['postgres']}, wrk {share['wrk']}, all busy {share['machine_busy']} "
        f"(baseline phase: gunicorn {base['cpu_share']['gunicorn']}, wrk {base['cpu_share']['wrk']}); "
        "the rest of the busy time is other work on the shared machine.",
        "",
        f"CPU ms per response, mixed: {mixed['cpu_ms_per_response']}; "
        f"baseline: {base['cpu_ms_per_response']}. Estimated capacity if the cores were the "
        f"benchmark's alone (cores × 1000 / CPU ms per response): mixed "
        f"{mixed['capacity_estimate_rps']} req/s, baseline {base['capacity_estimate_rps']} req/s.",
        "",
        "## Verification",
        "",
        f"Submit faults after the mix (not timed): {result.get('submit_faults')}.",
        "",
    ]
    verification = result["verification"]
    for key, value in verification.items():
        if key != "examples":
            lines.append(f"- {key}: {value}")
    if result.get("login"):
        lines += ["", f"Token sign-in (PBKDF2) latency, sequential: {result['login']}"]
    return "\n".join(lines) + "\n"


def summary_table(result: dict) -> str:
    mixed, base = result["phases"]["mixed"], result["phases"]["baseline"]
    v = result["verification"]
    return "\n".join(
        [
            f"{'':10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}",
            f"{'baseline':10} {base['rps']:8.0f} {base['p50_ms']:8.1f} {base['p99_ms']:8.1f}",
            f"{'mixed':10} {mixed['rps']:8.0f} {mixed['p50_ms']:8.1f} {mixed['p99_ms']:8.1f}",
            f"ratio mixed/baseline {result['ratio']:.3f}; target "
            f"{'met' if result['target']['met'] else 'NOT met'}",
            f"verification {'OK' if v['ok'] else 'FAILED'}: acknowledged {v['acknowledged_apps']}, "
            f"in DB {v['submitted_in_db']}, lost {v['acknowledged_but_missing_or_wrong_in_db']}, "
            f"duplicate receipts {v['duplicate_receipt_numbers']}, gap-free "
            f"{v['receipt_numbers_gap_free']}, unacknowledged present/absent "
            f"{v['unacknowledged_present_in_db_reported']}/{v['unacknowledged_absent_from_db']}",
        ]
    )
