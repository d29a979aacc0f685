"""Uploads checked for structure, not only first bytes: zip bombs, PDF polyglots, broken documents.

Each refusal carries a Korean and an English reason naming the file, and leaves the draft as it was.
"""

import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from applications.domain.attachments import UploadRefused, add_attachments, check_file
from applications.models import Application
from tests.applications.factories import complete_application
from tests.applications.files import (
    HWP5_FILE_HEADER,
    hwp5_bytes,
    hwpx_bytes,
    pdf_bytes,
    zip_bytes,
)
from tests.conftest import client_for

MB = 1024 * 1024


@pytest.fixture
def draft(catalogue):
    return complete_application()


def check(name: str, data: bytes):
    return check_file(SimpleUploadedFile(name, data), None)


def refusal(name: str, data: bytes) -> UploadRefused:
    with pytest.raises(UploadRefused) as exc:
        check(name, data)
    assert name in exc.value.message_ko and name in exc.value.message_en
    return exc.value


def hwpx_with_mimetype(extra: bytes, *, more: dict | None = None) -> bytes:
    """An HWPX whose `mimetype` member is deflated and followed by `extra` bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/hwp+zip" + extra,
                    compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
        zf.writestr("Contents/section0.xml", "<sec/>")
        for member, data in (more or {}).items():
            zf.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --- zip bomb -------------------------------------------------------------------------------------


def test_hwpx_zip_bomb_refused_without_unpacking(draft):
    """20 MB of zeros behind the mimetype compress to ~20 KB (ratio ~1000:1): refused from the
    declared sizes, with a clear reason, and the check never holds the expansion in memory."""
    bomb = hwpx_with_mimetype(b"\x00" * (20 * MB))
    assert len(bomb) < 100_000
    tracemalloc.start()
    try:
        exc = refusal("plan.hwpx", bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.code == "archive_bomb"
    assert "압축 폭탄" in exc.message_ko and "zip bomb" in exc.message_en
    assert peak < 2 * MB + len(bomb), peak
    with pytest.raises(UploadRefused):
        add_attachments(application=draft, actor=draft.applicant, doc_code="plan",
                        files=[SimpleUploadedFile("plan.hwpx", bomb)])  # fmt: skip
    assert not draft.attachments.filter(original_name="plan.hwpx").exists()


def test_archive_total_over_the_cap_refused(settings):
    settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES = 1 * MB
    import os

    big = hwpx_with_mimetype(b"", more={"BinData/image1.bin": os.urandom(MB + 10)})
    assert refusal("plan.hwpx", big).code == "archive_bomb"
    settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES = 2 * MB
    assert check("plan.hwpx", big)[0].kind == "hwpx"


def test_too_many_members_refused(settings):
    settings.MAX_ARCHIVE_MEMBERS = 5
    many = hwpx_with_mimetype(b"", more={f"Contents/s{i}.xml": "<s/>" for i in range(10)})
    assert refusal("plan.hwpx", many).code == "archive_bomb"


def test_mimetype_read_with_a_cap_when_declared_sizes_pass(settings):
    """With the ratio check off, the 10 MB `mimetype` is still only read up to a small cap."""
    settings.MAX_ARCHIVE_MEMBER_RATIO = 10**9
    data = hwpx_with_mimetype(b" " * (10 * MB))
    tracemalloc.start()
    try:
        exc = refusal("plan.hwpx", data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.code == "archive_refused"  # not an HWPX: its mimetype is not application/hwp+zip
    assert peak < 2 * MB + len(data), peak


def lying_hwpx(extra: bytes) -> bytes:
    """An HWPX whose `mimetype` declares 19 bytes (with the CRC of those 19 bytes) while its
    deflated data holds `extra` more: zipfile stops at the declared size, other readers do not."""
    payload = b"application/hwp+zip" + extra
    data = bytearray(hwpx_with_mimetype(extra))
    real = struct.pack("<I", zlib.crc32(payload))
    fake = struct.pack("<I", zlib.crc32(payload[:19]))
    patched, at = 0, data.find(real)
    while at != -1:  # local header and central directory: crc32, compressed size, size
        if struct.unpack("<I", data[at + 8 : at + 12])[0] == len(payload):
            data[at : at + 4] = fake
            data[at + 8 : at + 12] = struct.pack("<I", 19)
            patched += 1
        at = data.find(real, at + 1)
    assert patched == 2
    return bytes(data)


def test_hwpx_member_larger_than_declared_refused():
    """Declared sizes pass every check; the raw data inflates to 10 MB: refused all the same."""
    lying = lying_hwpx(b"\x00" * (10 * MB))
    with zipfile.ZipFile(io.BytesIO(lying)) as zf:
        assert zf.read("mimetype") == b"application/hwp+zip"  # what zipfile alone would see
    assert refusal("plan.hwpx", lying).code == "archive_bomb"
    assert refusal("plan.hwpx", lying_hwpx(b" " * 500)).code == "archive_bomb"


def test_damaged_hwpx_refused_not_500():
    good = bytearray(hwpx_with_mimetype(b"", more={"Contents/content.hpf": "<p/>" * 2000}))
    start = good.find(b"Contents/content.hpf") + len(b"Contents/content.hpf")
    good[start + 5 : start + 25] = b"\xff" * 20  # corrupt the deflated data of that member
    exc = refusal("plan.hwpx", bytes(good))
    assert exc.code == "hwpx_damaged" and "손상" in exc.message_ko


def test_real_hwpx_still_accepted():
    assert check("계획서.hwpx", hwpx_bytes())[0].kind == "hwpx"


# --- polyglots and PDF structure ------------------------------------------------------------------


def test_pdf_with_zip_appended_refused(draft):
    exc = refusal("plan.pdf", pdf_bytes() + zip_bytes())
    assert exc.code == "polyglot_refused"
    assert "압축파일(zip)" in exc.message_ko and "zip archive" in exc.message_en


def test_pdf_with_zip_hidden_before_a_last_eof_refused():
    """The zip sits after the PDF and a new `%%EOF` follows it: still a zip (polyglot)."""
    data = pdf_bytes() + zip_bytes() + b"\n%%EOF\n"
    assert refusal("plan.pdf", data).code == "polyglot_refused"


def test_pdf_header_followed_by_html_refused():
    html = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
    exc = refusal("plan.pdf", html)
    assert exc.code == "polyglot_refused" and "HTML" in exc.message_ko
    # The same, further down the file: no trailer, no %%EOF: not a PDF.
    far = b"%PDF-1.4\n" + b" " * 2000 + b"<html><script>alert(1)</script></html>"
    assert refusal("plan.pdf", far).code == "pdf_damaged"


def test_pdf_with_data_after_eof_refused():
    exc = refusal("plan.pdf", pdf_bytes() + b"GIF89a trailing bytes")
    assert exc.code == "pdf_trailing_data" and "%%EOF" in exc.message_ko


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"\x8f" * 300,  # magic only
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n",  # no xref / trailer / startxref
        pdf_bytes()[:-40] + b"\n%%EOF\n",  # truncated trailer
    ],
)
def test_broken_pdf_refused(data):
    exc = refusal("plan.pdf", data)
    assert exc.code == "pdf_damaged" and "PDF" in exc.message_ko


def test_pdf_without_page_refused():
    no_page = pdf_bytes().replace(b"/Kids[3 0 R]/Count 1", b"/Kids[]/Count 0     ")
    assert refusal("plan.pdf", no_page).code == "pdf_no_page"


def test_pdf_with_trailing_whitespace_accepted():
    assert check("plan.pdf", pdf_bytes() + b"\r\n  \x00\n")[0].kind == "pdf"


def test_password_protected_pdf_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", "owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert refusal("plan.pdf", buf.getvalue()).code == "pdf_encrypted"
    open_for_reading = PdfWriter()
    open_for_reading.add_blank_page(200, 200)
    open_for_reading.encrypt("", "owner", algorithm="RC4-128")  # permissions only: readable
    buf = io.BytesIO()
    open_for_reading.write(buf)
    assert check("plan.pdf", buf.getvalue())[0].kind == "pdf"


def test_hwp_with_zip_appended_refused():
    exc = refusal("plan.hwp", hwp5_bytes() + zip_bytes())
    assert exc.code == "polyglot_refused" and "HWP" in exc.message_ko


def test_truncated_ole_refused_not_500():
    assert refusal("plan.hwp", hwp5_bytes()[:700]).code == "ole_not_hwp"


def test_api_refuses_polyglot_with_reason_and_keeps_draft(draft):
    before = list(draft.attachments.values_list("sha256", flat=True))
    client = client_for(draft.applicant)
    bad = SimpleUploadedFile("plan.pdf", pdf_bytes() + zip_bytes())
    r = client.post(f"/api/v1/applications/{draft.pk}/attachments/",
                    {"doc_code": "plan", "files": [bad]}, format="multipart")  # fmt: skip
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == "polyglot_refused" and body["message_ko"] and body["message_en"]
    assert list(draft.attachments.values_list("sha256", flat=True)) == before
    assert Application.objects.get(pk=draft.pk).updated_at == draft.updated_at


# --- HWP 5 structure ------------------------------------------------------------------------------


def test_distribution_hwp_with_viewtext_accepted():
    data = hwp5_bytes(BodyText__Section0=None, ViewText__Section0=b"\x42\x00\x00\x00")
    assert check("배포용.hwp", data)[0].kind == "hwp"


@pytest.mark.parametrize(
    "overrides",
    [
        {"DocInfo": None},  # no document info
        {"BodyText__Section0": None},  # no body section
        {"FileHeader": HWP5_FILE_HEADER[:32] + struct.pack("<II", 0x03000000, 0)},  # version 3
    ],
)
def test_incomplete_hwp_refused(overrides):
    exc = refusal("plan.hwp", hwp5_bytes(**overrides))
    assert exc.code == "hwp_damaged" and "한글에서 다시 저장" in exc.message_ko


def test_hwpx_with_data_appended_refused():
    exc = refusal("plan.hwpx", hwpx_bytes() + pdf_bytes())
    assert exc.code == "polyglot_refused" and "HWPX" in exc.message_ko


def test_hwpx_carrying_a_pdf_header_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        zf.writestr(zipfile.ZipInfo("Contents/a.xml"), pdf_bytes())  # stored: %PDF- in clear
    assert refusal("plan.hwpx", buf.getvalue()).code == "polyglot_refused"
