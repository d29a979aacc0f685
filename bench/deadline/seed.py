"""Fresh benchmark database and the deadline-day population, bulk-created through the ORM.

Every applicant gets an institution (SME, head office in Seoul), a user account with a token, two
researchers (PI and one more) and a complete draft for the benchmark call: texts, TRL, period, budget
rows matching the programme's matching rule, the required documents and the electronic forms.
One draft is checked with `validate_application` before the load starts, so submits can succeed.
"""

import datetime as dt
import hashlib
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "deadline-day-2024"
CITY_KRW = 300_000_000  # city share 75 % of 400 M total
CASH_KRW = 10_000_000  # cash 10 % of the institution share
INKIND_KRW = 90_000_000


@dataclass
class Population:
    call_id: int
    program_code: str
    applicants: list[tuple[int, str]]  # (application id, token)
    calls_for_pages: list[int]


def reset_database(database_url: str, env: dict) -> None:
    """Drop and re-create the database named in `database_url`, then migrate and load the catalogue."""
    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()
    for args in (["migrate", "--noinput", "-v", "0"], ["load_programs"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _business_no(n: int) -> str:
    """10-digit business registration number with a valid check digit (same scheme as tests)."""
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    body = f"{(n * 7919 + 12345) % 10**9:09d}"
    nums = [int(c) for c in body]
    total = sum(a * b for a, b in zip(nums, weights, strict=True)) + (nums[8] * 5) // 10
    return body + str((10 - total % 10) % 10)


def _pdf_bytes() -> bytes:
    """A small, well-formed one-page PDF used as every required document."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def seed(*, applicants: int, program_code: str) -> Population:
    """Create the benchmark call and `applicants` complete drafts; return ids and tokens."""
    from django.contrib.auth.hashers import make_password
    from django.core.files.storage import default_storage
    from django.db import connection, transaction
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from accounts.enums import InstitutionType, Role, SiteKind
    from accounts.models import Institution, InstitutionSite, Researcher, User
    from agreements.enums import ProjectStatus
    from agreements.models import Project, ProjectParticipation
    from applications.models import (
        Application,
        ApplicationInstitution,
        ApplicationResearcher,
        Attachment,
        BudgetItem,
    )
    from programs.domain.calls import create_call
    from programs.models import Program

    program = Program.objects.get(code=program_code)
    now = timezone.now()
    with transaction.atomic():
        call = create_call(
            actor=None, title="2024년 서울형 R&D 마감일 부하시험 공고", title_en="Deadline-day benchmark call",
            programs=[program], opens_at=now - dt.timedelta(days=30),
            closes_at=now + dt.timedelta(days=1), slots=50, budget_envelope_krw=20_000_000_000,
        )  # fmt: skip
        others = [
            create_call(
                actor=None, title=f"2024년 서울형 R&D 공고 {i}", programs=[program],
                opens_at=now - dt.timedelta(days=10), closes_at=now + dt.timedelta(days=20 + i),
                slots=10, budget_envelope_krw=4_000_000_000,
            ).pk
            for i in range(3)
        ]  # fmt: skip

    pdf = _pdf_bytes()
    pdf_name = default_storage.save("bench/deadline-day-plan.pdf", _content(pdf))
    pdf_sha = hashlib.sha256(pdf).hexdigest()
    password = make_password(PASSWORD)
    start = now.date() + dt.timedelta(days=60)
    n = applicants
    with transaction.atomic():
        insts = Institution.objects.bulk_create(
            Institution(
                name=f"주식회사 마감시험{i:05d}", name_en=f"Deadline Test {i} Inc.",
                type=InstitutionType.COMPANY, business_no=_business_no(i), is_sme=True,
                representative=f"대표{i}", incorporated_on=dt.date(2021, 3, 1),
                seoul_tax_office=True,
            )
            for i in range(n)
        )  # fmt: skip
        InstitutionSite.objects.bulk_create(
            InstitutionSite(institution=inst, kind=SiteKind.HQ, address="서울특별시 중구 세종대로 110",
                            in_seoul=True, district="중구")
            for inst in insts
        )  # fmt: skip
        users = User.objects.bulk_create(
            User(username=f"dd{i:05d}", email="", password=password, role=Role.APPLICANT,
                 institution=inst, first_name="연구", last_name=f"책임{i}")
            for i, inst in enumerate(insts)
        )  # fmt: skip
        pis = Researcher.objects.bulk_create(
            Researcher(researcher_no=f"{20000000 + i}", name=f"책임{i}", institution=inst, user=user,
                       birth_year=1980)
            for i, (inst, user) in enumerate(zip(insts, users, strict=True))
        )  # fmt: skip
        cos = Researcher.objects.bulk_create(
            Researcher(researcher_no=f"{30000000 + i}", name=f"참여{i}", institution=inst, birth_year=1990)
            for i, inst in enumerate(insts)
        )  # fmt: skip
        apps = Application.objects.bulk_create(
            Application(
                call=call, program=program, lead_institution=inst, applicant=user, pi=pi,
                **_draft_fields(i, start, now),
            )
            for i, (inst, user, pi) in enumerate(zip(insts, users, pis, strict=True))
        )  # fmt: skip
        ApplicationInstitution.objects.bulk_create(
            ApplicationInstitution(application=a, institution=a.lead_institution, role="lead",
                                   role_description="주관연구개발기관: 개발 총괄")
            for a in apps
        )  # fmt: skip
        ApplicationResearcher.objects.bulk_create(
            row
            for a, pi, co in zip(apps, pis, cos, strict=True)
            for row in (
                ApplicationResearcher(application=a, researcher=pi, institution=a.lead_institution,
                                      role="pi", rate_pct=40),
                ApplicationResearcher(application=a, researcher=co, institution=a.lead_institution,
                                      role="researcher", rate_pct=30),
            )
        )  # fmt: skip
        BudgetItem.objects.bulk_create(
            row
            for a in apps
            for row in (
                BudgetItem(application=a, year=1, institution=a.lead_institution, category="personnel",
                           city_krw=CITY_KRW // 2, cash_krw=CASH_KRW, inkind_krw=INKIND_KRW),
                BudgetItem(application=a, year=1, institution=a.lead_institution, category="materials",
                           city_krw=CITY_KRW - CITY_KRW // 2),
            )
        )  # fmt: skip
        docs = [d for d in call.required_documents if d.get("required")]
        Attachment.objects.bulk_create(
            Attachment(application=a, doc_code=d["code"], file=pdf_name,
                       original_name=f"{d['code']}.pdf", content_type_detected="pdf",
                       size=len(pdf), sha256=pdf_sha, uploaded_by=a.applicant)
            for a in apps
            for d in docs
        )  # fmt: skip
        tokens = Token.objects.bulk_create(
            Token(key=secrets.token_hex(20), user=user) for user in users
        )
        # A quarter of the PIs already work 40 % on a running project: the participation rule
        # (≤ 100 % over all running projects) has real rows to read.
        running = Project.objects.bulk_create(
            Project(program=program, lead_institution=insts[i], pi=pis[i], title=f"수행 중 과제 {i}",
                    selected_on=now.date() - dt.timedelta(days=200),
                    starts_on=now.date() - dt.timedelta(days=180),
                    ends_on=now.date() + dt.timedelta(days=400), status=ProjectStatus.RUNNING)
            for i in range(0, n, 4)
        )  # fmt: skip
        ProjectParticipation.objects.bulk_create(
            ProjectParticipation(project=p, researcher=p.pi, role="pi", rate_pct=40,
                                 starts_on=p.starts_on, ends_on=p.ends_on)
            for p in running
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics, as autovacuum keeps them on a live database
    return Population(
        call_id=call.pk,
        program_code=program_code,
        applicants=[(a.pk, t.key) for a, t in zip(apps, tokens, strict=True)],
        calls_for_pages=[call.pk, *others],
    )


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def _draft_fields(i: int, start: dt.date, now) -> dict:
    from applications.domain.validation import ELIGIBILITY_QUESTIONS

    return {
        "title_ko": f"마감일 부하시험 과제 {i}: 도시 데이터 기반 AI 안전관리 플랫폼 개발",
        "title_en": f"Deadline-day project {i}: AI safety platform on city data",
        "summary": "서울시 도시 데이터를 활용한 시설물 안전관리 AI 플랫폼의 사업화 개발 과제입니다.",
        "objectives": "시제품 고도화(TRL 5→7), 실증 2건, 매출 5억원 달성",
        "content": "1차년도: 데이터 수집·정제, 모델 개발, 실증 환경 구축 및 현장 시험.",
        "expected_outcomes": "실증 2건, 특허 출원 2건, 사업화 매출 5억원",
        "outcome_use": "서울시 공공시설 안전관리에 적용하고 민간 시설관리 기업에 판매",
        "keywords": "AI, 안전관리, 도시데이터",
        "tech_classification": "ICT·SW",
        "schedule": [
            {
                "year": 1,
                "starts_on": start.isoformat(),
                "ends_on": (start + dt.timedelta(days=364)).isoformat(),
                "goals": "시제품 고도화 및 실증",
            }
        ],  # fmt: skip
        "current_trl": 5,
        "target_trl": 7,
        "period_months": 12,
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=364),
        "city_grant_krw": CITY_KRW,
        "institution_cash_krw": CASH_KRW,
        "institution_inkind_krw": INKIND_KRW,
        "eligibility_check": {code: True for code, _ko, _en in ELIGIBILITY_QUESTIONS},
        "privacy_consent": True,
        "privacy_consent_at": now,
    }


def check_drafts(app_ids: list[int]) -> list[str]:
    """Messages of the validation problems of a few drafts (empty when they can be submitted)."""
    try:
        from applications.domain.validation import validate_application
    except ImportError:
        return []
    from applications.models import Application

    messages = []
    for app in Application.objects.filter(pk__in=app_ids):
        messages += [
            f"#{app.pk} {p.code} {p.field}: {p.message_en}" for p in validate_application(app)
        ]
    return messages
