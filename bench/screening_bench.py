"""Screening benchmark (issue 4): screen 1k … 10k generated applications of one call on PostgreSQL.

    .venv/bin/python bench/screening_bench.py [--database-url URL] [--sizes 1000,2000,5000,10000]

Re-creates the target database (default portal_c_bench), migrates, loads the catalogue and generates
one call per size with eligible-looking applications and their records (recommendations, credit,
financial statements, running projects, participations, obligations, sanctions, ~1 % near-duplicate
titles). Each call is screened by `process_run` in this one process (= one worker, the same code the
Celery task runs), then the baseline is measured in the same run: a plain SELECT of the same
application rows with their lead institution. Reports seconds, applications/s, ms per application
and the ratio to the baseline, and writes JSON to bench/results/.
"""

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._db import fresh_django  # noqa: E402

COMMON = ("기술 개발 시스템 기반 플랫폼 데이터 서비스 분석 활용 구축 연구 고도화 인공지능 스마트 실증 "
          "적용 제품 성능 사업화 검증 및 위한 통한 대한 있는 개선 확보 제공 목표").split()  # fmt: skip


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """~30,000 Korean-looking words with Zipf-distributed frequencies (like real text): syllables
    are drawn with Zipf weights from 1,200 Hangul syllables, words from the vocabulary likewise."""
    syllables = [chr(0xAC00 + rng.randrange(11172)) for _ in range(1200)]
    weights = list(itertools.accumulate(1 / (k + 1) ** 0.9 for k in range(len(syllables))))
    words = sorted({
        "".join(rng.choices(syllables, cum_weights=weights, k=rng.choice([2, 2, 3, 3, 4])))
        for _ in range(30000)
    })  # fmt: skip
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (k + 1) for k in range(len(words))))


