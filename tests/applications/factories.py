"""Builders of applications through the domain functions (so tests exercise the real paths)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.enums import Role
from applications.domain.attachments import add_attachments
from applications.domain.drafts import create_draft, update_draft
from applications.domain.validation import ELIGIBILITY_QUESTIONS
from tests.applications.files import pdf_bytes
from tests.factories import CallFactory, InstitutionFactory, ResearcherFactory, UserFactory

PLAN = {
    "title_ko": "인공지능 기반 한글 문서 분석 플랫폼",
    "title_en": "AI platform for Korean document analysis",
    "summary": "요약입니다.",
    "objectives": "목표입니다.",
    "content": "내용입니다.",
    "expected_outcomes": "기대성과입니다.",
    "outcome_use": "활용방안입니다.",
    "tech_classification": "정보통신-인공지능",
    "keywords": "AI, 문서, 한글",
    "current_trl": 6,
    "target_trl": 8,
    "period_months": 12,
    "starts_on": dt.date(2023, 10, 1),
    "ends_on": dt.date(2024, 9, 30),
    "eligibility_check": {code: True for code, _ko, _en in ELIGIBILITY_QUESTIONS},
    "privacy_consent": True,
    "rnd_record": [],
}


def applicant_with_institution(**kwargs):
    inst = InstitutionFactory()
    user = UserFactory(role=Role.APPLICANT, institution=inst, **kwargs)
    return user


def seed_budget(lead) -> list[dict]:
    """Seed 002 example: 533,334,000 = 400,000,000 city + 13,334,000 cash + 120,000,000 in kind."""
    return [
        {"year": 1, "institution": lead, "category": "personnel", "city_krw": 250_000_000,
         "cash_krw": 0, "inkind_krw": 120_000_000},
        {"year": 1, "institution": lead, "category": "materials", "city_krw": 150_000_000,
         "cash_krw": 13_334_000, "inkind_krw": 0},
    ]  # fmt: skip


def complete_application(
    *, applicant=None, call=None, now=None, attach=True, program=None, **overrides
):
    """A draft that passes every rule (INV programme, seed 002 budget)."""
    applicant = applicant or applicant_with_institution()
    call = call or make_call()
    lead = applicant.institution
    pi = ResearcherFactory(institution=lead, user=applicant)
    programs = list(call.programs.order_by("code"))
    program = program or (programs[0] if len(programs) == 1 else call.programs.get(code="INV"))
    app = create_draft(call=call, applicant=applicant, now=now, program=program)
    data = {
        **PLAN,
        "researchers": [
            {"researcher": pi, "institution": lead, "role": "pi", "rate_pct": 40},
            {"researcher": ResearcherFactory(institution=lead), "institution": lead,
             "role": "researcher", "rate_pct": 50},
        ],
        "budget_items": seed_budget(lead),
        **overrides,
    }  # fmt: skip
    app = update_draft(application=app, actor=applicant, data=data, now=now)
    if attach:
        for doc in call.required_documents:
            add_attachments(
                application=app, actor=applicant, doc_code=doc["code"], now=now,
                files=[SimpleUploadedFile(f"{doc['code']}.pdf", pdf_bytes(doc["code"]))],
            )  # fmt: skip
    return app


def make_call(programs=("INV",), **kwargs):
    """A published call with the seed 002 required-document list."""
    from programs.domain.calls import default_documents

    kwargs.setdefault("required_documents", default_documents())
    return CallFactory(programs=list(programs), **kwargs)


def seoul(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args), timezone.get_default_timezone())
