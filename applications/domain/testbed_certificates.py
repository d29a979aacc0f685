"""The performance certificate (실증확인서 / 성능확인서) of a testbed demonstration.

Issued in the city's name in Korean and English once the demonstration evaluation passes; only a
programme whose flow selects the ``completion_document`` plug-in issues one. Its verification code
is the flow's prefix letter ("T") + 12 base32 characters (13 in all: agreement codes have 16).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from accounts.models import User
from applications.domain.testbed_flow import TestbedRefused
from applications.models import TestbedCertificate, TestbedProposal
from config.locking import refuse_duplicate
from programs.domain.plugins import run_plugins

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BODY_LENGTH = 12


def new_code(prefix: str) -> str:
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))


def certificate_spec(program) -> dict | None:
    for result in run_plugins(hook="completion_document", program=program):
        if result.ok and "certificate" in result.data:
            return result.data["certificate"]
    return None


def issue_certificate(
    *, proposal: TestbedProposal, actor: User, now: dt.datetime | None = None
) -> TestbedCertificate:
    """Write the certificate of a proposal whose row the caller holds locked."""
    now = now or timezone.now()
    app = proposal.application
    spec = certificate_spec(app.program)
    if spec is None:
        raise TestbedRefused("이 사업은 성능확인서를 발급하지 않습니다.",
                             "This programme issues no performance certificate.", code="no_certificate")  # fmt: skip
    lead = app.lead_institution
    site = proposal.site
    with refuse_duplicate(
        "성능확인서가 이미 발급되었습니다.", "The certificate was already issued."
    ):
        return TestbedCertificate.objects.create(
            proposal=proposal, code=new_code(spec.get("code_prefix", "T")),
            company_ko=lead.name, company_en=lead.name_en or lead.name,
            product_ko=app.title_ko, product_en=app.title_en or app.title_ko,
            site_name=site.name if site else "",
            result_ko=proposal.demo_result_ko, result_en=proposal.demo_result_en,
            demo_from=app.starts_on, demo_to=app.ends_on, issued_on=timezone.localdate(now),
            issued_by=actor,
        )  # fmt: skip


def find_certificate(code: str) -> TestbedCertificate | None:
    """The certificate with exactly this code, or None (a changed character finds nothing)."""
    code = (code or "").strip().upper()
    if len(code) != BODY_LENGTH + 1 or not code.isalnum():
        return None
    return (
        TestbedCertificate.objects.select_related(
            "proposal__application__program", "proposal__application__lead_institution"
        )
        .filter(code=code)
        .first()
    )


def issuer(certificate: TestbedCertificate) -> dict:
    spec = certificate_spec(certificate.proposal.application.program) or {}
    return {
        "ko": spec.get("issuer_ko", "서울특별시장"),
        "en": spec.get("issuer_en", "Mayor of Seoul"),
    }


def certificate_data(certificate: TestbedCertificate) -> dict:
    """The certificate's content (public page, API)."""
    app = certificate.proposal.application
    return {
        "code": certificate.code,
        "kind_ko": "실증확인서(성능확인서)", "kind_en": "Demonstration (performance) certificate",
        "issuer": issuer(certificate),
        "programme": {"code": app.program.code, "name_ko": app.program.name_ko,
                      "name_en": app.program.name_en},
        "company": {"ko": certificate.company_ko, "en": certificate.company_en},
        "product": {"ko": certificate.product_ko, "en": certificate.product_en},
        "site": certificate.site_name,
        "result": {"ko": certificate.result_ko, "en": certificate.result_en},
        "demonstrated_from": certificate.demo_from.isoformat(),
        "demonstrated_to": certificate.demo_to.isoformat(),
        "issued_on": certificate.issued_on.isoformat(),
    }  # fmt: skip
