"""'My applications' is the applicant's hub: a status timeline per application with dates, what
happens next, and the links that apply (receipt, submitted plan, screening reasons, result, notice
PDF, objection form while open, objection outcome); role × URL; bounded query count."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from evaluation.domain.committees import auto_assign
from evaluation.domain.decisions import (
    decide_candidate,
    decide_objection,
    file_objection,
    publish_results,
    record_site_check,
)
from evaluation.domain.results import compute_stage_results
from evaluation.models import StageResult
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.evaluation.factories import ApplicationFactory, committee_with_members, score_all
from tests.factories import CallFactory, InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

POINTS = [[25, 25, 25, 20], [22, 22, 22, 22], [20, 20, 20, 20], [10, 10, 10, 10]]
HUB = "/applications/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _steps(html: str, app) -> dict[str, str]:
    """{step key: state} of one application's timeline on the page."""
    block = html.split(f'id="application-{app.pk}"', 1)[1].split('class="hub-app"', 1)[0]
    return dict(re.findall(r'data-step="([a-z_]+)" data-state="([a-z]+)"', block))


def _block(html: str, app) -> str:
    return html.split(f'id="application-{app.pk}"', 1)[1].split('class="hub-app"', 1)[0]


@pytest.fixture
def owner(db):
    return UserFactory(username="hub-owner", role=Role.APPLICANT, institution=InstitutionFactory())


@pytest.fixture
def published(catalogue, users, owner):
    """A closed call evaluated to the end: screening released, document stage, site check,
    committee, results published. `owner` has 1 application, `many` has 3."""
    staff = users[Role.STAFF]
    now = timezone.now()
    call = CallFactory(opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=10),
                       slots=1, budget_envelope_krw=1_000_000_000, objection_days=7)  # fmt: skip
    many = UserFactory(username="hub-many", role=Role.APPLICANT, institution=InstitutionFactory())
    apps = [
        ApplicationFactory(call=call, applicant=owner, submitted_at=now - dt.timedelta(days=12))
    ]
    apps += [
        ApplicationFactory(call=call, applicant=many, submitted_at=now - dt.timedelta(days=11))
        for _ in range(3)
    ]
    run = ScreeningRun.objects.create(call=call, status="done", total=4, processed=4,
                                      released_at=now - dt.timedelta(days=8), released_by=staff)  # fmt: skip
    for app in apps:
        ScreeningResult.objects.create(run=run, application=app, outcome="pass", rules=[])
    committee = committee_with_members(call, n=3, actor=staff)
    auto_assign(committee=committee, applications=apps, actor=staff)
    for app, points in zip(apps, POINTS, strict=True):
        score_all(committee, app, [points] * 3)
    compute_stage_results(call=call, stage="document", actor=staff)
    assert StageResult.objects.get(application=apps[0], stage="document").rank == 1
    presentation = committee_with_members(call, n=3, stage="presentation", actor=staff)
    advancing = [
        a for a in apps if StageResult.objects.get(application=a, stage="document").advances
    ]
    auto_assign(committee=presentation, applications=advancing, actor=staff)
    for app, points in zip(advancing, POINTS, strict=False):
        score_all(presentation, app, [points] * 3)
    compute_stage_results(call=call, stage="presentation", actor=staff)
    assert StageResult.objects.get(application=apps[0], stage="presentation").advances
    record_site_check(application=apps[0], actor=staff, result="pass",
                      checked_on=dt.date.today() - dt.timedelta(days=3), researchers_ok=True,
                      facilities_ok=True, infrastructure_ok=True)  # fmt: skip
    candidates = StageResult.objects.filter(stage="presentation", advances=True).order_by("rank")
    for order, result in enumerate(candidates, start=1):
        decide_candidate(application=result.application, selected=order == 1,
                         order=order if order == 1 else None, reason="순위", actor=staff)  # fmt: skip
    publish_results(call=call, actor=staff)
    return {"call": call, "apps": apps, "owner": owner, "many": many, "staff": staff}


def test_published_application_timeline_links_and_objection(published):
    app, owner = published["apps"][0], published["owner"]
    html = _client(owner).get(HUB).content.decode()
    steps = _steps(html, app)
    assert steps == {
        "draft": "done", "submitted": "done", "screening": "done", "document": "done",
        "presentation": "done", "site_check": "done", "committee": "done", "result": "done",
    }  # fmt: skip
    block = _block(html, app)
    assert "선정" in block  # the result step reads "selected"
    for url in [
        reverse("applications:receipt", args=[app.pk]),
        reverse("evaluation:dossier", args=[app.pk]),
        reverse("screening:application", args=[app.pk]),
        reverse("evaluation:result", args=[app.pk]),
        reverse("evaluation:notice-pdf", args=[app.pk]),
    ]:
        assert f'href="{url}"' in block, url
    assert "hub-link--objection" in block  # the objection form is open
    # dates from the models: submitted, screening release, notice
    assert (
        app.submitted_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d") in block
    )

    # an objection filed and decided: its outcome is shown; the other stage may still be objected
    objection = file_objection(application=app, stage="document", text="이의", actor=owner)
    html = _client(owner).get(HUB).content.decode()
    assert "검토" in _block(html, app) or "review" in _block(html, app)
    decide_objection(objection=objection, upheld=False, outcome="산정 오류 없음",
                     actor=published["staff"])  # fmt: skip
    block = _block(_client(owner).get(HUB).content.decode(), app)
    assert "산정 오류 없음" in block


