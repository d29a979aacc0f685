"""Tracks of a programme (R01's crowdfunding and open-evaluation types) in the draft API, the
staff list and its Excel export, the applicant hub and the dossier — by name, never by code, with
list queries that do not grow with the rows; the plan form's participation-role select
(free-call cooperation projects: a private demonstration site may join)."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.enums import InstitutionType, Role
from applications.domain.drafts import create_draft
from applications.models import ApplicationInstitution
from tests.applications.factories import applicant_with_institution, make_call
from tests.conftest import client_for
from tests.evaluation.factories import ApplicationFactory
from tests.factories import CallFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _draft(call):
    applicant = applicant_with_institution()
    return create_draft(call=call, applicant=applicant, program=call.programs.get())


def test_draft_api_takes_a_track_of_the_programme_and_refuses_others(catalogue):
    app = _draft(make_call(programs=("R01",)))
    client, url = client_for(app.applicant), f"/api/v1/applications/{app.pk}/"
    r = client.patch(url, {"track": "crowdfunding"}, format="json")
    assert r.status_code == 200 and r.json()["track"] == "crowdfunding"
    assert client.get(url).json()["track"] == "crowdfunding"
    r = client.patch(url, {"track": "fashion_it"}, format="json")  # R07's track, not R01's
    body = r.json()
    assert r.status_code == 400 and body["code"] == "track_unknown"
    assert "크라우드펀딩형" in body["message_ko"] and "Open-evaluation type" in body["message_en"]
    assert client.patch(url, {"track": "x" * 41}, format="json").status_code == 400
    assert client.get(url).json()["track"] == "crowdfunding"  # refused: unchanged
    assert client.patch(url, {"track": ""}, format="json").json()["track"] == ""


def test_track_names_in_staff_list_export_hub_and_dossier_with_constant_queries(catalogue, users):
    call = CallFactory(programs=["R01"])
    staff, url = _signed_in(users[Role.STAFF]), f"/applications/calls/{call.pk}/"

    def list_queries():
        staff.get(url)  # warm up (session, content types)
        with CaptureQueriesContext(connection) as ctx:
            response = staff.get(url)
        return response, len(ctx.captured_queries)

    first = ApplicationFactory(call=call, track="crowdfunding")
    _r, one = list_queries()
    ApplicationFactory.create_batch(3, call=call, track="open_evaluation")
    response, many = list_queries()
    assert one == many, (one, many)
    html = response.content.decode()
    assert "크라우드펀딩형" in html and "공개평가형" in html and ">crowdfunding<" not in html
    assert 'id="call-tracks-link"' in html  # to each track's slots and envelope
    sheet = load_workbook(io.BytesIO(staff.get(url + "export.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "유형 Track" and {r[-1] for r in rows[1:]} == {
        "크라우드펀딩형",
        "공개평가형",
    }
    # the track filter: names in the select, the list and its export narrowed to one track
    assert (
        '<label for="f-track">' in html and '<option value="crowdfunding" >크라우드펀딩형' in html
    )
    only = staff.get(url, {"track": "crowdfunding"}).content.decode()
    assert only.count('class="track-name"') == 1 and "공개평가형</td>" not in only
    sheet = load_workbook(io.BytesIO(staff.get(url + "export.xlsx?track=open_evaluation").content))
    assert {r[-1] for r in list(sheet.active.iter_rows(values_only=True))[1:]} == {"공개평가형"}
    assert staff.get(url, {"track": "fashion_it"}).content.decode().count('class="track-name"') == 4
    with translation.override("en"):  # reverse() below must not inherit the language
        assert "Crowdfunding type" in staff.get(f"/en{url}").content.decode()
    applicant = _signed_in(first.applicant)
    assert (
        'class="hub-app__track">크라우드펀딩형<' in applicant.get("/applications/").content.decode()
    )
    result = applicant.get(reverse("evaluation:result", args=[first.pk])).content.decode()
    assert 'id="result-track">유형: 크라우드펀딩형<' in result
    dossier = staff.get(f"/evaluation/applications/{first.pk}/dossier/").content.decode()
    assert 'id="dossier-track">크라우드펀딩형<' in dossier


def _save_institutions(app, business_no: str, role: str):
    post = {"base_version": app.edit_version, "inst-900-institution": business_no,
            "inst-900-role": role, "inst-900-role_description": "실증 장소 제공"}  # fmt: skip
    return _signed_in(app.applicant).post(f"/applications/{app.pk}/save/institutions/", post)


def test_plan_form_offers_the_demo_site_role_only_on_a_free_call(catalogue):
    site = InstitutionFactory(type=InstitutionType.COMPANY)
    free = _draft(make_call(flow={"free_call_cooperation": True}))
    page = _signed_in(free.applicant).get(f"/applications/{free.pk}/").content.decode()
    assert 'id="inst-new-role"' in page and 'value="demo_site"' in page
    assert 'for="inst-new-role"' in page  # labelled
    assert _save_institutions(free, site.business_no, "demo_site").status_code == 302
    row = ApplicationInstitution.objects.get(application=free, institution=site)
    assert row.role == "demo_site"
    page = _signed_in(free.applicant).get(f"/applications/{free.pk}/").content.decode()
    assert f'id="inst-{1}-role"' in page  # the saved row keeps a select, demo site selected
    assert '<option value="demo_site" selected>' in page

    plain = _draft(make_call())
    page = _signed_in(plain.applicant).get(f"/applications/{plain.pk}/").content.decode()
    assert 'id="inst-new-role"' not in page
    refused = _save_institutions(plain, site.business_no, "demo_site")
    html = refused.content.decode()
    assert refused.status_code == 400
    assert 'id="inst-new-role-error"' in html and "자유 공모형 협력과제" in html
    assert f'value="{site.business_no}"' in html  # input kept
    assert not ApplicationInstitution.objects.filter(application=plain, institution=site).exists()
    bad = _save_institutions(free, site.business_no, "lead")  # not a choice of a co-institution
    assert bad.status_code == 400 and 'id="inst-new-role-error"' in bad.content.decode()
