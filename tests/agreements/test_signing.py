"""Signing: the institution's consent with the hash of the PDF shown, staff countersignature,
the PAdES seal (validated with pyHanko and read with pypdf), no double signature."""

from io import BytesIO

import pytest
from django.core.management import call_command

from accounts.enums import Role
from agreements.domain.signing import SigningRefused, countersign, sign_as_institution
from agreements.domain.state import set_agreement_status
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus
from agreements.interfaces.seal import SealUnavailable
from agreements.management.commands.make_demo_seal_ca import make_demo_ca
from agreements.models import Signature
from config.locking import AlreadyDecided
from tests.agreements.factories import agreement_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def demo_ca(tmp_path_factory):
    return make_demo_ca(tmp_path_factory.mktemp("seal"))


@pytest.fixture
def seal(settings, demo_ca):
    settings.AGREEMENT_SEAL_KEY = str(demo_ca["key"])
    settings.AGREEMENT_SEAL_CERT = str(demo_ca["cert"])
    settings.AGREEMENT_SEAL_CHAIN = str(demo_ca["ca_cert"])
    return demo_ca


@pytest.fixture
def agreement(catalogue):
    agreement = agreement_for(status=AgreementStatus.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    return agreement


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF)


def sign_inst(agreement, **kw):
    version = agreement.versions.get()
    args = {"agreement": agreement, "actor": agreement.application.applicant,
            "signer_name": "홍길동", "signer_title": "대표이사", "consent": True,
            "pdf_sha256": version.pdf_sha256, "ip": "203.0.113.5", **kw}  # fmt: skip
    return sign_as_institution(**args)


def sign_staff(agreement, staff, **kw):
    version = agreement.versions.get()
    args = {"agreement": agreement, "actor": staff, "signer_name": "김담당",
            "signer_title": "책임", "consent": True, "pdf_sha256": version.pdf_sha256, **kw}  # fmt: skip
    return countersign(**args)


def guarantee_verified(agreement, staff):
    set_agreement_status(agreement=agreement, status=AgreementStatus.AWAITING_SIGNATURES,
                         actor=staff, reason="보증보험 확인")  # fmt: skip


def test_both_signatures_seal_the_pdf_and_activate(agreement, staff, seal):
    signature = sign_inst(agreement)
    assert signature.pdf_sha256 == agreement.versions.get().pdf_sha256
    assert signature.ip == "203.0.113.5" and "동의" in signature.consent_text
    guarantee_verified(agreement, staff)
    sign_staff(agreement, staff)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    version = agreement.versions.get()
    assert len(version.sealed_sha256) == 64 and version.sealed_at is not None
    sealed = version.sealed_pdf.read()

    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    (embedded,) = PdfFileReader(BytesIO(sealed)).embedded_signatures
    assert embedded.field_name == "SBA-Seal"
    ctx = ValidationContext(trust_roots=[load_cert_from_pemder(str(seal["ca_cert"]))])
    status = validate_pdf_signature(embedded, ctx)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "SBA Agreement Seal (demo)"

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(sealed))
    fields = reader.get_fields()
    assert fields["SBA-Seal"]["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    # the sealed file is the signed PDF plus an incremental update: the original bytes are intact
    assert sealed.startswith(version.pdf.open("rb").read())


def test_tampered_sealed_pdf_fails_integrity(agreement, staff, seal):
    sign_inst(agreement)
    guarantee_verified(agreement, staff)
    sign_staff(agreement, staff)
    sealed = bytearray(agreement.versions.get().sealed_pdf.read())
    at = sealed.find(b"/Producer")
    sealed[at + 1] = ord("Q")  # change one byte inside the signed range

    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ctx = ValidationContext(trust_roots=[load_cert_from_pemder(str(seal["ca_cert"]))])
    (embedded,) = PdfFileReader(BytesIO(bytes(sealed)), strict=False).embedded_signatures
    assert not validate_pdf_signature(embedded, ctx).intact


@pytest.mark.parametrize(
    "kw, code",
    [({"consent": False}, "consent"), ({"signer_name": " "}, "required"),
     ({"signer_title": ""}, "required")],
)  # fmt: skip
def test_institution_signature_needs_consent_name_and_title(agreement, kw, code):
    with pytest.raises(SigningRefused) as err:
        sign_inst(agreement, **kw)
    assert err.value.code == code and err.value.message_ko and err.value.message_en
    assert not Signature.objects.exists()


def test_hash_of_an_older_pdf_is_refused(agreement):
    old = agreement.versions.get().pdf_sha256
    record_version(agreement=agreement, actor=None, reason="변경")
    with pytest.raises(AlreadyDecided) as err:
        sign_as_institution(agreement=agreement, actor=agreement.application.applicant,
                            signer_name="홍길동", signer_title="대표", consent=True, pdf_sha256=old)  # fmt: skip
    assert err.value.code == "stale_version"


def test_double_click_signs_once(agreement):
    sign_inst(agreement)
    with pytest.raises(AlreadyDecided):
        sign_inst(agreement)
    assert Signature.objects.count() == 1


def test_staff_countersign_only_after_institution_and_guarantee(agreement, staff, seal):
    with pytest.raises(SigningRefused) as err:
        sign_staff(agreement, staff)
    assert err.value.code == "status"  # still awaiting the guarantee
    guarantee_verified(agreement, staff)
    with pytest.raises(SigningRefused) as err:
        sign_staff(agreement, staff)
    assert err.value.code == "institution_first"
    sign_inst(agreement)
    sign_staff(agreement, staff)
    with pytest.raises(AlreadyDecided):
        sign_staff(agreement, staff)
    assert Signature.objects.filter(role="staff").count() == 1


def test_drafting_or_suspended_agreements_are_not_signed(agreement, staff):
    set_agreement_status(agreement=agreement, status=AgreementStatus.SUSPENDED, actor=staff)
    with pytest.raises(SigningRefused) as err:
        sign_inst(agreement)
    assert err.value.code == "status"


def test_without_a_configured_key_nothing_is_sealed_or_activated(
    agreement, staff, settings, tmp_path
):
    settings.AGREEMENT_SEAL_KEY = str(tmp_path / "missing.pem")
    sign_inst(agreement)
    guarantee_verified(agreement, staff)
    with pytest.raises(SealUnavailable):
        sign_staff(agreement, staff)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert not Signature.objects.filter(role="staff").exists()


def test_make_demo_seal_ca_command(tmp_path):
    call_command("make_demo_seal_ca", out=str(tmp_path / "s"))
    assert (tmp_path / "s" / "seal-key.pem").read_bytes().startswith(b"-----BEGIN PRIVATE KEY")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("make_demo_seal_ca", out=str(tmp_path / "s"))
    call_command("make_demo_seal_ca", out=str(tmp_path / "s"), force=True)


@pytest.mark.django_db(transaction=True)
def test_two_signatures_at_once_sign_once(catalogue):
    from unittest import mock

    from agreements.domain import signing
    from tests.races import needs_postgresql, race, slow

    needs_postgresql()
    agreement = agreement_for(status=AgreementStatus.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    with mock.patch.object(signing, "record_audit", slow(signing.record_audit)):
        outcomes = race(lambda: sign_inst(agreement), lambda: sign_inst(agreement))
    errors = [e for _v, e in outcomes if e is not None]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyDecided)
    assert Signature.objects.filter(agreement=agreement).count() == 1