def test_objection_link_gone_after_the_period(published):
    from evaluation.models import ResultNotice

    app = published["apps"][0]
    ResultNotice.objects.filter(application=app).update(
        published_at=timezone.now() - dt.timedelta(days=8)
    )
    block = _block(_client(published["owner"]).get(HUB).content.decode(), app)
    assert "hub-link--objection" not in block
    assert 'href="{}"'.format(reverse("evaluation:notice-pdf", args=[app.pk])) in block


def test_every_hub_link_opens_for_the_owner_and_not_for_another_applicant(published, users):
    app, owner = published["apps"][0], published["owner"]
    html = _client(owner).get(HUB).content.decode()
    links = set(re.findall(rf'href="(/[^"]*/{app.pk}/[^"]*)"', _block(html, app)))
    assert len(links) >= 5
    stranger = _client(published["many"])
    for url in sorted(links):
        assert _client(owner).get(url).status_code == 200, url
        assert stranger.get(url).status_code in (403, 404), url


@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, 302), (Role.APPLICANT, 200), (Role.STAFF, 403), (Role.EVALUATOR, 403),
     (Role.OFFICIAL, 403), (Role.OPERATOR, 403)],
)  # fmt: skip
def test_hub_role_by_url(users, role, expected):
    client = Client() if role is None else _client(users[role])
    response = client.get(HUB)
    assert response.status_code == expected
    if role is None:
        assert "/accounts/login/" in response["Location"]


def test_query_count_does_not_grow_with_applications(published, django_assert_max_num_queries):
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for who in ("owner", "many"):
        client = _client(published[who])
        client.get(HUB)  # warm up (content types, session)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HUB).status_code == 200
        counts[who] = len(ctx.captured_queries)
    assert counts["owner"] == counts["many"], counts
    client = _client(published["many"])
    with django_assert_max_num_queries(15):
        client.get(HUB)


def test_draft_and_submitted_timelines(catalogue, owner):
    now = timezone.now()
    open_call = CallFactory(closes_at=now + dt.timedelta(days=5))
    draft = ApplicationFactory(call=open_call, applicant=owner, status="draft", receipt_no="")
    submitted = ApplicationFactory(call=open_call, applicant=owner, status="submitted",
                                   submitted_at=now)  # fmt: skip
    html = _client(owner).get(HUB).content.decode()
    assert _steps(html, draft)["draft"] == "current"
    assert set(list(_steps(html, draft).values())[1:]) == {"upcoming"}
    block = _block(html, draft)
    assert f'href="{reverse("applications:edit", args=[draft.pk])}"' in block
    assert "evaluation:dossier" not in block and "/dossier/" not in block
    steps = _steps(html, submitted)
    assert steps["submitted"] == "done" and steps["screening"] == "current"
    assert steps["document"] == "upcoming"
    sblock = _block(html, submitted)
    assert "/screening/" not in sblock  # no screening link before a released result
    assert (
        open_call.closes_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M")
        in sblock
    )  # by when: the call's close


def test_screened_out_timeline_stops_at_screening(catalogue, owner, users):
    now = timezone.now()
    call = CallFactory(opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=10))
    app = ApplicationFactory(call=call, applicant=owner, status="screened_out", submitted_at=now)
    run = ScreeningRun.objects.create(call=call, status="done", released_at=now)
    ScreeningResult.objects.create(run=run, application=app, outcome="fail", rules=[])
    unreleased = ScreeningRun.objects.create(call=call, status="done")  # a newer, unreleased run
    ScreeningResult.objects.create(run=unreleased, application=app, outcome="pass", rules=[])
    html = _client(owner).get(HUB).content.decode()
    steps = _steps(html, app)
    assert steps["screening"] == "done"
    assert {steps[k] for k in ("document", "presentation", "site_check", "committee")} == {
        "skipped"
    }
    assert f'href="{reverse("screening:application", args=[app.pk])}"' in _block(html, app)


def test_named_pi_follows_the_timeline_but_is_not_offered_the_objection(published):
    from tests.factories import ResearcherFactory

    app = published["apps"][0]
    pi_user = UserFactory(username="hub-named-pi", role=Role.APPLICANT)
    app.pi = ResearcherFactory(user=pi_user)
    app.save(update_fields=["pi"])
    html = _client(pi_user).get(HUB).content.decode()
    assert _steps(html, app)["result"] == "done"
    block = _block(html, app)
    assert f'href="{reverse("evaluation:notice-pdf", args=[app.pk])}"' in block
    assert "hub-link--objection" not in block  # acting stays with the applicant


def test_withdrawn_timeline_dated_from_the_audit_trail(catalogue, owner):
    from accounts.models import AuditEntry
    from applications.domain.state import set_application_status

    now = timezone.now()
    call = CallFactory(closes_at=now + dt.timedelta(days=5))
    app = ApplicationFactory(call=call, applicant=owner, status="submitted", submitted_at=now)
    set_application_status(application=app, status="withdrawn", actor=owner, reason="사정 변경")
    assert AuditEntry.objects.filter(action="application.status", object_id=str(app.pk)).exists()
    html = _client(owner).get(HUB).content.decode()
    steps = _steps(html, app)
    assert steps["result"] == "done" and steps["screening"] == "skipped"
    block = _block(html, app)
    assert "신청 철회" in block
    assert now.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d") in block
