"""Autosave of text fields: one conditional UPDATE, same refusals as update_draft, nothing lost."""

import threading

import pytest
from django.db import connection, transaction

from applications.domain.drafts import autosave_draft
from applications.domain.errors import CallClosed, NotEditable
from applications.domain.submission import submit_application
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.applications.factories import (
    applicant_with_institution,
    complete_application,
    make_call,
    seoul,
)
from tests.conftest import client_for

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: row locks and READ COMMITTED re-checks",
)


def url(app) -> str:
    return f"/api/v1/applications/{app.pk}/"


def test_text_autosave_is_one_update_and_answers_the_saved_fields(
    catalogue, django_assert_max_num_queries
):
    app = complete_application()
    client = client_for(app.applicant)
    before = Application.objects.get(pk=app.pk).updated_at
    with django_assert_max_num_queries(2):  # token + the UPDATE
        r = client.patch(url(app), {"summary": "  새 요약  ", "keywords": "AI"}, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["id"] == app.pk and body["status"] == "draft"
    assert body["summary"] == "새 요약" and body["keywords"] == "AI"  # trimmed like DraftIn
    stored = Application.objects.get(pk=app.pk)
    assert (stored.summary, stored.keywords) == ("새 요약", "AI")
    assert stored.title_ko == app.title_ko and stored.current_trl == app.current_trl
    assert stored.updated_at > before


def test_other_bodies_take_the_checked_path_with_its_errors(catalogue):
    app = complete_application()
    client = client_for(app.applicant)
    r = client.patch(url(app), {"title_ko": "가" * 301}, format="json")
    assert r.status_code == 400 and "title_ko" in r.json()
    r = client.patch(url(app), {"summary": None}, format="json")
    assert r.status_code == 400
    r = client.patch(url(app), {"current_trl": 12}, format="json")
    assert r.status_code == 400
    r = client.patch(url(app), {"summary": "혼합", "current_trl": 7}, format="json")
    assert r.status_code == 200 and r.json()["city_grant_krw"] == app.city_grant_krw
    stored = Application.objects.get(pk=app.pk)
    assert (stored.summary, stored.current_trl, stored.title_ko) == ("혼합", 7, app.title_ko)


def test_autosave_refusals_keep_codes_messages_and_data(catalogue, monkeypatch):
    from django.utils import timezone

    call = make_call(opens_at=seoul(2023, 7, 14, 9), closes_at=seoul(2023, 8, 14, 16))
    app = complete_application(call=call, now=seoul(2023, 8, 1, 10))
    client = client_for(app.applicant)
    monkeypatch.setattr(timezone, "now", lambda: seoul(2023, 8, 14, 15, 59, 59))
    assert client.patch(url(app), {"summary": "마감 1초 전"}, format="json").status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: seoul(2023, 8, 14, 16))  # close is exclusive
    r = client.patch(url(app), {"summary": "마감 시각"}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "call_closed"
    assert "마감" in r.json()["message_ko"] and "closed" in r.json()["message_en"]
    assert Application.objects.get(pk=app.pk).summary == "마감 1초 전"

    with pytest.raises(CallClosed):
        autosave_draft(
            application_id=app.pk, user=app.applicant, fields={"summary": "x"},
            now=seoul(2023, 8, 14, 16),
        )  # fmt: skip
    submit_application(application_id=app.pk, actor=app.applicant, now=seoul(2023, 8, 14, 15))
    with pytest.raises(NotEditable) as exc:
        autosave_draft(
            application_id=app.pk, user=app.applicant, fields={"summary": "x"},
            now=seoul(2023, 8, 14, 15, 30),
        )  # fmt: skip
    assert exc.value.code == "not_editable" and "제출" in exc.value.message_ko
    assert Application.objects.get(pk=app.pk).summary == "마감 1초 전"


def test_someone_elses_application_is_not_found_and_unchanged(catalogue):
    app = complete_application()
    other = applicant_with_institution(username="intruder")
    with pytest.raises(Application.DoesNotExist):
        autosave_draft(application_id=app.pk, user=other, fields={"summary": "x"})
    r = client_for(other).patch(url(app), {"summary": "x"}, format="json")
    assert r.status_code == 404
    assert Application.objects.get(pk=app.pk).summary == app.summary


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_autosave_waiting_for_a_submit_is_refused_after_it(catalogue):
    """A submit holds the row; the autosave's UPDATE waits, re-checks `status` on the submitted
    row and changes nothing, so the submitted content (and its digest) stays as submitted."""
    app = complete_application()
    locked, release, result = threading.Event(), threading.Event(), {}

    def submitter():
        try:
            with transaction.atomic():
                Application.objects.select_for_update().get(pk=app.pk)
                locked.set()
                release.wait(10)
                Application.objects.filter(pk=app.pk).update(
                    status=ApplicationStatus.SUBMITTED, receipt_no="2099-0001-00001"
                )
        finally:
            connection.close()

    def autosaver():
        try:
            autosave_draft(application_id=app.pk, user=app.applicant, fields={"summary": "늦음"})
            result["saved"] = True
        except NotEditable as exc:
            result["refused"] = exc.code
        finally:
            connection.close()

    t1 = threading.Thread(target=submitter)
    t1.start()
    assert locked.wait(10)
    t2 = threading.Thread(target=autosaver)
    t2.start()
    t2.join(0.5)
    assert t2.is_alive()  # waiting for the submit's row lock
    release.set()
    t1.join(10)
    t2.join(10)
    assert result == {"refused": "not_editable"}
    assert Application.objects.get(pk=app.pk).summary == app.summary


def test_detail_answer_is_exactly_the_serializer_output(catalogue):
    """The detail GET's hand-built answer equals ApplicationOut for a full application."""
    import json

    from rest_framework.renderers import JSONRenderer

    from applications.domain.validation import application_detail_queryset
    from applications.interfaces.serializers import ApplicationOut, application_out

    app = complete_application()
    app = application_detail_queryset().get(pk=app.pk)
    assert app.attachments.all() and app.researchers.all() and app.budget_items.all()
    expected = json.loads(JSONRenderer().render(ApplicationOut(app).data))
    assert json.loads(JSONRenderer().render(application_out(app))) == expected
    r = client_for(app.applicant).get(url(app))
    assert r.status_code == 200 and r.json() == expected
    assert r.json()["submitted_at"] is None and r.json()["starts_on"] == "2023-10-01"
    submit_application(application_id=app.pk, actor=app.applicant)
    app = application_detail_queryset().get(pk=app.pk)
    after = client_for(app.applicant).get(url(app)).json()
    assert after == json.loads(JSONRenderer().render(ApplicationOut(app).data))
    assert after["receipt_no"] and after["submitted_at"]