class Writer:
    """Random proposal text: 30 % common domain words, the rest Zipf-distributed vocabulary."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words, self.cum = vocabulary(rng)

    def text(self, n: int) -> str:
        rng = self.rng
        return " ".join(
            rng.choice(COMMON) if rng.random() < 0.3 else rng.choices(self.words, cum_weights=self.cum)[0]
            for _ in range(n)
        )  # fmt: skip

    def edit(self, text: str, changes: int = 3) -> str:
        """A near copy: a few words replaced."""
        words = text.split()
        for _ in range(changes):
            words[self.rng.randrange(len(words))] = self.text(1)
        return " ".join(words)


FAILS = ("pi_rate", "shares", "investment", "obligation", "sanction", "seoul", "tax", "debt",
         "running")  # fmt: skip


def scenario(rng: random.Random) -> str:
    """80 % eligible, 10 % one failed rule (varied), 7 % no credit check on record (needs review);
    near-duplicates of funded projects (another 3 %, needs review) are chosen in generate()."""
    x = rng.random()
    if x < 0.10:
        return rng.choice(FAILS)
    return "no_credit" if x < 0.17 else "clean"


def generate(n: int, rng: random.Random, tag: str, writer: Writer):
    """One closed INV call with n submitted applications and the records the rules read."""
    from django.utils import timezone

    from accounts.models import Institution, InstitutionSite, Researcher, User
    from agreements.models import Project, ProjectParticipation
    from applications.models import Application, ApplicationInstitution, ApplicationResearcher
    from evaluation.screening.models import (
        CreditStatus,
        FinancialStatement,
        Obligation,
        Recommendation,
        Sanction,
    )  # fmt: skip
    from programs.models import Call, Operator, Program

    tz = timezone.get_default_timezone()
    inv, r01 = Program.objects.get(code="INV"), Program.objects.get(code="R01")
    call = Call.objects.create(
        title=f"bench {tag}", opens_at=dt.datetime(2023, 7, 14, tzinfo=tz),
        closes_at=dt.datetime(2023, 8, 14, 16, tzinfo=tz), slots=10, budget_envelope_krw=4 * 10**9,
        status="closed",
    )  # fmt: skip
    call.programs.set([inv])
    kinds = [scenario(rng) for _ in range(n)]
    insts = Institution.objects.bulk_create([
        Institution(name=f"벤치{tag}-{i}", type="company", business_no=f"{tag}{i:08d}"[-10:],
                    incorporated_on=dt.date(2017 + rng.randint(0, 3), rng.randint(1, 12), 1), is_sme=True)
        for i in range(n)
    ])  # fmt: skip
    InstitutionSite.objects.bulk_create([
        InstitutionSite(institution=inst, kind="hq", address="서울", in_seoul=kinds[i] != "seoul", district="중구")
        for i, inst in enumerate(insts)
    ])  # fmt: skip
    users = User.objects.bulk_create(
        [User(username=f"b{tag}-{i}", password="!", institution=insts[i]) for i in range(n)]
    )
    res = Researcher.objects.bulk_create([
        Researcher(researcher_no=f"{tag}{i:06d}"[-8:], name=f"연구자{i}", institution=insts[i // 2]) for i in range(2 * n)
    ])  # fmt: skip
    ops = Operator.objects.bulk_create(
        [Operator(name=f"운영사{tag}-{k}", annual_quota=max(1, n // 10)) for k in range(10)]
    )
    # Funded projects (another programme, so they do not block): the pool near-duplicates copy.
    projects = Project.objects.bulk_create([
        Project(program=r01, lead_institution=insts[i], title=writer.text(6), objectives=writer.text(25),
                content=writer.text(120), selected_on=dt.date(2021, 3, 1), starts_on=dt.date(2021, 4, 1),
                ends_on=dt.date(2024, 12, 31) if i % 20 else dt.date(2022, 12, 31),
                status="running" if i % 20 else "completed")
        for i in range(0, n, 10)
    ])  # fmt: skip
    running = [p for p in projects if p.status == "running"]
    now = timezone.now()
    apps, copies = [], 0
    for i in range(n):
        if kinds[i] == "clean" and rng.random() < 0.035:
            src = rng.choice(projects)
            title, objectives = writer.edit(src.title, 1), writer.edit(src.objectives, 2)
            content, copies = writer.edit(src.content, 4), copies + 1
        else:
            title, objectives, content = writer.text(6), writer.text(25), writer.text(120)
        apps.append(Application(
            call=call, program=inv, lead_institution=insts[i], applicant=users[i], pi=res[2 * i],
            title_ko=title + " 기술 개발", objectives=objectives, content=content,
            current_trl=rng.randint(4, 8), target_trl=8, period_months=24, city_grant_krw=400_000_000,
            institution_cash_krw=13_334_000, institution_inkind_krw=120_000_000, status="submitted",
            submitted_at=now - dt.timedelta(seconds=n - i),
        ))  # fmt: skip
    apps = Application.objects.bulk_create(apps)
    ApplicationInstitution.objects.bulk_create(
        [ApplicationInstitution(application=a, institution=a.lead_institution, role="lead") for a in apps]
    )  # fmt: skip
    ApplicationResearcher.objects.bulk_create(
        [ApplicationResearcher(application=a, researcher=res[2 * i], role="pi",
                               rate_pct=20 if kinds[i] == "pi_rate" else rng.choice([30, 40, 50]))
         for i, a in enumerate(apps)]
        + [ApplicationResearcher(application=a, researcher=res[2 * i + 1], role="researcher", rate_pct=50)
           for i, a in enumerate(apps)]
    )  # fmt: skip
    ProjectParticipation.objects.bulk_create([
        ProjectParticipation(project=rng.choice(running), researcher=res[2 * i], rate_pct=30,
                             starts_on=dt.date(2021, 4, 1), ends_on=dt.date(2024, 12, 31))
        for i in range(n) if rng.random() < 0.2
    ])  # fmt: skip
    Recommendation.objects.bulk_create([
        Recommendation(operator=ops[i % 10], institution=insts[i], call=call, recommended_on=dt.date(2023, 7, 1),
                       investment_krw=90 * 10**6 if kinds[i] == "investment" else rng.choice([100, 150, 250]) * 10**6,
                       account_type="own", contract_date=dt.date(2022, 1, 1),
                       company_share_pct=55 if kinds[i] == "shares" else rng.choice([60, 70, 75]),
                       operator_share_pct=20)
        for i in range(n)
    ])  # fmt: skip
    CreditStatus.objects.bulk_create([
        CreditStatus(institution=inst, checked_on=dt.date(2023, 8, 1), tax_arrears=kinds[i] == "tax")
        for i, inst in enumerate(insts) if kinds[i] != "no_credit"
    ])  # fmt: skip
    FinancialStatement.objects.bulk_create([
        FinancialStatement(institution=inst, settled_on=dt.date(2022, 12, 31), total_equity_krw=10**8,
                           total_liabilities_krw=(1200 if kinds[i] == "debt" else rng.randint(10, 500)) * 10**6)
        for i, inst in enumerate(insts)
    ])  # fmt: skip
    blocking = [
        Project(program=inv, lead_institution=insts[i], title=writer.text(6), selected_on=dt.date(2022, 3, 1),
                starts_on=dt.date(2022, 4, 1), ends_on=dt.date(2024, 12, 31))
        for i in range(n) if kinds[i] == "running"
    ]  # fmt: skip
    Project.objects.bulk_create(blocking)
    Obligation.objects.bulk_create([
        Obligation(institution=insts[i], kind="report", due_on=dt.date(2023, 1, 1))
        for i in range(n) if kinds[i] == "obligation"
    ])  # fmt: skip
    Sanction.objects.bulk_create([
        Sanction(researcher=res[2 * i], reason="제재", starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2024, 1, 1))
        for i in range(n) if kinds[i] == "sanction"
    ])  # fmt: skip
    return call, copies


def measure(call, batch_size: int, repeat: int) -> dict:
    from django.db import connection

    from applications.models import Application
    from evaluation.screening.domain.runs import process_run, run_counts
    from evaluation.screening.models import ScreeningResult, ScreeningRun

    timings, counted = [], []

    def count(execute, sql, params, many, context):  # DEBUG stays off, as in the worker
        counted[-1] += 1
        return execute(sql, params, many, context)

    for _ in range(repeat):  # each repetition is a new run of the same call; the best one counts
        run = ScreeningRun.objects.create(call=call)
        counted.append(0)
        with connection.execute_wrapper(count):
            t0 = time.perf_counter()
            process_run(run_id=run.pk, batch_size=batch_size)
            timings.append(time.perf_counter() - t0)
    seconds = min(timings)
    queries = counted[-1]
    baselines = []
    for _ in range(repeat):  # the same number of tries, the best counts
        t0 = time.perf_counter()
        rows = list(
            Application.objects.filter(call=call).select_related("lead_institution").order_by("pk")
        )
        baselines.append(time.perf_counter() - t0)
    baseline = min(baselines)
    n = len(rows)
    run.refresh_from_db()
    failed_rules: Counter = Counter()
    for rules in ScreeningResult.objects.filter(run=run).values_list("rules", flat=True):
        failed_rules.update(r["code"] for r in rules if r["outcome"] != "pass")
    return {
        "load_1m_after": round(os.getloadavg()[0], 2),
        "duplicate_phase_s": round((run.duplicates_done_at - run.started_at).total_seconds(), 3),
        "not_passed_rules": dict(failed_rules.most_common()),
        "applications": n, "seconds": round(seconds, 3), "apps_per_s": round(n / seconds, 1),
        "ms_per_app": round(1000 * seconds / n, 3), "all_seconds": [round(t, 3) for t in timings], "queries": queries,
        "baseline_select_s": round(baseline, 4), "ratio_to_baseline": round(seconds / baseline, 1),
        "counts": run_counts(run), "duplicate_pairs": run.duplicates.count(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/portal_c_bench"
    )
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=1, help="runs per call; the fastest counts")
    args = parser.parse_args()
    fresh_django(args.database_url)
    rng = random.Random(args.seed)
    sizes = [int(s) for s in args.sizes.split(",")]
    t0 = time.perf_counter()
    writer = Writer(rng)
    calls = [generate(n, rng, f"{k + 1}", writer) for k, n in enumerate(sizes)]
    print(f"generated {sum(sizes):,} applications in {time.perf_counter() - t0:.1f} s")
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    from evaluation.screening.domain.duplicates import vectorizer

    vectorizer(2).fit_transform(
        ["준비 운동", "준비 완료"]
    )  # warm-up: scikit-learn loaded before timing
    print(f"load average before the runs: {os.getloadavg()}")
    results = []
    for call, copies in calls:
        r = measure(call, args.batch_size, args.repeat)
        r["near_copies_generated"] = copies
        results.append(r)
        print(f"{r['applications']:>6} apps: {r['seconds']:7.2f} s, {r['apps_per_s']:8.1f} apps/s, "
              f"{r['ms_per_app']:.3f} ms/app, {r['queries']} queries, baseline SELECT {r['baseline_select_s']:.3f} s "
              f"(× {r['ratio_to_baseline']}), duplicate phase {r['duplicate_phase_s']:.2f} s, {r['counts']}, "
              f"{r['duplicate_pairs']} duplicate pairs ({r['near_copies_generated']} near copies generated)\n"
              f"        load {r['load_1m_after']}, not passed: {r['not_passed_rules']}")  # fmt: skip
    first, last = results[0], results[-1]
    growth = (last["seconds"] / first["seconds"]) / (last["applications"] / first["applications"])
    print(f"growth {first['applications']}→{last['applications']}: time × {last['seconds'] / first['seconds']:.2f} "
          f"for × {last['applications'] / first['applications']:.0f} applications (per-application cost × {growth:.2f})")  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"screening-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(
        json.dumps({"load": os.getloadavg(), "results": results}, indent=1, ensure_ascii=False)
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
