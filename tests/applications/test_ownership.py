"""One ownership rule: the applicant, the researcher named as PI and staff read an application and
everything about it (pages and API); nobody else does. An excluded (COI) evaluator no longer sees
the application's title. Role × URL."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from applications.models import Attachment
from applications.rules import readable_applications
from evaluation.screening.domain.runs import release_run, start_run
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.screening.factories import call_2023, eligible_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(catalogue, users, django_capture_on_commit_callbacks, settings, tmp_path):
    """A submitted application whose PI researcher has their own account; screening released."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call = call_2023()
    app = eligible_application(call=call, receipt_no="2023-INV-0001")
    pi_user = UserFactory(username="t-named-pi", role=Role.APPLICANT)
    app.pi.user = pi_user
    app.pi.save()
    att = Attachment(
        application=app, doc_code="plan", original_name="plan.pdf", content_type_detected="pdf",
        size=8, sha256="0" * 64,
    )  # fmt: skip
    att.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=True)
    staff = users[Role.STAFF]
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(call=call, actor=staff)
    run.refresh_from_db()
    release_run(run=run, actor=staff)
    other = UserFactory(username="t-other-applicant", role=Role.APPLICANT)
    return {"app": app, "att": att, "applicant": app.applicant, "pi": pi_user, "other": other}


def _page_urls(app, att) -> list[str]:
    return [
        reverse("applications:receipt", args=[app.pk]),
        reverse("applications:receipt-pdf", args=[app.pk]),
        reverse("applications:attachment", args=[app.pk, att.pk]),
        reverse("screening:application", args=[app.pk]),
        reverse("evaluation:result", args=[app.pk]),
    ]


def _api_urls(app) -> list[str]:
    return [
        reverse("api-application", args=[app.pk]),
        reverse("api-application-validation", args=[app.pk]),
        f"/api/v1/applications/{app.pk}/screening/",
    ]


@pytest.mark.parametrize("who", ["applicant", "pi", "staff"])
def test_applicant_named_pi_and_staff_read_every_page_and_endpoint(owned, users, who):
    app, att = owned["app"], owned["att"]
    user = users[Role.STAFF] if who == "staff" else owned[who]
    client = Client()
    client.force_login(user)
    for url in _page_urls(app, att):
        response = client.get(url)
        assert response.status_code == 200, (who, url, response.status_code)
    api = client_for(user)
    for url in _api_urls(app):
        response = api.get(url)
        assert response.status_code == 200, (who, url, response.status_code)
    assert api.get(f"/api/v1/applications/{app.pk}/screening/").json()["result"] == "pass"


def test_named_pi_lists_the_application_but_cannot_change_it(owned):
    app, pi = owned["app"], owned["pi"]
    assert list(readable_applications(pi)) == [app]
    client = Client()
    client.force_login(pi)
    assert app.receipt_no in client.get(reverse("applications:mine")).content.decode()
    assert [r["id"] for r in client_for(pi).get("/api/v1/applications/").json()] == [app.pk]
    # Reading is not acting: changes, objections and exclusion requests stay with the applicant.
    assert not pi.has_perm("applications.change_application", app)
    assert not pi.has_perm("applications.submit_application", app)
    assert not pi.has_perm("evaluation.file_objection", app)
    assert client_for(pi).patch(
        reverse("api-application", args=[app.pk]), {"title_ko": "x"}, format="json"
    ).status_code in (403, 404)


@pytest.mark.parametrize(
    "who", ["other", Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR, "anonymous"]
)
def test_nobody_else_reads_the_application(owned, users, who):
    app, att = owned["app"], owned["att"]
    user = None if who == "anonymous" else owned["other"] if who == "other" else users[who]
    client = Client()
    if user is not None:
        client.force_login(user)
    for url in _page_urls(app, att):
        response = client.get(url)
        if user is None:
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code in (403, 404), (who, url, response.status_code)
    api = client_for(user)
    for url in _api_urls(app):
        assert api.get(url).status_code in (401, 403, 404), (who, url)
    if user is not None:
        assert not readable_applications(user).exists()


def test_inactive_pi_account_reads_nothing(owned):
    pi, app = owned["pi"], owned["app"]
    pi.is_active = False
    pi.save()
    assert not pi.has_perm("applications.view_application", app)
    assert not pi.has_perm("screening.view_application_result", app)
    assert not readable_applications(pi).exists()


def test_same_rule_for_pages_screening_and_evaluation(owned, users):
    """The three permission names answer alike for every user (one predicate behind them)."""
    app = owned["app"]
    people = [owned["applicant"], owned["pi"], owned["other"], *users.values()]
    for user in people:
        answers = {
            user.has_perm(p, app)
            for p in (
                "applications.view_application",
                "screening.view_application_result",
                "evaluation.view_result",
            )
        }
        assert len(answers) == 1, user.username


def test_named_pi_reads_the_result_notice_but_is_not_offered_the_objection(owned):
    from django.utils import timezone

    from evaluation.models import ResultNotice

    app = owned["app"]
    ResultNotice.objects.create(application=app, selected=False, published_at=timezone.now())
    url = reverse("evaluation:result", args=[app.pk])
    for who, offered in (("applicant", True), ("pi", False)):
        client = Client()
        client.force_login(owned[who])
        body = client.get(url).content.decode()
        assert 'id="result-status"' in body
        assert (reverse("evaluation:objection-file", args=[app.pk]) in body) is offered, who
        pdf = client.get(reverse("evaluation:notice-pdf", args=[app.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


# Pages that act (not read): only the applicant account gets them.
ACTING = {"applications:submit", "applications:withdraw"}  # only the applicant acts


def _application_routes():
    """Every URL of the project about one application (`applications/<int:pk>` in its route)."""
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix="", ns=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                yield from walk(p.url_patterns, prefix + str(p.pattern), inner)
            else:
                yield prefix + str(p.pattern), f"{ns}:{p.name}" if ns else p.name

    for route, name in walk(get_resolver().url_patterns):
        if "applications/<int:pk>" in route:
            yield route, name


def test_every_application_url_answers_the_named_pi_as_the_applicant(owned):
    """Guard: a new page or endpoint about an application must use the one ownership rule. The
    named PI gets what the applicant gets (reading), and another applicant never gets it."""
    app, att = owned["app"], owned["att"]
    values = {"pk": app.pk, "att_pk": att.pk, "section": "plan"}
    clients = {}
    for who in ("applicant", "pi", "other"):
        clients[who] = Client(raise_request_exception=False)
        clients[who].force_login(owned[who])
    routes = list(_application_routes())
    assert len(routes) >= 15
    for route, name in routes:
        kwargs = {k: values[k] for k in _converters_of(route)}
        url = reverse(name, kwargs=kwargs)
        status = {who: c.get(url).status_code for who, c in clients.items()}
        assert status["applicant"] < 500 and status["pi"] < 500, (url, status)
        if name not in ACTING:
            assert status["pi"] == status["applicant"], (url, status)
        if status["applicant"] < 400:
            assert status["other"] in (403, 404), (url, status)


def _converters_of(route: str) -> list[str]:
    import re

    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    unknown = set(names) - {"pk", "att_pk", "section"}
    assert not unknown, f"add a value for {unknown} in {route}"
    return names
