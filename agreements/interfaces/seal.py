"""PAdES seal of the final agreement PDF (pyHanko), with the key the deployment configures.

Settings (config/settings/agreements.py): AGREEMENT_SEAL_KEY, AGREEMENT_SEAL_CERT,
AGREEMENT_SEAL_CHAIN (PEM paths) and AGREEMENT_SEAL_KEY_PASSPHRASE. `make_demo_seal_ca` writes a
self-signed demo CA and seal certificate to the default paths.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.conf import settings

from config.locking import AlreadyDecided

SEAL_FIELD = "SBA-Seal"


class SealUnavailable(AlreadyDecided):
    """The seal key or certificate is not configured or cannot be read: nothing is sealed."""

    status_code = 503


def load_signer():
    from pyhanko.sign import signers

    key, cert = Path(settings.AGREEMENT_SEAL_KEY), Path(settings.AGREEMENT_SEAL_CERT)
    chain = Path(settings.AGREEMENT_SEAL_CHAIN) if settings.AGREEMENT_SEAL_CHAIN else None
    if not key.is_file() or not cert.is_file():
        raise SealUnavailable(
            "협약서 전자봉인 키가 설정되지 않았습니다. 관리자에게 문의하세요.",
            "The agreement seal key is not configured; contact the administrator.",
            code="seal_unavailable",
        )
    passphrase = settings.AGREEMENT_SEAL_KEY_PASSPHRASE or None
    signer = signers.SimpleSigner.load(
        str(key), str(cert),
        ca_chain_files=(str(chain),) if chain and chain.is_file() else (),
        key_passphrase=passphrase.encode() if passphrase else None,
    )  # fmt: skip
    if signer is None:
        raise SealUnavailable(
            "협약서 전자봉인 키를 읽을 수 없습니다. 관리자에게 문의하세요.",
            "The agreement seal key cannot be read; contact the administrator.",
            code="seal_unreadable",
        )
    return signer


def seal_pdf(pdf: bytes, *, reason: str, location: str = "Seoul, KR") -> bytes:
    """The PDF with a PAdES (ETSI.CAdES.detached) seal signature appended incrementally."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = load_signer()
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD, subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason, location=location, md_algorithm="sha256",
    )  # fmt: skip
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()
