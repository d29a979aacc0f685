"""Builders of the campus-town matching (R03) through the domain functions."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.enums import Hub, InstitutionType, Role
from accounts.models import ExpertProfile, HubTenancy
from accounts.models.expert import stored_fields
from applications.domain.attachments import add_attachments
from applications.domain.drafts import update_draft
from applications.domain.matching import decide_match, post_problem, propose_match, start_joint_plan
from programs.domain.designation import designate
from programs.models import Program
from tests.applications.factories import PLAN, make_call
from tests.applications.files import pdf_bytes
from tests.factories import InstitutionFactory, ResearcherFactory, UserFactory


def r03() -> Program:
    return Program.objects.get(code="R03")


def tech_platform():
    return InstitutionFactory(name="서울기술연구원", type=InstitutionType.INSTITUTE)


def designator(**kw):
    return UserFactory(role=Role.DESIGNATOR, first_name="지정관", **kw)


def designated(year: int | None = None, lead=None, actor=None):
    return designate(
        program=r03(), year=year or timezone.localdate().year, lead_institution=lead or tech_platform(),
        project_title="캠퍼스타운 기술매칭 사업", decided_on=timezone.localdate(),
        reason="창업기업 기술애로 해결", actor=actor or designator(), decision_no="경제정책과-1345",
    )  # fmt: skip


def startup_user(**kw):
    inst = InstitutionFactory(incorporated_on=dt.date.today() - dt.timedelta(days=400))
    HubTenancy.objects.create(institution=inst, hub=Hub.CAMPUS_TOWN, starts_on=dt.date(2020, 1, 1))
    return UserFactory(role=Role.APPLICANT, institution=inst, first_name="창업자", **kw)


def university(name: str = "서울대학교"):
    return InstitutionFactory(name=name, type=InstitutionType.UNIVERSITY)


def expert(fields=("ai",), keywords="센서, 배터리", uni=None, **kw):
    user = UserFactory(role=Role.EXPERT, first_name=kw.pop("first_name", "김교수"), **kw)
    ExpertProfile.objects.create(
        user=user, university=uni or university(), fields=stored_fields(fields), keywords=keywords,
        position="교수", department="전기정보공학부",
    )  # fmt: skip
    return user


def problem(startup=None, **kw):
    startup = startup or startup_user()
    values = {"title": "배터리 수명 예측", "field": "ai", "keywords": "배터리",
              "description": "배터리 잔존수명을 예측하고 싶습니다."} | kw  # fmt: skip
    return post_problem(user=startup, program=r03(), **values)


def accepted_match(startup=None, expert_user=None):
    startup = startup or startup_user()
    expert_user = expert_user or expert()
    p = problem(startup)
    match = propose_match(problem_id=p.pk, expert=expert_user, actor=startup)
    return decide_match(match_id=match.pk, actor=expert_user, accept=True)


def r03_call(**kw):
    return make_call(programs=("R03",), **kw)


_YEAR = dt.date.today().year
R03_PLAN = {
    **PLAN,
    "period_months": 6,
    "starts_on": dt.date(_YEAR, 1, 1),
    "ends_on": dt.date(_YEAR, 6, 30),
}


def r03_budget(lead) -> list[dict]:
    """Within R03's 100 M cap: city 75 M + cash 7.5 M + in kind 17.5 M (private 25 %, cash 10 %)."""
    return [
        {"year": 1, "institution": lead, "category": "personnel", "city_krw": 50_000_000,
         "cash_krw": 0, "inkind_krw": 17_500_000},
        {"year": 1, "institution": lead, "category": "materials", "city_krw": 25_000_000,
         "cash_krw": 7_500_000, "inkind_krw": 0},
    ]  # fmt: skip


def joint_plan(match, *, complete: bool = True):
    """The startup starts the joint plan of an accepted match; `complete` fills every section."""
    startup = match.problem.posted_by
    app = start_joint_plan(match_id=match.pk, actor=startup)
    if complete:
        lead = startup.institution
        pi = ResearcherFactory(institution=lead, user=startup)
        data = {
            **R03_PLAN,
            "researchers": [
                {"researcher": pi, "institution": lead, "role": "pi", "rate_pct": 40},
                {"researcher": ResearcherFactory(institution=lead), "institution": lead,
                 "role": "researcher", "rate_pct": 50},
            ],
            "budget_items": r03_budget(lead),
        }  # fmt: skip
        app = update_draft(application=app, actor=startup, data=data)
        for doc in app.call.required_documents:
            add_attachments(
                application=app, actor=startup, doc_code=doc["code"],
                files=[SimpleUploadedFile(f"{doc['code']}.pdf", pdf_bytes(doc["code"]))],
            )  # fmt: skip
    return app
