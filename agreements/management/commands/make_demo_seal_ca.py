"""Create a self-signed demo CA and an agreement seal certificate signed by it (demos and tests).

    manage.py make_demo_seal_ca [--out var/seal] [--force]

Writes ca-cert.pem, ca-key.pem, seal-cert.pem and seal-key.pem; the default paths are the
defaults of AGREEMENT_SEAL_KEY / AGREEMENT_SEAL_CERT / AGREEMENT_SEAL_CHAIN. Not for production.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def make_demo_ca(out: Path, *, days: int = 3650) -> dict[str, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    out.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)

    def name(cn: str) -> x509.Name:
        return x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "서울경제진흥원 (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ])  # fmt: skip

    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = name("SBA Demo Agreement CA")
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                       key_cert_sign=True, crl_sign=True, encipher_only=False,
                       decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder().subject_name(name("SBA Agreement Seal (demo)"))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                       key_encipherment=False, data_encipherment=False, key_agreement=False,
                       key_cert_sign=False, crl_sign=False, encipher_only=False,
                       decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip

    def pem_key(k) -> bytes:
        return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())  # fmt: skip

    paths = {
        "ca_cert": out / "ca-cert.pem", "ca_key": out / "ca-key.pem",
        "cert": out / "seal-cert.pem", "key": out / "seal-key.pem",
    }  # fmt: skip
    paths["ca_cert"].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths["cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    for which, k in (("ca_key", ca_key), ("key", key)):
        paths[which].write_bytes(pem_key(k))
        paths[which].chmod(0o600)
    return paths


class Command(BaseCommand):
    help = "Create a self-signed demo CA and agreement seal certificate (demos and tests only)."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.AGREEMENT_SEAL_KEY).parent))
        parser.add_argument("--force", action="store_true", help="overwrite existing files")

    def handle(self, *args, out: str, force: bool, **options):
        target = Path(out)
        if (target / "seal-key.pem").exists() and not force:
            raise CommandError(f"{target}/seal-key.pem exists; use --force to replace it")
        paths = make_demo_ca(target)
        for label, path in paths.items():
            self.stdout.write(f"{label}: {path}")
