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
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORDS = ("인공지능 블록체인 드론 바이오 의료기기 핀테크 로봇 모빌리티 친환경 메타버스 배터리 센서 반도체 "
         "플랫폼 진단 영상 음성 번역 물류 농업 에너지 수소 소재 패션 교육 보안 클라우드 데이터 헬스케어 "
         "디지털트윈 자율주행 스마트팩토리 웨어러블 유전체 신약 백신 광학 레이저 위성 양자").split()  # fmt: skip
# Proposals of different companies mostly use different terms: a synthetic vocabulary of ~3,600
# two-syllable terms (plus the domain words above) keeps random texts from sharing most trigrams.
SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추"
WORDS = WORDS + [a + b for a in SYLLABLES for b in SYLLABLES]


def recreate(url: str) -> None:
    import psycopg2

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def generate(n: int, rng: random.Random, tag: str):
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
    inv = Program.objects.get(code="INV")
    call = Call.objects.create(
        title=f"bench {tag}", opens_at=dt.datetime(2023, 7, 14, tzinfo=tz),
        closes_at=dt.datetime(2023, 8, 14, 16, tzinfo=tz), slots=10, budget_envelope_krw=4 * 10**9,
        status="closed",
    )  # fmt: skip
    call.programs.set([inv])
    insts = Institution.objects.bulk_create([
        Institution(name=f"벤치{tag}-{i}", type="company", business_no=f"{tag}{i:08d}"[-10:],
                    incorporated_on=dt.date(2016 + rng.randint(0, 6), rng.randint(1, 12), 1), is_sme=True)
        for i in range(n)
    ])  # fmt: skip
    InstitutionSite.objects.bulk_create([
        InstitutionSite(institution=inst, kind="hq", address="서울", in_seoul=rng.random() > 0.02, district="중구")
        for inst in insts
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
    now = timezone.now()
    apps = []
    for i in range(n):
        words = rng.sample(WORDS, 5)
        if i and rng.random() < 0.01:
            words = apps[rng.randrange(len(apps))].title_ko.split()[:5]
        apps.append(Application(
            call=call, program=inv, lead_institution=insts[i], applicant=users[i], pi=res[2 * i],
            title_ko=" ".join(words) + " 기술 개발", objectives=" ".join(rng.sample(WORDS, 8)),
            content=" ".join(rng.sample(WORDS, 20)), current_trl=rng.randint(4, 8), target_trl=8,
            period_months=24, city_grant_krw=400_000_000, institution_cash_krw=13_334_000,
            institution_inkind_krw=120_000_000, status="submitted", submitted_at=now,
        ))  # fmt: skip
    apps = Application.objects.bulk_create(apps)
    ApplicationInstitution.objects.bulk_create(
        [
            ApplicationInstitution(application=a, institution=a.lead_institution, role="lead")
            for a in apps
        ]
    )
    ApplicationResearcher.objects.bulk_create(
        [ApplicationResearcher(application=a, researcher=res[2 * i], role="pi", rate_pct=rng.choice([20, 40, 50])) for i, a in enumerate(apps)]
        + [ApplicationResearcher(application=a, researcher=res[2 * i + 1], role="researcher", rate_pct=50) for i, a in enumerate(apps)]
    )  # fmt: skip
    Recommendation.objects.bulk_create([
        Recommendation(operator=ops[i % 10], institution=insts[i], call=call, recommended_on=dt.date(2023, 7, 1),
                       investment_krw=rng.choice([100, 150, 200]) * 10**6, account_type=rng.choice(["own", "fund"]),
                       contract_date=dt.date(2022, 1, 1), company_share_pct=rng.choice([55, 60, 75]), operator_share_pct=20)
        for i in range(n) if rng.random() > 0.02
    ])  # fmt: skip
    CreditStatus.objects.bulk_create([
        CreditStatus(institution=inst, checked_on=dt.date(2023, 8, 1), tax_arrears=rng.random() < 0.02) for inst in insts
    ])  # fmt: skip
    FinancialStatement.objects.bulk_create([
        FinancialStatement(institution=inst, settled_on=dt.date(2022, 12, 31),
                           total_liabilities_krw=rng.randint(1, 1200) * 10**6, total_equity_krw=10**8)
        for inst in insts
    ])  # fmt: skip
    projects = Project.objects.bulk_create([
        Project(program=inv, lead_institution=insts[i], pi=res[2 * i], title=" ".join(rng.sample(WORDS, 6)),
                selected_on=dt.date(2022, 3, 1), starts_on=dt.date(2022, 4, 1), ends_on=dt.date(2024, 3, 31))
        for i in range(0, n, 10)
    ])  # fmt: skip
    ProjectParticipation.objects.bulk_create([
        ProjectParticipation(project=p, researcher=p.pi, rate_pct=rng.choice([30, 60]), starts_on=p.starts_on, ends_on=p.ends_on)
        for p in projects
    ])  # fmt: skip
    Obligation.objects.bulk_create(
        [
            Obligation(institution=insts[i], kind="report", due_on=dt.date(2023, 1, 1))
            for i in range(0, n, 50)
        ]
    )
    Sanction.objects.bulk_create(
        [
            Sanction(
                researcher=res[2 * i],
                reason="제재",
                starts_on=dt.date(2022, 1, 1),
                ends_on=dt.date(2024, 1, 1),
            )
            for i in range(0, n, 100)
        ]
    )
    return call


def measure(call, batch_size: int) -> dict:
    from django.db import connection, reset_queries

    from applications.models import Application
    from evaluation.screening.domain.runs import process_run, run_counts
    from evaluation.screening.models import ScreeningRun

    run = ScreeningRun.objects.create(call=call)
    reset_queries()
    t0 = time.perf_counter()
    process_run(run_id=run.pk, batch_size=batch_size)
    seconds = time.perf_counter() - t0
    queries = len(connection.queries)
    t0 = time.perf_counter()
    rows = list(
        Application.objects.filter(call=call).select_related("lead_institution").order_by("pk")
    )
    baseline = time.perf_counter() - t0
    n = len(rows)
    return {
        "applications": n, "seconds": round(seconds, 3), "apps_per_s": round(n / seconds, 1),
        "ms_per_app": round(1000 * seconds / n, 3), "queries": queries,
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
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "true"  # connection.queries for the query count
    import django

    django.setup()
    from django.core.management import call_command

    from programs.domain.catalogue import load_catalogue

    call_command("migrate", verbosity=0)
    load_catalogue()
    rng = random.Random(args.seed)
    sizes = [int(s) for s in args.sizes.split(",")]
    t0 = time.perf_counter()
    calls = [(n, generate(n, rng, f"{k + 1}")) for k, n in enumerate(sizes)]
    print(f"generated {sum(sizes):,} applications in {time.perf_counter() - t0:.1f} s")
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    results = []
    for _n, call in calls:
        r = measure(call, args.batch_size)
        results.append(r)
        print(f"{r['applications']:>6} apps: {r['seconds']:7.2f} s, {r['apps_per_s']:8.1f} apps/s, "
              f"{r['ms_per_app']:.3f} ms/app, {r['queries']} queries, baseline SELECT {r['baseline_select_s']:.3f} s "
              f"(× {r['ratio_to_baseline']}), {r['counts']}, {r['duplicate_pairs']} duplicate pairs")  # fmt: skip
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
