"""The application dossier: who may read it (page, PDF, files, evaluator API), what it shows, the
audit trail of staff's and evaluators' reading, the PDF read back, and a bounded query count."""

import shutil
import subprocess
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import AuditEntry
from applications.domain.submission import submit_application
from evaluation.enums import AssignmentStatus
from evaluation.models import Assignment
from evaluation.screening.models import ScreeningResult, ScreeningRun
from tests.applications.factories import complete_application, make_call
from tests.evaluation.factories import EvaluatorProfileFactory, committee_with_members

pytestmark = pytest.mark.django_db

ALL_ROLES = [
    "staff",
    "evaluator",
    "evaluator_unassigned",
    "evaluator_excluded",
    "evaluator_recused",
    "evaluator_unpledged",
    "owner",
    "other_applicant",
    "official",
    "operator",
    "anonymous",
]
# Expected status of each role on every dossier resource (anonymous: sent to sign in).
EXPECTED = {
    "staff": 200,
    "evaluator": 200,
    "evaluator_unassigned": 403,
    "evaluator_excluded": 403,
    "evaluator_recused": 403,
    "evaluator_unpledged": 403,
    "owner": 200,
    "other_applicant": 404,
    "official": 403,
    "operator": 403,
    "anonymous": 302,
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def korean():
    """A request under /en/ leaves English active in the thread; reverse() would then prefix /en/."""
    from django.utils import translation

    with translation.override("ko"):
        yield


@pytest.fixture
def world(catalogue, users):
    """A submitted application (INV, seed 002 budget, 3 PDF attachments) with one assignment per
    evaluator situation: cleared, excluded (COI), recused, pledge not signed; plus an unassigned one."""
    call = make_call()
    app = complete_application(call=call)
    submit_application(application_id=app.pk, actor=app.applicant)
    app.refresh_from_db()
    staff = users[Role.STAFF]
    signed = committee_with_members(call, n=3, actor=staff, sign=True)
    unsigned = committee_with_members(call, n=1, actor=staff, sign=False)
    ok, excluded, recused = (m.evaluator for m in signed.members.order_by("id"))
    unpledged = unsigned.members.get().evaluator

    def assign(committee, evaluator, status=AssignmentStatus.ACTIVE):
        return Assignment.objects.create(
            committee=committee, call=call, stage=committee.stage, application=app,
            evaluator=evaluator, status=status,
        )  # fmt: skip

    assignments = {
        "evaluator": assign(signed, ok),
        "evaluator_excluded": assign(signed, excluded, AssignmentStatus.EXCLUDED),
        "evaluator_recused": assign(signed, recused, AssignmentStatus.RECUSED),
        "evaluator_unpledged": Assignment.objects.create(
            committee=unsigned,
            call=call,
            stage="presentation",
            application=app,
            evaluator=unpledged,
        ),  # fmt: skip
    }
    people = {
        "staff": staff,
        "evaluator": ok,
        "evaluator_unassigned": EvaluatorProfileFactory().user,
        "evaluator_excluded": excluded,
        "evaluator_recused": recused,
        "evaluator_unpledged": unpledged,
        "owner": app.applicant,
        "other_applicant": users[Role.APPLICANT],
        "official": users[Role.OFFICIAL],
        "operator": users[Role.OPERATOR],
        "anonymous": None,
    }
    return {"app": app, "call": call, "people": people, "assignments": assignments}


def client_as(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def urls(world) -> dict:
    app = world["app"]
    att = app.attachments.order_by("id").first()
    return {
        "page": reverse("evaluation:dossier", args=[app.pk]),
        "pdf": reverse("evaluation:dossier-pdf", args=[app.pk]),
        "file": reverse("evaluation:dossier-file", args=[app.pk, att.pk]),
        "download": reverse("evaluation:dossier-file-download", args=[app.pk, att.pk]),
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_access_by_role(world, role):
    """The page, the file and its download as this role (one world per role)."""
    for resource in ("page", "file", "download"):
        response = client_as(world["people"][role]).get(urls(world)[resource])
        assert response.status_code == EXPECTED[role], (role, resource)
        if role == "anonymous":
            assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["staff", "evaluator", "evaluator_unpledged", "owner",
                                  "other_applicant", "official", "anonymous"])  # fmt: skip
def test_pdf_access_by_role(world, role):
    response = client_as(world["people"][role]).get(urls(world)["pdf"])
    assert response.status_code == EXPECTED[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_api_access_by_role(world, role):
    """GET /api/v1/evaluator/assignments/{id}/application/ with the page's permission."""
    from rest_framework.test import APIClient

    assignment = world["assignments"].get(role, world["assignments"]["evaluator"])
    client = APIClient()
    user = world["people"][role]
    if user is not None:
        client.force_authenticate(user)
    response = client.get(f"/api/v1/evaluator/assignments/{assignment.pk}/application/")
    expected = {"anonymous": 401, "other_applicant": 404}.get(role, EXPECTED[role])
    if role == "anonymous" and response.status_code == 403:
        expected = 403  # DRF answers 403 when no authenticator sends a challenge
    assert response.status_code == expected, (role, response.content[:200])
    if expected == 200:
        body = response.json()
        assert body["application"]["receipt_no"] == world["app"].receipt_no
        assert body["budget"]["total"]["total_krw"] == 533_334_000
        assert body["receipt"]["digest"] == world["app"].digest
        assert len(body["attachments"]) == 3
        assert body["attachments"][0]["view_url"].startswith("http")


def test_api_unknown_assignment_is_404(world):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world["people"]["staff"])
    assert client.get("/api/v1/evaluator/assignments/999999/application/").status_code == 404


def test_page_shows_every_section_with_labels_not_codes(world):
    app = world["app"]
    html = client_as(world["people"]["staff"]).get(urls(world)["page"]).content.decode()
    assert f"<title>신청서 열람 {app.receipt_no}" in html
    for text in (
        app.title_ko,
        "533,334,000",  # budget total (seed 002)
        "400,000,000",
        "인건비",  # category label, not "personnel"
        "연구재료비",
        "주관연구개발기관",  # institution role label
        "연구책임자",  # researcher role label
        app.digest,
        "연구개발계획서",  # required document label
        "중소기업기본법상 중소기업입니다.",  # eligibility self-check
    ):
        assert text in html, text
    for code in (">personnel<", ">materials<", ">lead<", ">pi<", ">document<"):
        assert code not in html


def test_page_in_english_uses_english_labels(world):
    html = client_as(world["people"]["staff"]).get("/en" + urls(world)["page"]).content.decode()
    assert "Application dossier" in html and "Personnel" in html
    assert "The lead institution is an SME under the Framework Act." in html


def test_file_is_inline_pdf_and_download_is_attachment(world):
    client = client_as(world["people"]["evaluator"])
    att = world["app"].attachments.order_by("id").first()
    inline = client.get(urls(world)["file"])
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert b"".join(inline.streaming_content) == att.file.open("rb").read()
    download = client.get(urls(world)["download"])
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_file_of_another_application_is_404(world, catalogue):
    other = complete_application(call=world["call"])
    att = other.attachments.first()
    url = reverse("evaluation:dossier-file", args=[world["app"].pk, att.pk])
    assert client_as(world["people"]["staff"]).get(url).status_code == 404


@pytest.mark.parametrize("role", ["staff", "evaluator"])
def test_reading_by_staff_and_evaluators_is_audited(world, role):
    user = world["people"][role]
    client = client_as(user)
    u = urls(world)
    before = timezone.now()
    client.get(u["page"])
    client.get(u["pdf"])
    client.get(u["file"])
    client.get(u["download"])
    entries = list(AuditEntry.objects.filter(actor=user, at__gte=before).order_by("id"))
    assert [e.action for e in entries] == [
        "application.dossier.view",
        "application.dossier.view",
        "application.attachment.view",
        "application.attachment.download",
    ]
    assert [e.after["format"] for e in entries[:2]] == ["html", "pdf"]
    assert entries[0].object_id == str(world["app"].pk)
    att = world["app"].attachments.order_by("id").first()
    assert entries[2].object_id == str(att.pk) and entries[2].after["sha256"] == att.sha256


def test_refused_and_applicant_reading_is_not_audited_as_a_view(world):
    before = AuditEntry.objects.filter(action__startswith="application.dossier").count()
    client_as(world["people"]["owner"]).get(urls(world)["page"])
    client_as(world["people"]["evaluator_unassigned"]).get(urls(world)["page"])
    assert AuditEntry.objects.filter(action__startswith="application.dossier").count() == before


def test_evaluator_reading_ends_recusal(world):
    assignment = world["assignments"]["evaluator"]
    assert assignment.opened_at is None
    client_as(world["people"]["evaluator"]).get(urls(world)["page"])
    assignment.refresh_from_db()
    assert assignment.opened_at is not None


def test_upheld_conflict_record_refuses_even_an_active_assignment(world):
    from evaluation.models import ConflictRecord

    ConflictRecord.objects.create(
        call=world["call"], application=world["app"], evaluator=world["people"]["evaluator"],
        kind="relationship", reason="친족", status="upheld",
    )  # fmt: skip
    assert client_as(world["people"]["evaluator"]).get(urls(world)["page"]).status_code == 403


def _screen(world, *, release: bool):
    run = ScreeningRun.objects.create(call=world["call"], status="done", total=1, processed=1)
    ScreeningResult.objects.create(
        run=run, application=world["app"], outcome="fail",
        rules=[{"code": "seoul_location", "outcome": "fail", "reason_ko": "서울 소재 확인 불가",
                "reason_en": "no Seoul site", "clause": ""}],
    )  # fmt: skip
    if release:
        ScreeningRun.objects.filter(pk=run.pk).update(released_at=timezone.now())
    return run


def test_screening_outcome_staff_always_applicant_once_released(world):
    _screen(world, release=False)
    page = urls(world)["page"]
    staff_html = client_as(world["people"]["staff"]).get(page).content.decode()
    assert "서울 소재 확인 불가" in staff_html and "seoul_location" not in staff_html
    assert "서울 소재" in staff_html  # rule label
    owner_html = client_as(world["people"]["owner"]).get(page).content.decode()
    assert "서울 소재 확인 불가" not in owner_html
    ScreeningRun.objects.update(released_at=timezone.now())
    owner_html = client_as(world["people"]["owner"]).get(page).content.decode()
    assert "서울 소재 확인 불가" in owner_html and "부적합" in owner_html


def _max_queries():
    """Measured: PostgreSQL 4-7 (the graph is one statement), SQLite 11-14 (the ORM graph needs
    eight queries or more); sessions, user, graph, screening, clearance, audit, recusal marker."""
    from django.db import connection

    return 8 if connection.vendor == "postgresql" else 15


@pytest.mark.parametrize("role", ["staff", "evaluator", "owner"])
def test_query_count_is_bounded_and_does_not_grow(world, role, django_assert_max_num_queries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.domain.attachments import add_attachments
    from applications.models import Application
    from tests.applications.files import pdf_bytes

    client = client_as(world["people"][role])
    page = urls(world)["page"]
    client.get(page)  # warm caches (content types, session)
    with django_assert_max_num_queries(_max_queries()) as small:
        assert client.get(page).status_code == 200
    # more rows (attachments, screening rules): the count stays the same
    Application.objects.filter(pk=world["app"].pk).update(status="draft")
    app = Application.objects.get(pk=world["app"].pk)
    add_attachments(
        application=app, actor=app.applicant, doc_code="plan",
        files=[SimpleUploadedFile(f"extra{i}.pdf", pdf_bytes(f"x{i}")) for i in range(4)],
    )  # fmt: skip
    Application.objects.filter(pk=app.pk).update(status="submitted")
    _screen(world, release=True)
    with django_assert_max_num_queries(len(small.captured_queries) + 1):  # + the screening rows
        html = client.get(page).content.decode()
    assert html.count("dossier-file-download") == 7


def test_api_query_count_is_bounded(world, django_assert_max_num_queries):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world["people"]["evaluator"])
    url = f"/api/v1/evaluator/assignments/{world['assignments']['evaluator'].pk}/application/"
    client.get(url)
    with django_assert_max_num_queries(_max_queries()):
        assert client.get(url).status_code == 200


def test_api_is_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    operation = paths["/api/v1/evaluator/assignments/{id}/application/"]["get"]
    assert set(operation["responses"]) >= {"200", "403", "404"}


def test_staff_download_through_the_application_page_route_is_audited(world):
    app = world["app"]
    att = app.attachments.order_by("id").first()
    staff = world["people"]["staff"]
    url = reverse("applications:attachment", args=[app.pk, att.pk])
    assert client_as(staff).get(url).status_code == 200
    assert AuditEntry.objects.filter(
        actor=staff, action="application.attachment.download", object_id=str(att.pk)
    ).exists()


@pytest.fixture
def pdftotext():
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    return lambda data: subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_pdf_reads_back_with_title_budget_total_and_digest(world, pdftotext):
    app = world["app"]
    response = client_as(world["people"]["staff"]).get(urls(world)["pdf"])
    text = pdftotext(response.content)
    assert "신청서 열람" in text
    assert app.title_ko in text
    assert "533,334,000" in text
    assert app.digest[:32] in text.replace("\n", "").replace(" ", "")
    assert "인건비" in text


def test_not_pledged_evaluator_score_page_does_not_show_the_dossier(world):
    assignment = world["assignments"]["evaluator_unpledged"]
    client = client_as(world["people"]["evaluator_unpledged"])
    html = client.get(reverse("evaluation:score", args=[assignment.pk])).content.decode()
    assert "533,334,000" not in html
    assert world["app"].summary not in html or not world["app"].summary


def test_score_page_shows_dossier_guidance_and_running_total(world):
    assignment = world["assignments"]["evaluator"]
    client = client_as(world["people"]["evaluator"])
    html = client.get(reverse("evaluation:score", args=[assignment.pk])).content.decode()
    assert 'id="dossier-pane"' in html and "533,334,000" in html
    assert 'id="running-total"' in html
    assert "js/score-sheet.js" in html and "<script>" not in html
    assert "data-confirm=" in html
    assert reverse("evaluation:dossier-file", args=[world["app"].pk,
                   world["app"].attachments.order_by("id").first().pk]) in html  # fmt: skip


def test_navigation_links(world):
    app = world["app"]
    dossier = reverse("evaluation:dossier", args=[app.pk])
    staff_list = reverse("applications:call-list", args=[world["call"].pk])
    assert dossier in client_as(world["people"]["staff"]).get(staff_list).content.decode()
    mine = client_as(world["people"]["owner"]).get(reverse("applications:mine")).content.decode()
    assert dossier in mine
    evaluations = client_as(world["people"]["evaluator"]).get(reverse("evaluation:my-assignments"))
    assert dossier in evaluations.content.decode()
    # not offered before the pledge
    unpledged = client_as(world["people"]["evaluator_unpledged"]).get(
        reverse("evaluation:my-assignments")
    )
    assert dossier not in unpledged.content.decode()


def test_deactivated_evaluator_is_refused(world):
    user = world["people"]["evaluator"]
    client = client_as(user)
    user.is_active = False
    user.save()
    response = client.get(urls(world)["page"])
    assert response.status_code in (302, 403)  # signed out (inactive) or refused


def test_score_page_in_english_and_headings_nested(world):
    assignment = world["assignments"]["evaluator"]
    client = client_as(world["people"]["evaluator"])
    response = client.get("/en" + reverse("evaluation:score", args=[assignment.pk]))
    html = unescape(response.content.decode())
    assert "Researchers' development capability" in html  # criterion name (en)
    assert "The researchers' development capability and record in the field." in html  # guidance
    assert "Submitting locks the score sheet" in html
    assert '<h3 id="dossier-budget-h">' in html  # the dossier's sections sit under its h2


def test_pdf_in_english(world, pdftotext):
    response = client_as(world["people"]["staff"]).get("/en" + urls(world)["pdf"])
    text = pdftotext(response.content)
    assert "Application dossier" in text and "533,334,000" in text and "Personnel" in text


def test_draft_dossier_names_missing_documents(world):
    from applications.models import Application

    app = world["app"]
    Application.objects.filter(pk=app.pk).update(status="draft", receipt_no="", digest="")
    app.attachments.filter(doc_code="registry").delete()
    html = client_as(world["people"]["owner"]).get(urls(world)["page"]).content.decode()
    assert "아직 제출되지 않았습니다" in html
    assert 'id="dossier-missing-documents"' in html and "법인등기부등본" in html


@pytest.mark.parametrize(
    "url",
    [
        "/evaluation/applications/99999999999999999999999/dossier/",
        "/evaluation/applications/99999999999999999999999/dossier.pdf",
        "/evaluation/applications/1/files/99999999999999999999999/",
        "/evaluation/applications/99999999999999999999999/files/1/download/",
        "/api/v1/evaluator/assignments/99999999999999999999999/application/",
    ],
)
def test_out_of_range_ids_are_404_not_500(users, url):
    client = Client(raise_request_exception=False)
    client.force_login(users[Role.STAFF])
    assert client.get(url).status_code == 404


def test_malformed_stored_json_does_not_break_the_dossier(world):
    from applications.models import Application

    Application.objects.filter(pk=world["app"].pk).update(
        eligibility_check=["not", "a", "dict"], rnd_record={"x": 1}, schedule="text"
    )
    assert client_as(world["people"]["staff"]).get(urls(world)["page"]).status_code == 200
