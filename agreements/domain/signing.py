"""Signing the agreement without a certificate plug-in (전자서명 없이 동의 서명), then the SBA seal.

1. The institution's representative (an applicant account of the lead institution) is shown the
   current version's PDF, ticks an explicit consent and types name and title; the SHA-256 of the
   exact PDF shown (sent back by the page) must equal the version's hash.
2. Staff countersign, only after the institution signed and only while the agreement awaits
   signatures (reached when the guarantee is verified).
3. The version's PDF is sealed (PAdES, pyHanko) with the configured key; the agreement is active.

Each signing locks the agreement row and is guarded by the unique (version, role) constraint: a
double click never signs twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus as S
from agreements.interfaces.seal import seal_pdf
from agreements.models import Agreement, AgreementVersion, Signature, SignerRole
from config.locking import AlreadyDecided, lock, refuse_duplicate

CONSENT_TEXT = (
    "본인은 위 협약서의 내용을 모두 확인하였으며, 기관을 대표하여 이 협약의 체결에 동의합니다. "
    "/ I have read this agreement and, on behalf of the institution, agree to conclude it."
)
COUNTERSIGN_TEXT = (
    "서울경제진흥원을 대표하여 위 협약서에 서명합니다. "
    "/ I countersign this agreement on behalf of SBA."
)
INSTITUTION_SIGNS_IN = (S.AWAITING_GUARANTEE, S.AWAITING_SIGNATURES)


class SigningRefused(AlreadyDecided):
    """A signature that cannot be taken (consent missing, wrong status, …): 422, never a 500."""

    status_code = 422

    def __init__(self, message_ko: str, message_en: str, code: str, field: str = ""):
        super().__init__(message_ko, message_en, code=code)
        self.field = field


def current_version(agreement: Agreement) -> AgreementVersion | None:
    return agreement.versions.order_by("-version_no").first()


def _check_input(*, consent: bool, signer_name: str, signer_title: str) -> None:
    if not consent:
        raise SigningRefused("협약 내용 확인 및 동의에 체크하십시오.",
                             "Tick the consent to sign.", "consent", "consent")  # fmt: skip
    if not signer_name.strip():
        raise SigningRefused("서명자 성명을 입력하십시오.", "Enter the signer's name.",
                             "required", "signer_name")  # fmt: skip
    if not signer_title.strip():
        raise SigningRefused("서명자 직위를 입력하십시오.", "Enter the signer's title.",
                             "required", "signer_title")  # fmt: skip


def _version_shown(agreement: Agreement, pdf_sha256: str) -> AgreementVersion:
    version = current_version(agreement)
    if version is None or version.pdf_sha256 != pdf_sha256:
        raise AlreadyDecided(
            "확인하신 협약서가 최신판이 아닙니다. 새로 고친 후 다시 확인하세요.",
            "The agreement you were shown is not the current version; reload and check it again.",
            code="stale_version",
        )
    return version


def _sign(*, agreement, version, role, actor, signer_name, signer_title, consent_text, ip, now):
    if Signature.objects.filter(version=version, role=role).exists():
        raise AlreadyDecided("이미 서명하였습니다.", "Already signed.", code="signed")
    with refuse_duplicate("이미 서명하였습니다.", "Already signed."):
        signature = Signature.objects.create(
            agreement=agreement, version=version, role=role, signer=actor,
            signer_name=signer_name.strip(), signer_title=signer_title.strip(),
            consent_text=consent_text, pdf_sha256=version.pdf_sha256, signed_at=now, ip=ip or None,
        )  # fmt: skip
    record_audit(
        actor=actor, action=f"agreement.sign.{role}", target=agreement, before={},
        after={"version_no": version.version_no, "pdf_sha256": version.pdf_sha256,
               "signer_name": signature.signer_name, "signer_title": signature.signer_title},
    )  # fmt: skip
    return signature


def sign_as_institution(
    *, agreement: Agreement, actor: User, signer_name: str, signer_title: str, consent: bool,
    pdf_sha256: str, ip: str | None = None, now: dt.datetime | None = None,
) -> Signature:  # fmt: skip
    """The institution's representative signs the current version (caller checks
    agreements.act_for_institution)."""
    _check_input(consent=consent, signer_name=signer_name, signer_title=signer_title)
    with transaction.atomic():
        locked = lock(Agreement, agreement.pk)
        if locked.status not in INSTITUTION_SIGNS_IN:
            raise SigningRefused(
                f"'{S(locked.status).label}' 상태의 협약은 서명할 수 없습니다.",
                f"An agreement that is {S(locked.status).label} cannot be signed.", "status",
            )  # fmt: skip
        version = _version_shown(locked, pdf_sha256)
        return _sign(agreement=locked, version=version, role=SignerRole.INSTITUTION, actor=actor,
                     signer_name=signer_name, signer_title=signer_title,
                     consent_text=CONSENT_TEXT, ip=ip, now=now or timezone.now())  # fmt: skip


def countersign(
    *, agreement: Agreement, actor: User, signer_name: str, signer_title: str, consent: bool,
    pdf_sha256: str, ip: str | None = None, now: dt.datetime | None = None,
) -> Signature:  # fmt: skip
    """Staff countersign the version the institution signed, seal its PDF and make the agreement
    active (caller checks agreements.manage_agreements)."""
    _check_input(consent=consent, signer_name=signer_name, signer_title=signer_title)
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock(Agreement, agreement.pk)
        version = _version_shown(locked, pdf_sha256)
        if Signature.objects.filter(version=version, role=SignerRole.STAFF).exists():
            raise AlreadyDecided("이미 서명하였습니다.", "Already signed.", code="signed")
        if locked.status != S.AWAITING_SIGNATURES:
            raise SigningRefused(
                "보증보험 확인 후 서명 대기 상태인 협약만 SBA가 서명할 수 있습니다.",
                "SBA countersigns only an agreement awaiting signatures (guarantee verified).",
                "status",
            )  # fmt: skip
        if not Signature.objects.filter(version=version, role=SignerRole.INSTITUTION).exists():
            raise SigningRefused("주관연구개발기관의 서명이 먼저 필요합니다.",
                                 "The institution must sign first.", "institution_first")  # fmt: skip
        signature = _sign(agreement=locked, version=version, role=SignerRole.STAFF, actor=actor,
                          signer_name=signer_name, signer_title=signer_title,
                          consent_text=COUNTERSIGN_TEXT, ip=ip, now=now)  # fmt: skip
        seal_version(version=version, now=now)
        set_agreement_status(agreement=locked, status=S.ACTIVE, actor=actor,
                             reason=f"협약 체결 (제{version.version_no}판, 전자봉인)")  # fmt: skip
        agreement.status = locked.status
        return signature


def seal_version(*, version: AgreementVersion, now: dt.datetime) -> AgreementVersion:
    """Seal the version's PDF (PAdES) and store the sealed file and its hash."""
    with version.pdf.open("rb") as fh:
        original = fh.read()
    sealed = seal_pdf(
        original,
        reason=f"서울형 R&D 협약 {version.agreement.verify_code} 제{version.version_no}판 체결",
    )
    version.sealed_pdf.save(
        f"agreement-{version.agreement.verify_code}-v{version.version_no}-sealed.pdf",
        ContentFile(sealed), save=False,
    )  # fmt: skip
    version.sealed_sha256 = hashlib.sha256(sealed).hexdigest()
    version.sealed_at = now
    version.save(update_fields=["sealed_pdf", "sealed_sha256", "sealed_at"])
    return version
