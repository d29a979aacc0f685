"""Attachments: PDF, HWP 5 and HWPX recognised by content and checked for structure; archives
(even renamed), zip bombs and polyglot files refused, each with a Korean and English reason."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

import olefile
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import DependencyError

from accounts.domain.audit import record_audit
from accounts.models import User
from applications.domain.drafts import ensure_open, lock_draft
from applications.domain.errors import ApplicationRefused, NotEditable
from applications.domain.problems import josa
from applications.enums import ApplicationStatus
from applications.models import Application, Attachment
from config.archives import (
    ZIP_ERRORS,
    ArchiveRefused,
    check_archive_sizes,
    check_unpacked_sizes,
    read_member,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP5_SIGNATURE = b"HWP Document File"
HWPX_MIMETYPE = b"application/hwp+zip"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Archive signatures (offset, bytes, name) refused whatever the file is called.
ARCHIVES = [
    (0, b"7z\xbc\xaf\x27\x1c", "7z"), (0, b"Rar!\x1a\x07", "rar"), (0, b"ALZ\x01", "alz"),
    (0, b"EGGA", "egg"), (0, b"\x1f\x8b", "gzip"), (0, b"BZh", "bzip2"),
    (0, b"\xfd7zXZ\x00", "xz"), (0, b"MSCF", "cab"), (0, b"\x28\xb5\x2f\xfd", "zstd"),
    (0, b"\x60\xea", "arj"), (2, b"-lh", "lzh"), (257, b"ustar", "tar"),
]  # fmt: skip


class UploadRefused(ApplicationRefused):
    status = 400


@dataclass(frozen=True)
class Detected:
    kind: str  # "pdf" | "hwp" | "hwpx"


def _refuse(code: str, name: str, ko: str, en: str) -> UploadRefused:
    return UploadRefused(code, f"{name}: {ko}", f"{name}: {en}")


def detect(head: bytes, fileobj, name: str) -> Detected:
    """Recognise the file type from its bytes and check its structure; raise UploadRefused otherwise.

    A PDF must parse (pypdf), end with `%%EOF` (nothing but whitespace after it) and have a page; an
    HWP must be an OLE compound file with the HWP 5 signature; an HWPX must be an OWPML zip that
    unpacks within the archive limits. None of them may also be a zip archive (a polyglot)."""
    for offset, magic, archive in ARCHIVES:
        if head[offset : offset + len(magic)] == magic:
            raise _refuse(
                "archive_refused", name,
                f"압축파일({archive})은 제출할 수 없습니다(파일명과 관계없이 내용으로 판별).",
                f"Archives ({archive}) are not accepted, whatever the file is called.",
            )  # fmt: skip
    if head.startswith(b"%PDF-"):
        _check_pdf(head, fileobj, name)
        return Detected("pdf")
    if head.startswith(OLE_MAGIC):
        fileobj.seek(0)
        try:
            with olefile.OleFileIO(fileobj) as ole:
                header = ole.openstream("FileHeader").read(40) if ole.exists("FileHeader") else b""
                ok = header.startswith(HWP5_SIGNATURE)
                complete = ok and _hwp5_complete(header, ole.listdir())
        except Exception:  # noqa: BLE001 - olefile raises many types on a malformed file
            ok = complete = False
        finally:
            fileobj.seek(0)
        if ok and not complete:
            raise _refuse(
                "hwp_damaged", name,
                "HWP 문서 구조가 올바르지 않습니다(문서 정보나 본문이 없음: 손상되었거나 일부만 "
                "저장됨). 한글에서 다시 저장해 올려 주십시오.",
                "The HWP document structure is not valid (no document info or body: damaged or "
                "partly saved). Save it again in Hangul and upload it.",
            )  # fmt: skip
        if ok:
            _refuse_if_also_zip(fileobj, name, "HWP")
            return Detected("hwp")
        raise _refuse(
            "ole_not_hwp", name,
            "HWP 5 문서가 아닌 OLE 파일(예: DOC, XLS)입니다.",
            "An OLE compound file that is not an HWP 5 document (e.g. DOC, XLS).",
        )  # fmt: skip
    if head.startswith(ZIP_MAGICS):
        fileobj.seek(0)
        if _is_hwpx(fileobj, name):
            return Detected("hwpx")
        raise _refuse(
            "archive_refused", name,
            "압축파일(zip)은 제출할 수 없습니다(파일명과 관계없이 내용으로 판별).",
            "Archives (zip) are not accepted, whatever the file is called.",
        )  # fmt: skip
    raise _refuse(
        "type_not_allowed", name,
        "PDF, HWP, HWPX 문서만 제출할 수 있습니다(파일 내용으로 판별).",
        "Only PDF, HWP and HWPX documents are accepted (judged by content).",
    )  # fmt: skip


def _hwp5_complete(header: bytes, paths: list[list[str]]) -> bool:
    """HWP 5 (spec 5.0 §2): version 5.x in FileHeader, a DocInfo stream and at least one section
    under BodyText (or ViewText for distribution documents)."""
    if len(header) < 36 or header[35] != 5:  # version 0xMMnnPPrr, little-endian: MM at byte 35
        return False
    has_docinfo = ["DocInfo"] in paths
    has_section = any(
        len(p) == 2 and p[0] in ("BodyText", "ViewText") and p[1].startswith("Section")
        for p in paths
    )
    return has_docinfo and has_section


# --- PDF structure --------------------------------------------------------------------------------

PDF_EOF = b"%%EOF"
PDF_WHITESPACE = b" \t\r\n\f\x00"  # PDF 32000-1 §7.2.2
HTML_MARKERS = (b"<html", b"<script", b"<!doctype", b"<body", b"<iframe", b"<svg", b"<head")
ZIP_LOCAL_HEADER = b"PK\x03\x04"
_CHUNK = 1024 * 1024


def _pdf_damaged(name: str) -> UploadRefused:
    return _refuse(
        "pdf_damaged", name,
        "PDF 구조가 올바르지 않습니다(손상되었거나 PDF가 아닌 파일). 원본 문서에서 PDF로 다시 "
        "저장해 올려 주십시오.",
        "The PDF structure is not valid (damaged, or not a PDF). Save the document as PDF again "
        "and upload it.",
    )  # fmt: skip


def _polyglot(name: str, kind: str, ko_what: str, en_what: str) -> UploadRefused:
    return _refuse(
        "polyglot_refused", name,
        f"{kind} 파일에 {josa(ko_what, '이')} 섞여 있습니다(여러 형식을 겸한 파일은 받지 않습니다). "
        f"원본 문서에서 {josa(kind, '으로')} 다시 저장해 올려 주십시오.",
        f"The {kind} file also contains {en_what} (files that are several formats at once are "
        f"refused). Save the document as {kind} again and upload it.",
    )  # fmt: skip


def _last_eof(fileobj) -> tuple[int, int]:
    """Offset of the last `%%EOF` (-1 if none) and the file size, reading in chunks."""
    fileobj.seek(0)
    pos, last, carry = 0, -1, b""
    while block := fileobj.read(_CHUNK):
        data = carry + block
        found = data.rfind(PDF_EOF)
        if found >= 0:
            last = pos - len(carry) + found
        carry = data[-(len(PDF_EOF) - 1) :]
        pos += len(block)
    return last, pos


def _after(fileobj, offset: int) -> tuple[bool, bool]:
    """From `offset` to the end: (only whitespace?, holds a zip local-file header?)."""
    fileobj.seek(offset)
    blank, zipped, carry = True, False, b""
    while block := fileobj.read(_CHUNK):
        blank = blank and not block.strip(PDF_WHITESPACE)
        zipped = zipped or ZIP_LOCAL_HEADER in carry + block
        carry = block[-3:]
    return blank, zipped


class _Prefix(io.RawIOBase):
    """The first `end` bytes of a seekable file, as a file (pypdf reads up to the last %%EOF)."""

    def __init__(self, raw, end: int):
        self.raw, self.end, self.pos = raw, end, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.end}[whence]
        self.pos = max(0, min(self.end, base + offset))
        return self.pos

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.end - self.pos)
        self.raw.seek(self.pos)
        data = self.raw.read(n) if n > 0 else b""
        buffer[: len(data)] = data
        self.pos += len(data)
        return len(data)


def _refuse_if_also_zip(fileobj, name: str, kind: str) -> None:
    fileobj.seek(0)
    if zipfile.is_zipfile(fileobj):
        raise _polyglot(name, kind, "압축파일(zip)", "a zip archive")
    fileobj.seek(0)


def _check_pdf(head: bytes, fileobj, name: str) -> None:
    lowered = head.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        raise _polyglot(name, "PDF", "HTML/스크립트", "HTML or script")
    last, _size = _last_eof(fileobj)
    if last < 0:
        raise _pdf_damaged(name)
    blank, zipped = _after(fileobj, last + len(PDF_EOF))
    if zipped:
        raise _polyglot(name, "PDF", "압축파일(zip)", "a zip archive")
    if not blank:
        raise _refuse(
            "pdf_trailing_data", name,
            "PDF의 끝 표시(%%EOF) 뒤에 다른 데이터가 붙어 있습니다. 원본 문서에서 PDF로 다시 "
            "저장해 올려 주십시오.",
            "Other data follows the end of the PDF (%%EOF). Save the document as PDF again and "
            "upload it.",
        )  # fmt: skip
    _refuse_if_also_zip(fileobj, name, "PDF")
    try:
        # Up to the last %%EOF: only whitespace follows, and pypdf would crawl through it.
        reader = PdfReader(_Prefix(fileobj, last + len(PDF_EOF)), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise _refuse(
                        "pdf_encrypted", name,
                        "암호가 걸린 PDF는 제출할 수 없습니다. 암호를 해제해 올려 주십시오.",
                        "Password-protected PDFs are not accepted. Remove the password and "
                        "upload it again.",
                    )  # fmt: skip
            except DependencyError:  # AES without a crypto library: the structure parsed
                return
        pages = len(reader.pages)
    except UploadRefused:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many types on a malformed file
        raise _pdf_damaged(name) from None
    finally:
        fileobj.seek(0)
    if pages < 1:
        raise _refuse(
            "pdf_no_page", name,
            "쪽이 하나도 없는 PDF입니다.",
            "The PDF has no page.",
        )  # fmt: skip


# --- HWPX (zip) ------------------------------------------------------------------------------------


def _zip_bomb(name: str, exc: ArchiveRefused) -> UploadRefused:
    return UploadRefused(exc.code, f"{name}: {exc.message_ko}", f"{name}: {exc.message_en}")


def _hwpx_damaged(name: str) -> UploadRefused:
    return _refuse(
        "hwpx_damaged", name,
        "HWPX 파일이 손상되었습니다(압축 해제 실패). 한글에서 다시 저장해 올려 주십시오.",
        "The HWPX file is damaged (it does not unpack). Save it again in Hangul and upload it.",
    )  # fmt: skip


def _refuse_hwpx_polyglot(fileobj, zf: zipfile.ZipFile, name: str) -> None:
    """Nothing after the end-of-central-directory record, and no PDF header in the first KB
    (PDF readers look for `%PDF-` there)."""
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(max(size - 22 - len(zf.comment), 0))
    if fileobj.read(4) != b"PK\x05\x06":
        raise _polyglot(name, "HWPX", "뒤에 덧붙인 다른 데이터", "other data appended to it")
    fileobj.seek(0)
    if b"%PDF-" in fileobj.read(1024):
        raise _polyglot(name, "HWPX", "PDF", "a PDF")


def _is_hwpx(fileobj, name: str = "file") -> bool:
    """HWPX = OWPML zip whose first entry `mimetype` reads application/hwp+zip, with Contents/.

    Declared sizes are checked before anything is unpacked; members are then read as streams
    with a cap (config.archives), so a zip bomb is refused without being expanded in memory."""
    try:
        with zipfile.ZipFile(fileobj) as zf:
            check_archive_sizes(zf)
            infos = zf.infolist()
            if not infos or infos[0].filename != "mimetype":
                return False
            mimetype = read_member(zf, infos[0], 256)
            if mimetype is None or mimetype.strip() != HWPX_MIMETYPE:
                return False
            if not any(i.filename.startswith("Contents/") for i in infos):
                return False
            try:
                check_unpacked_sizes(zf)
            except ZIP_ERRORS:
                raise _hwpx_damaged(name) from None
            _refuse_hwpx_polyglot(fileobj, zf, name)
            return True
    except ArchiveRefused as exc:
        raise _zip_bomb(name, exc) from None
    except ZIP_ERRORS:
        return False
    finally:
        fileobj.seek(0)


def check_file(uploaded: UploadedFile, allowed: list[str] | None) -> tuple[Detected, str]:
    """Size, type and per-document format checks; returns the detected type and SHA-256."""
    name = uploaded.name or "file"
    limit = settings.MAX_UPLOAD_FILE_BYTES
    if uploaded.size > limit:
        raise _refuse(
            "file_too_large", name,
            f"파일 크기가 {limit // (1024 * 1024)}MB를 넘습니다.",
            f"The file is larger than {limit // (1024 * 1024)} MB.",
        )  # fmt: skip
    if uploaded.size == 0:
        raise _refuse("file_empty", name, "빈 파일입니다.", "The file is empty.")
    uploaded.seek(0)
    head = uploaded.read(512)
    uploaded.seek(0)
    detected = detect(head, uploaded.file if hasattr(uploaded, "file") else uploaded, name)
    if allowed and detected.kind not in allowed:
        raise _refuse(
            "format_not_allowed_for_document", name,
            f"이 서류는 {', '.join(a.upper() for a in allowed)} 형식만 받습니다.",
            f"This document accepts {', '.join(a.upper() for a in allowed)} only.",
        )  # fmt: skip
    uploaded.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return detected, digest.hexdigest()


def add_attachments(
    *, application: Application, actor: User, doc_code: str, files: list[UploadedFile], now=None
) -> list[Attachment]:
    """Store all `files` for `doc_code`, or none of them when one is refused (draft untouched)."""
    if application.status != ApplicationStatus.DRAFT:
        raise NotEditable(
            "not_editable",
            "최종 제출된 신청서는 수정할 수 없습니다.",
            "A submitted application can no longer be changed.",
        )
    ensure_open(application.call, now or timezone.now())
    if not files:
        raise UploadRefused("no_files", "파일을 선택하십시오.", "Choose a file.")
    maximum = settings.MAX_UPLOAD_FILES_PER_REQUEST
    if len(files) > maximum:
        raise UploadRefused(
            "too_many_files",
            f"한 번에 최대 {maximum}개 파일까지 올릴 수 있습니다({len(files)}개 선택).",
            f"At most {maximum} files per upload ({len(files)} chosen).",
        )
    docs = {d.get("code"): d for d in application.call.required_documents or []}
    if doc_code not in docs and doc_code != "other":
        raise UploadRefused("doc_code_unknown", "알 수 없는 서류 종류입니다.", "Unknown document.")
    allowed = docs.get(doc_code, {}).get("formats")
    checked = [(f, *check_file(f, allowed)) for f in files]  # raises before anything is stored
    created = []
    with transaction.atomic():
        lock_draft(application.pk)  # a submit in between is waited for, then refused here
        for uploaded, detected, sha in checked:
            att = Attachment(
                application=application, doc_code=doc_code, original_name=uploaded.name[:255],
                content_type_detected=detected.kind, size=uploaded.size, sha256=sha,
                uploaded_by=actor,
            )  # fmt: skip
            att.file.save(uploaded.name, uploaded, save=False)
            att.save()
            created.append(att)
        record_audit(
            actor=actor, action="application.attach", target=application,
            after=[{"doc": doc_code, "name": a.original_name, "sha256": a.sha256} for a in created],
        )  # fmt: skip
    return created


def remove_attachment(*, attachment: Attachment, actor: User, now=None) -> None:
    """Delete one attachment of a draft before the close."""
    app = attachment.application
    if app.status != ApplicationStatus.DRAFT:
        raise NotEditable(
            "not_editable",
            "최종 제출된 신청서는 수정할 수 없습니다.",
            "A submitted application can no longer be changed.",
        )
    ensure_open(app.call, now or timezone.now())
    with transaction.atomic():
        lock_draft(app.pk)
        _detach(attachment=attachment, actor=actor)


def _detach(*, attachment: Attachment, actor: User) -> None:
    app = attachment.application
    record_audit(
        actor=actor, action="application.detach", target=app,
        before={"doc": attachment.doc_code, "sha256": attachment.sha256},
    )  # fmt: skip
    attachment.file.delete(save=False)
    attachment.delete()


def bytes_file(data: bytes, name: str):
    """A SimpleUploadedFile for tests and scripts."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
