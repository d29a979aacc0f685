"""Role-parametrised access to the outcome report pages and API: institutions see their own,
staff and officials all; only the institution files, only staff review; officials change nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.enums import Role
from tests.factories import UserFactory
from tests.postgres_only import needs_postgresql_sql
from tests.tracking.helpers import completed_project, member
from tracking.domain.obligations import run_report_obligations
from tracking.models import FIGURE_FIELDS, ReportStatus

pytestmark = [pytest.mark.django_db, needs_postgresql_sql]


@pytest.fixture
def report(catalogue):
    project = completed_project()
    run_report_obligations(today=dt.date(2027, 1, 2))
    return project.tracking_reports.get()


def who(kind, report):
    if kind == "own":
        return member(report.project)
    if kind == "other":
        return UserFactory(role=Role.APPLICANT, institution=completed_project().lead_institution)
    return UserFactory(role=kind)


@pytest.mark.parametrize(
    ("kind", "page", "api"),
    [("own", 200, 200), ("other", 404, 404), (Role.STAFF, 200, 200), (Role.OFFICIAL, 200, 200),
     (Role.EVALUATOR, 403, 403), (Role.OPERATOR, 403, 403)],
)  # fmt: skip
def test_read_access(client, report, kind, page, api):
    client.force_login(who(kind, report))
    assert client.get(reverse("tracking:report_edit", args=[report.pk])).status_code == page
    assert client.get(f"/api/v1/tracking/reports/{report.pk}/").status_code == api
    listing = client.get("/api/v1/tracking/reports/")
    if kind in ("own", Role.STAFF, Role.OFFICIAL):
        assert [r["id"] for r in listing.json()] == [report.pk]
    elif kind == "other":
        assert listing.json() == []
    else:
        assert listing.status_code == 403


def test_anonymous_is_sent_to_login(client, report):
    assert client.get(reverse("tracking:reports")).status_code == 302
    assert client.get("/api/v1/tracking/reports/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("kind", "status"),
    [("own", 200), ("other", 404), (Role.STAFF, 403), (Role.OFFICIAL, 403)],
)
def test_only_the_institution_edits_and_submits(client, report, kind, status):
    client.force_login(who(kind, report))
    url = f"/api/v1/tracking/reports/{report.pk}/"
    patch = client.patch(
        url, {"figures": {"sales_krw": 5_000_000}}, content_type="application/json"
    )
    assert patch.status_code == status
    assert client.post(url + "submit/").status_code == status
    report.refresh_from_db()
    assert (report.status == ReportStatus.SUBMITTED) == (status == 200)
    assert (report.sales_krw == 5_000_000) == (status == 200)


def test_bad_input_is_400_not_500(client, report):
    client.force_login(who("own", report))
    url = f"/api/v1/tracking/reports/{report.pk}/"
    for body in ({"figures": {"sales_krw": -1}}, {"figures": {"nope": 1}}, {"figures": "x"}):
        assert client.patch(url, body, content_type="application/json").status_code == 400
    page = client.post(reverse("tracking:report_edit", args=[report.pk]), {"sales_krw": "abc"})
    assert page.status_code == 400
    assert "abc" in page.content.decode()  # input kept


@pytest.mark.parametrize(
    ("kind", "status"), [(Role.STAFF, 200), (Role.OFFICIAL, 403), ("own", 403)]
)
def test_only_staff_review(client, report, kind, status):
    owner = member(report.project)
    client.force_login(owner)
    client.post(f"/api/v1/tracking/reports/{report.pk}/submit/")
    client.force_login(who(kind, report) if kind != "own" else owner)
    answer = client.post(f"/api/v1/tracking/reports/{report.pk}/review/", {"decision": "accept"},
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == status
    report.refresh_from_db()
    assert (report.status == ReportStatus.ACCEPTED) == (status == 200)


def test_pages_render_list_form_and_queue(client, report):
    client.force_login(member(report.project))
    page = client.get(reverse("tracking:reports"))
    assert page.status_code == 200 and report.code in page.content.decode()
    form = client.get(reverse("tracking:report_edit", args=[report.pk])).content.decode()
    assert 'name="sales_krw"' in form
    client.force_login(UserFactory(role=Role.STAFF))
    queue = client.get(reverse("tracking:reports")).content.decode()
    assert 'id="tracking-response-rates"' in queue and report.code in queue


def test_page_form_asks_a_note_for_a_jump_next_to_the_field_and_files(client, catalogue):
    project = completed_project()
    run_report_obligations(today=dt.date(2027, 1, 2))
    run_report_obligations(today=dt.date(2028, 1, 2))
    first, second = project.tracking_reports.order_by("report_year_no")
    client.force_login(member(project))
    url = lambda r: reverse("tracking:report_edit", args=[r.pk])  # noqa: E731
    base = {f: "0" for f in FIGURE_FIELDS}
    assert (
        client.post(url(first), {**base, "sales_krw": "1000000", "action": "submit"}).status_code
        == 302
    )
    form = client.get(url(second)).content.decode()
    assert 'value="1000000"' in form  # pre-filled from last year
    answer = client.post(url(second), {**base, "sales_krw": "99000000", "action": "submit"})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert 'id="id_jump_note_error"' in page and 'value="99000000"' in page
    ok = client.post(url(second), {**base, "sales_krw": "99000000", "jump_note": "수출 계약",
                                   "action": "submit"})  # fmt: skip
    assert ok.status_code == 302
    second.refresh_from_db()
    assert second.status == ReportStatus.SUBMITTED and second.jump_note == "수출 계약"


@pytest.mark.parametrize(("kind", "status"), [("own", 200), ("other", 404), (Role.STAFF, 200),
                                              (Role.EVALUATOR, 403)])  # fmt: skip
def test_evidence_is_served_only_to_readers(client, report, kind, status, settings, tmp_path):
    from tests.agreements.guarantee_helpers import policy_pdf
    from tracking.domain.evidence import add_evidence

    settings.MEDIA_ROOT = tmp_path
    upload = policy_pdf("증빙.pdf")
    data = upload.read()
    upload.seek(0)
    evidence = add_evidence(report=report, actor=member(report.project), uploaded=upload)
    client.force_login(who(kind, report))
    answer = client.get(reverse("tracking:report_evidence", args=[report.pk, evidence.pk]))
    assert answer.status_code == status
    if status == 200:
        assert b"".join(answer.streaming_content) == data
