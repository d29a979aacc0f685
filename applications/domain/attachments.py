"""Attachments: PDF, HWP 5 and HWPX recognised by content; archives refused even when renamed."""

import hashlib
import zipfile
from dataclasses import dataclass

import olefile
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import User
from applications.domain.drafts import ensure_open, lock_draft
from applications.domain.errors import ApplicationRefused, NotEditable
from applications.enums import ApplicationStatus
from applications.models import Application, Attachment

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
    """Recognise the file type from its bytes; raise UploadRefused with the reason otherwise."""
    for offset, magic, archive in ARCHIVES:
        if head[offset : offset + len(magic)] == magic:
            raise _refuse(
                "archive_refused", name,
                f"압축파일({archive})은 제출할 수 없습니다(파일명과 관계없이 내용으로 판별).",
                f"Archives ({archive}) are not accepted, whatever the file is called.",
            )  # fmt: skip
    if head.startswith(b"%PDF-"):
        return Detected("pdf")
    if head.startswith(OLE_MAGIC):
        fileobj.seek(0)
        try:
            with olefile.OleFileIO(fileobj) as ole:
                ok = ole.exists("FileHeader") and ole.openstream("FileHeader").read(32).startswith(
                    HWP5_SIGNATURE
                )
        except OSError:
            ok = False
        if ok:
            return Detected("hwp")
        raise _refuse(
            "ole_not_hwp", name,
            "HWP 5 문서가 아닌 OLE 파일(예: DOC, XLS)입니다.",
            "An OLE compound file that is not an HWP 5 document (e.g. DOC, XLS).",
        )  # fmt: skip
    if head.startswith(ZIP_MAGICS):
        fileobj.seek(0)
        if _is_hwpx(fileobj):
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


def _is_hwpx(fileobj) -> bool:
    """HWPX = OWPML zip whose first entry `mimetype` reads application/hwp+zip, with Contents/."""
    try:
        with zipfile.ZipFile(fileobj) as zf:
            infos = zf.infolist()
            if not infos or infos[0].filename != "mimetype":
                return False
            if zf.read("mimetype").strip() != HWPX_MIMETYPE:
                return False
            return any(i.filename.startswith("Contents/") for i in infos)
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


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
