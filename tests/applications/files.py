"""Byte-level builders of test documents: PDF, a real HWP 5 compound file, HWPX, archives."""

import io
import struct
import zipfile

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def pdf_bytes(text: str = "test") -> bytes:
    """A small well-formed one-page PDF (catalog, page tree, xref, trailer, %%EOF)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n% " + text.encode() + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _dir_entry(name: str, kind: int, child=NOSTREAM, start=END, size=0, right=NOSTREAM) -> bytes:
    raw = (name.encode("utf-16-le") + b"\x00\x00") if name else b""
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + b"\x00" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A compound file (CFB v3, 512-byte sectors) holding `streams` ("Name" or "Storage/Name"),
    each padded to ≥ 4096 bytes so that none lives in the mini stream. Siblings are chained to the
    right (a valid, if unbalanced, directory tree)."""
    tree: dict[str, dict | bytes] = {}
    for path, data in streams.items():
        node = tree
        *storages, leaf = path.split("/")
        for storage in storages:
            node = node.setdefault(storage, {})
        node[leaf] = data
    entries: list[list] = [
        ["Root Entry", 5, NOSTREAM, None, NOSTREAM]
    ]  # name, kind, child, data, right
    blobs: list[tuple[int, bytes]] = []

    def add(children: dict) -> int:
        ids = []
        for name, value in children.items():
            index = len(entries)
            ids.append(index)
            if isinstance(value, dict):
                entries.append([name, 1, NOSTREAM, None, NOSTREAM])
                entries[index][2] = add(value)
            else:
                data = value.ljust(4096, b"\x00")
                data = data.ljust(-(-len(data) // 512) * 512, b"\x00")
                entries.append([name, 2, NOSTREAM, data, NOSTREAM])
                blobs.append((index, data))
        for left, right in zip(ids, ids[1:], strict=False):
            entries[left][4] = right
        return ids[0] if ids else NOSTREAM

    entries[0][2] = add(tree)
    entries += [["", 0, NOSTREAM, None, NOSTREAM]] * (-len(entries) % 4)
    dir_sectors = len(entries) // 4
    fat = [FATSECT] + [2 + i for i in range(dir_sectors - 1)] + [END]
    starts = {}
    for index, data in blobs:
        first, n = len(fat), len(data) // 512
        starts[index] = first
        fat += [first + 1 + i for i in range(n - 1)] + [END]
    assert len(fat) <= 128
    fat += [FREE] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    )  # fmt: skip
    assert len(header) == 512
    directory = b"".join(
        _dir_entry(name, kind, child=child, right=right,
                   start=starts.get(i, END), size=len(data) if data else 0)
        for i, (name, kind, child, data, right) in enumerate(entries)
    )  # fmt: skip
    return header + struct.pack("<128I", *fat) + directory + b"".join(d for _i, d in blobs)


def ole_bytes(stream_name: str, stream: bytes) -> bytes:
    """A compound file holding one stream."""
    return ole_file({stream_name: stream})


HWP5_FILE_HEADER = b"HWP Document File".ljust(32, b"\x00") + struct.pack("<II", 0x05000300, 0)


def hwp5_bytes(**overrides: bytes | None) -> bytes:
    """A minimal HWP 5 document: FileHeader with the signature, DocInfo, BodyText/Section0.
    `overrides` replace (bytes) or drop (None) streams, e.g. `hwp5_bytes(DocInfo=None)`."""
    streams = {"FileHeader": HWP5_FILE_HEADER, "DocInfo": b"\x10\x00\x00\x00",
               "BodyText/Section0": b"\x42\x00\x00\x00"}  # fmt: skip
    for name, value in overrides.items():
        name = name.replace("__", "/")
        if value is None:
            streams.pop(name, None)
        else:
            streams[name] = value
    return ole_file(streams)


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
