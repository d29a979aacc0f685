"""A request over the size limits gets a clear Korean/English refusal (never a bare "Bad Request
(400)" or a 500), and the draft it was meant to change is not touched."""

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from applications.models import Application, Attachment
from config.request_limits import RequestLimitsMiddleware
from tests.applications.factories import complete_application
from tests.applications.files import pdf_bytes
from tests.conftest import client_for

LIMIT = 10_000


@pytest.fixture
def draft(catalogue, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return complete_application()


@pytest.fixture
def small_limit(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT


def logged_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def unchanged(app: Application) -> bool:
    fresh = Application.objects.get(pk=app.pk)
    return fresh.title_ko == app.title_ko and fresh.updated_at == app.updated_at


def big_plan(app) -> dict:
    return {"title_ko": "가" * 5000, "title_en": app.title_en, "summary": "요약" * 5000}


@pytest.mark.parametrize("debug", [False, True])
def test_form_over_limit_gets_a_readable_page_and_the_draft_is_kept(
    draft, small_limit, settings, debug
):
    settings.DEBUG = debug  # the embedded default runs with DEBUG on: same page
    c = logged_in(draft.applicant)
    edit_url = f"http://testserver/applications/{draft.pk}/"
    r = c.post(f"/applications/{draft.pk}/save/plan/", big_plan(draft), HTTP_REFERER=edit_url)
    assert r.status_code == 413
    page = r.content.decode()
    assert "Bad Request (400)" not in page
    assert "입력한 내용이 너무 큽니다" in page and "임시저장 내용은 그대로 보존" in page
    assert "What you entered is too large" in page and "draft saved before is kept" in page
    assert f'href="{edit_url}"' in page  # back to the edit page
    assert unchanged(draft)


def test_back_link_only_to_this_site(draft, small_limit):
    c = logged_in(draft.applicant)
    r = c.post(f"/applications/{draft.pk}/save/plan/", big_plan(draft),
               HTTP_REFERER="https://evil.example/phish")  # fmt: skip
    assert r.status_code == 413 and "evil.example" not in r.content.decode()


def test_autosave_over_limit_answers_the_status_fragment(draft, small_limit):
    c = logged_in(draft.applicant)
    r = c.post(f"/applications/{draft.pk}/save/plan/", big_plan(draft), HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and r["X-Request-Refused"] == "request_too_large"
    assert 'id="autosave-status"' in body and 'hx-swap-oob="true"' in body
    # static/js/autosave.js shows a "refused" fragment and does not retry it (same content).
    assert 'data-autosave-state="refused"' in body
    assert "입력한 내용이 너무 큽니다" in body and "too large" in body
    assert "저장됨" not in body and "Saved" not in body
    assert unchanged(draft)


def test_api_over_limit_is_413_json(draft, small_limit):
    client = client_for(draft.applicant)
    r = client.patch(f"/api/v1/applications/{draft.pk}/", {"summary": "요약" * 5000},
                     format="json")  # fmt: skip
    assert r.status_code == 413
    body = r.json()
    assert body["code"] == "request_too_large"
    assert "너무 큽니다" in body["message_ko"] and "too large" in body["message_en"]
    assert unchanged(draft)


def test_too_many_fields_refused_with_reason(draft, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    c = logged_in(draft.applicant)
    data = {f"res-{i}-name": "x" for i in range(30)}
    r = c.post(f"/applications/{draft.pk}/save/researchers/", data)
    assert r.status_code == 400
    assert "입력 항목이 너무 많습니다" in r.content.decode()
    assert draft.researchers.count() == 2


def test_malformed_multipart_is_400_not_500(draft):
    c = logged_in(draft.applicant)
    r = c.generic("POST", f"/applications/{draft.pk}/attachments/", b"garbage",
                  content_type="multipart/form-data")  # no boundary  # fmt: skip
    assert r.status_code == 400 and "요청 형식이 올바르지 않습니다" in r.content.decode()


def test_files_do_not_count_towards_the_field_limit(draft, small_limit):
    c = logged_in(draft.applicant)
    count = Attachment.objects.filter(application=draft).count()
    pdf = SimpleUploadedFile("big.pdf", pdf_bytes() + b" " * (5 * LIMIT))
    r = c.post(f"/applications/{draft.pk}/attachments/", {"doc_code": "plan", "files": [pdf]})
    assert r.status_code == 302
    assert Attachment.objects.filter(application=draft).count() == count + 1


def test_upload_body_over_the_upload_cap_refused_before_reading(draft, settings):
    settings.MAX_UPLOAD_FILE_BYTES = 2_000
    settings.MAX_UPLOAD_FILES_PER_REQUEST = 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    c = logged_in(draft.applicant)
    count = Attachment.objects.count()
    pdf = SimpleUploadedFile("big.pdf", pdf_bytes() + b" " * 5_000)
    r = c.post(f"/applications/{draft.pk}/attachments/", {"doc_code": "plan", "files": [pdf]})
    assert r.status_code == 413 and "파일이 너무 큽니다" in r.content.decode()
    assert Attachment.objects.count() == count


def test_limit_error_raised_inside_a_view_gets_the_same_answer():
    middleware = RequestLimitsMiddleware(lambda request: None)
    api = RequestFactory().patch("/api/v1/applications/1/")
    r = middleware.process_exception(api, RequestDataTooBig("x"))
    assert r.status_code == 413 and r.headers["Content-Type"] == "application/json"
    page = RequestFactory().post("/applications/1/save/plan/")
    page.user = None
    r = middleware.process_exception(page, RequestDataTooBig("x"))
    assert r.status_code == 413 and "너무 큽니다" in r.content.decode()
    assert middleware.process_exception(page, ValueError("other")) is None


def test_too_many_query_parameters_refused_with_reason(catalogue, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"p{i}=1" for i in range(30))
    r = Client().get(f"/calls/?{query}")
    assert r.status_code == 400 and "조회 조건이 너무 많습니다" in r.content.decode()
