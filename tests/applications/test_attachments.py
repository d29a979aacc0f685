"""Uploads: recognised by content; archives refused even when renamed; limits; nothing lost."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.domain.attachments import UploadRefused, add_attachments
from applications.models import Application, Attachment
from tests.applications.factories import complete_application
from tests.applications.files import (
    ARCHIVE_BYTES,
    hwp5_bytes,
    hwpx_bytes,
    ole_bytes,
    pdf_bytes,
    zip_bytes,
)
from tests.conftest import client_for


@pytest.fixture
def draft(catalogue):
    return complete_application()


def upload(app, name, data, doc="plan"):
    return add_attachments(application=app, actor=app.applicant, doc_code=doc,
                           files=[SimpleUploadedFile(name, data)])  # fmt: skip


@pytest.mark.parametrize(
    "name,data,kind",
    [("계획서.pdf", pdf_bytes(), "pdf"), ("계획서.hwp", hwp5_bytes(), "hwp"),
     ("계획서.hwpx", hwpx_bytes(), "hwpx"), ("noext", hwp5_bytes(), "hwp")],
    ids=["pdf", "hwp", "hwpx", "noext"],
)  # fmt: skip
def test_accepted_by_content_and_hashed(draft, name, data, kind):
    (att,) = upload(draft, name, data)
    assert att.content_type_detected == kind
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert att.file.read() == data and att.original_name == name


REFUSALS = [
    ("plan.pdf", zip_bytes(), "archive_refused"),  # zip renamed .pdf
    ("plan.hwpx", zip_bytes(), "archive_refused"),  # other zip, even named .hwpx
    ("plan.7z", ARCHIVE_BYTES["7z"], "archive_refused"),
    ("plan.pdf", ARCHIVE_BYTES["rar"], "archive_refused"),
    ("plan.alz", ARCHIVE_BYTES["alz"], "archive_refused"),
    ("plan.hwp", ARCHIVE_BYTES["egg"], "archive_refused"),
    ("plan.hwp", "한글 문서인 척하는 텍스트".encode(), "type_not_allowed"),
    ("plan.hwp", ole_bytes("WordDocument", b"not hwp"), "ole_not_hwp"),
]


@pytest.mark.parametrize("name,data,code", REFUSALS, ids=[f"{n}-{c}" for n, _d, c in REFUSALS])
def test_refused_and_draft_untouched(draft, name, data, code):
    before = list(draft.attachments.values_list("sha256", flat=True))
    title = draft.title_ko
    with pytest.raises(UploadRefused) as exc:
        upload(draft, name, data)
    assert exc.value.code == code
    assert name in exc.value.message_ko and exc.value.message_en
    assert list(draft.attachments.values_list("sha256", flat=True)) == before
    assert Application.objects.get(pk=draft.pk).title_ko == title


def test_over_20mb_refused(draft, settings):
    big = pdf_bytes() + b"0" * (settings.MAX_UPLOAD_FILE_BYTES)
    with pytest.raises(UploadRefused) as exc:
        upload(draft, "big.pdf", big)
    assert exc.value.code == "file_too_large"
    ok = pdf_bytes().ljust(settings.MAX_UPLOAD_FILE_BYTES, b" ")
    assert upload(draft, "exact.pdf", ok)[0].size == settings.MAX_UPLOAD_FILE_BYTES


def test_more_than_10_files_refused_and_one_bad_file_stores_none(draft):
    count = Attachment.objects.count()
    files = [SimpleUploadedFile(f"f{i}.pdf", pdf_bytes(str(i))) for i in range(11)]
    with pytest.raises(UploadRefused) as exc:
        add_attachments(application=draft, actor=draft.applicant, doc_code="plan", files=files)
    assert exc.value.code == "too_many_files"
    mixed = [SimpleUploadedFile("a.pdf", pdf_bytes()), SimpleUploadedFile("b.pdf", zip_bytes())]
    with pytest.raises(UploadRefused):
        add_attachments(application=draft, actor=draft.applicant, doc_code="plan", files=mixed)
    assert Attachment.objects.count() == count
    ten = [SimpleUploadedFile(f"f{i}.pdf", pdf_bytes(str(i))) for i in range(10)]
    assert len(add_attachments(application=draft, actor=draft.applicant, doc_code="plan",
                               files=ten)) == 10  # fmt: skip


def test_document_format_list_is_respected(draft):
    with pytest.raises(UploadRefused) as exc:
        upload(draft, "registry.hwp", hwp5_bytes(), doc="registry")  # registry: PDF only
    assert exc.value.code == "format_not_allowed_for_document"


def test_api_upload_refusal_is_400_with_reason(draft):
    client = client_for(draft.applicant)
    bad = SimpleUploadedFile("plan.pdf", zip_bytes())
    r = client.post(f"/api/v1/applications/{draft.pk}/attachments/",
                    {"doc_code": "plan", "files": [bad]}, format="multipart")  # fmt: skip
    assert r.status_code == 400 and r.json()["code"] == "archive_refused"
    good = SimpleUploadedFile("plan.hwpx", hwpx_bytes())
    r = client.post(f"/api/v1/applications/{draft.pk}/attachments/",
                    {"doc_code": "plan", "files": [good]}, format="multipart")  # fmt: skip
    assert r.status_code == 201 and r.json()[0]["content_type_detected"] == "hwpx"


def test_page_upload_shows_clear_error(draft):
    from django.test import Client

    c = Client()
    c.force_login(draft.applicant)
    r = c.post(f"/applications/{draft.pk}/attachments/",
               {"doc_code": "plan", "files": [SimpleUploadedFile("x.pdf", ARCHIVE_BYTES["7z"])]},
               follow=True)  # fmt: skip
    assert r.status_code == 200
    assert "압축파일(7z)" in r.content.decode()
