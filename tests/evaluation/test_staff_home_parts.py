"""Staff home (/staff/): the tasks of the programme parts — R16 commitment requests and national
results, INV adequacy decisions, claimed facts, Tech Partners needs, follow-on places, R03 chained
agreements — each a count and a link, in a number of queries that does not grow with the rows."""

import datetime as dt
import secrets
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from agreements.models import Agreement, ChainedAgreement, CommitmentRequest, NationalYear
from agreements.models.closing import EvaluationRound
from applications.models import ApplicationClaim
from evaluation.models import AdequacyCommittee, AdequacyDecision, Committee
from programs.models import TechMatch, TechNeed, TechPartner
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/staff/"


def _count(body: str, code: str) -> int:
    marker = f'id="task-{code}" data-count="'
    start = body.index(marker) + len(marker)
    return int(body[start : body.index('"', start)])


def _request(call, staff, *, status="requested", years_recorded=0, grants=3):
    institution = InstitutionFactory(type="university")
    request = CommitmentRequest.objects.create(
        applicant=UserFactory(role=Role.APPLICANT, institution=institution),
        institution=institution, call=call, program=call.programs.get(), ministry="과학기술정보통신부",
        national_programme="인공지능(AI)대학원 지원사업", title=f"AI 대학원 {secrets.token_hex(2)}",
        starts_on=dt.date(2021, 4, 1), ends_on=dt.date(2021 + grants, 3, 31),
        national_grants_krw=[1_000_000_000] * grants, status=status,
    )  # fmt: skip
    for n in range(1, years_recorded + 1):
        NationalYear.objects.create(request=request, year_no=n, result="selected" if n == 1 else "continue",
                                    national_grant_krw=1_000_000_000, city_krw=100_000_000,
                                    recorded_by=staff)  # fmt: skip
    return request


def _agreement(call, *, score=None, status="active"):
    app = ApplicationFactory(call=call, status="selected")
    agreement = Agreement.objects.create(
        application=app, program=app.program, lead_institution=app.lead_institution, status=status,
        selection_notified_on=dt.date(2026, 9, 1), guarantee_due_on=dt.date(2026, 10, 1),
        starts_on=dt.date(2026, 10, 1), ends_on=dt.date(2027, 9, 30), city_grant_krw=400_000_000,
        applied_city_grant_krw=400_000_000, verify_code=secrets.token_hex(6).upper(),
    )  # fmt: skip
    if score is not None:
        committee = Committee.objects.filter(call=call, stage="final").first() or (
            Committee.objects.create(call=call, stage="final", name="final"))  # fmt: skip
        EvaluationRound.objects.create(agreement=agreement, stage="final", year_no=1, committee=committee,
                                       status="decided", score=Decimal(score), decision="excellent")  # fmt: skip
    return agreement


def _rows(staff):
    """One (or two) waiting item of every kind, and one finished item of each that must not count."""
    r16 = CallFactory(programs=["R16"])
    waiting = _request(r16, staff)
    _request(r16, staff, status="refused")
    approved = _request(r16, staff, status="approved")
    due = _request(r16, staff, status="selected", years_recorded=1)  # year 2 began in 2022
    _request(r16, staff, status="selected", years_recorded=3)  # every year recorded

    inv = CallFactory(programs=["INV"], closed=True)
    committee = AdequacyCommittee.objects.create(call=inv, name="투자적절성검증위원회")
    undecided = ApplicationFactory(call=inv)
    decided = ApplicationFactory(call=inv)
    AdequacyDecision.objects.create(committee=committee, application=decided, result="adequate",
                                    reasons="적정", decided_by=staff, decided_at=inv.closes_at)  # fmt: skip
    ApplicationClaim.objects.create(application=undecided, kind="tech_transfer")
    ApplicationClaim.objects.create(application=decided, kind="tech_transfer", verified=True)
    ApplicationClaim.objects.create(application=ApplicationFactory(call=inv, status="draft"),
                                    kind="tech_transfer")  # fmt: skip

    partner = TechPartner.objects.create(institution=InstitutionFactory(is_sme=False), size="large")
    TechNeed.objects.create(partner=partner, field="ai", title="문서 분석")
    matched = TechNeed.objects.create(partner=partner, field="ai", title="음성 인식")

    r01 = CallFactory(programs=["R01"], closed=True)
    cohort = [_agreement(r01, score=s) for s in ("95", "90", "60", None)]  # cap ⌊0.3 × 4⌋ = 1
    TechMatch.objects.create(need=matched, startup=cohort[0].lead_institution)
    ChainedAgreement.objects.create(parent=cohort[0], principal=InstitutionFactory(),
                                    counterparty=InstitutionFactory(type="university"),
                                    amount_krw=50_000_000)  # fmt: skip
    return {"waiting": waiting, "approved": approved, "due": due, "inv": inv, "cohort": cohort}


@pytest.fixture
def staff_client(users):
    client = Client()
    client.force_login(users[Role.STAFF])
    return client


def test_part_tasks_count_and_link_where_the_work_is_done(catalogue, users, staff_client):
    rows = _rows(users[Role.STAFF])
    body = staff_client.get(URL).content.decode()
    assert _count(body, "commitments") == 1 and "결정할 확약서 요청" in body
    assert reverse("national_matching:request", args=[rows["waiting"].pk]) in body
    assert _count(body, "national_results") == 2  # the national selection, and year 2's result
    for request in (rows["approved"], rows["due"]):
        assert reverse("national_matching:request", args=[request.pk]) in body
    assert _count(body, "adequacy") == 1
    assert reverse("national_matching:adequacy-committee", args=[rows["inv"].pk]) in body
    assert _count(body, "claims") == 1  # not the verified one, not the draft's
    assert reverse("admin:applications_applicationclaim_changelist") + "?verified__exact=0" in body
    assert _count(body, "tech_partners") == 1 and reverse("rules_2024:staff-partners") in body
    assert _count(body, "follow_on") == 1  # ⌊30 % × 4⌋ = 1 place, two eligible (≥ 70)
    assert f"{reverse('rules_2024:follow-on')}?program=R01&amp;year=2026" in body
    assert _count(body, "chained") == 1
    assert reverse("campus_town:chain", args=[rows["cohort"][0].pk]) in body
    english = staff_client.get("/en" + URL).content.decode()
    assert (
        "national result of year 2" in english and "Commitment-letter requests to decide" in english
    )


def test_part_tasks_cost_a_constant_number_of_queries(
    catalogue, users, staff_client, django_assert_num_queries
):
    staff = users[Role.STAFF]
    _rows(staff)
    staff_client.get(URL)  # warm-up (session, content types)
    with CaptureQueriesContext(connection) as ctx:
        staff_client.get(URL)
    before = len(ctx.captured_queries)
    _rows(staff)  # every kind once more, on new calls, programme-years and parents
    cohort = [_agreement(CallFactory(programs=["R02"], closed=True), score="99") for _ in range(4)]
    assert cohort
    with django_assert_num_queries(before):
        body = staff_client.get(URL).content.decode()
    assert _count(body, "commitments") == 2 and _count(body, "adequacy") == 2
    assert _count(body, "follow_on") == 3  # R01 2026: ⌊30 % × 8⌋ = 2 places; R02 2026: 1
