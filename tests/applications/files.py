"""Byte-level builders of test documents: PDF, a real HWP 5 compound file, HWPX, archives."""

import io
import struct
import zipfile

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def pdf_bytes(text: str = "test") -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% " + text.encode() + b"\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _dir_entry(name: str, kind: int, child=NOSTREAM, start=END, size=0) -> bytes:
    raw = (name.encode("utf-16-le") + b"\x00\x00") if name else b""
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, NOSTREAM, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole_bytes(stream_name: str, stream: bytes) -> bytes:
    """A compound file (CFB v3, 512-byte sectors) holding one stream of ≥ 4096 bytes."""
    stream = stream.ljust(4096, b"\x00")
    n = -(-len(stream) // 512)
    stream = stream.ljust(n * 512, b"\x00")
    fat = [FATSECT, END] + [3 + i for i in range(n - 1)] + [END]
    fat += [FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    )  # fmt: skip
    assert len(header) == 512
    directory = (
        _dir_entry("Root Entry", 5, child=1)
        + _dir_entry(stream_name, 2, start=2, size=len(stream))
        + _dir_entry("", 0)
        + _dir_entry("", 0)
    )
    return header + struct.pack("<128I", *fat) + directory + stream


def hwp5_bytes() -> bytes:
    """A minimal HWP 5 document: OLE compound file whose FileHeader starts with the signature."""
    header = b"HWP Document File".ljust(32, b"\x00") + struct.pack("<II", 0x05000300, 0)
    return ole_bytes("FileHeader", header)


def hwpx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        zf.writestr("version.xml", '<?xml version="1.0"?><version/>')
        zf.writestr("Contents/section0.xml", '<?xml version="1.0"?><sec>연구개발계획서</sec>')
        zf.writestr("Contents/content.hpf", '<?xml version="1.0"?><package/>')
    return buf.getvalue()


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("plan.pdf", pdf_bytes())
        zf.writestr("readme.txt", "hello")
    return buf.getvalue()


ARCHIVE_BYTES = {
    "7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 64,
    "rar": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64,
    "alz": b"ALZ\x01" + b"\x00" * 64,
    "egg": b"EGGA" + b"\x00" * 64,
}
