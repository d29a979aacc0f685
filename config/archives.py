"""Zip archives read safely: sizes checked before unpacking, members streamed with a cap.

Used wherever the portal opens a zip it did not write: HWPX attachments
(`applications.domain.attachments`) and XLSX/ODS files imported in the admin
(`config.spreadsheet.SafeImportMixin`). Limits are settings (config/settings/storage.py):
`MAX_ARCHIVE_UNCOMPRESSED_BYTES` (total), `MAX_ARCHIVE_MEMBER_RATIO` (per member larger than
1 MB) and `MAX_ARCHIVE_MEMBERS`.
"""

import struct
import zipfile
import zlib

from django.conf import settings

RATIO_FLOOR_BYTES = 1024 * 1024
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, RuntimeError,
              NotImplementedError, EOFError, ValueError, zlib.error)  # fmt: skip


class ArchiveRefused(Exception):
    """An archive that would unpack past the limits (a suspected zip bomb)."""

    code = "archive_bomb"

    def __init__(self):
        limit_mb = settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES // (1024 * 1024)
        ratio = settings.MAX_ARCHIVE_MEMBER_RATIO
        self.message_ko = (
            f"압축을 풀면 비정상적으로 커지는 파일입니다(풀린 크기 {limit_mb}MB 초과 또는 압축률 "
            f"{ratio}:1 초과, 압축 폭탄 의심). 문서를 다시 저장해 올려 주십시오."
        )
        self.message_en = (
            f"The file unpacks to an abnormal size (over {limit_mb} MB, or expands more than "
            f"{ratio}:1; a suspected zip bomb). Save the document again and upload it."
        )
        super().__init__(self.message_en)

    def __str__(self) -> str:
        return f"{self.message_ko} / {self.message_en}"


def _absurd_ratio(size: int, compressed: int) -> bool:
    return size > RATIO_FLOOR_BYTES and size > settings.MAX_ARCHIVE_MEMBER_RATIO * max(
        compressed, 1
    )


def check_archive_sizes(zf: zipfile.ZipFile) -> None:
    """Raise ArchiveRefused, before unpacking anything, when the declared sizes are absurd."""
    infos = zf.infolist()
    if len(infos) > settings.MAX_ARCHIVE_MEMBERS:
        raise ArchiveRefused
    total = 0
    for info in infos:
        total += info.file_size
        if total > settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES or _absurd_ratio(
            info.file_size, info.compress_size
        ):
            raise ArchiveRefused


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """The member's bytes, streamed; None as soon as it unpacks past `cap` bytes."""
    out = bytearray()
    with zf.open(info) as member:
        while block := member.read(min(64 * 1024, cap + 1 - len(out))):
            out += block
            if len(out) > cap:
                return None
    return bytes(out)


def _data_offset(fp, info: zipfile.ZipInfo) -> int:
    """Where the member's compressed bytes start (after its local file header)."""
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length


def _inflated_size(fp, info: zipfile.ZipInfo, cap: int) -> int:
    """Bytes a deflated member really inflates to, from its raw data and not from what it
    declares (zipfile stops at the declared size; other readers may not). Stops past `cap`."""
    fp.seek(_data_offset(fp, info))
    inflater, left, size = zlib.decompressobj(-15), info.compress_size, 0
    while left > 0 and not inflater.eof:
        data = fp.read(min(64 * 1024, left))
        if not data:
            raise zipfile.BadZipFile("truncated member")
        left -= len(data)
        while data and not inflater.eof:
            size += len(inflater.decompress(data, 1024 * 1024))
            if size > cap:
                return size
            data = inflater.unconsumed_tail
    return size


def check_unpacked_sizes(zf: zipfile.ZipFile) -> None:
    """Unpack every member as a stream (nothing kept) and raise ArchiveRefused when the actual
    sizes pass the limits or are larger than declared; ZIP_ERRORS propagate for a damaged one."""
    cap, total = settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES, 0
    for info in zf.infolist():
        if info.flag_bits & 0x1:
            raise RuntimeError("encrypted member")
        if info.compress_type == zipfile.ZIP_DEFLATED:
            size = _inflated_size(zf.fp, info, cap - total)
        elif info.compress_type == zipfile.ZIP_STORED:
            size = info.compress_size
        else:
            size = 0
            with zf.open(info) as member:
                while block := member.read(64 * 1024):
                    size += len(block)
                    if total + size > cap:
                        break
        if total + size > cap or _absurd_ratio(size, info.compress_size):
            raise ArchiveRefused
        if size != info.file_size:  # a member that lies about its size
            raise ArchiveRefused if size > info.file_size else zipfile.BadZipFile("size mismatch")
        total += size
    if zf.testzip() is not None:  # CRC of every member, streamed by zipfile
        raise zipfile.BadZipFile("bad CRC")


def check_zip_bytes(data: bytes) -> None:
    """For bytes that are a zip (XLSX, ODS): raise ArchiveRefused when the declared sizes are
    absurd. Anything that is not a readable zip is left to its own parser."""
    import io

    if not data[:4] == b"PK\x03\x04":
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_archive_sizes(zf)
    except ZIP_ERRORS:
        return
