"""Facts an applicant states with evidence for the programme's screening and bonus rules
(R02: institutional investment, priority ①–③; R04: investment or purchase commitment).

A claim is stored unverified; staff verify it in the admin; the rules read only what they may.
"""

import datetime as dt

from django.db import transaction

from accounts.domain.audit import record_audit
from applications.domain.attachments import add_attachments
from applications.models import Application, ApplicationClaim
from config.locking import lock


def save_claim(
    *, application: Application, actor, kind: str, amount_krw: int, counterpart: str = "",
    dated_on: dt.date | None = None, evidence=None,
) -> ApplicationClaim:  # fmt: skip
    """Create or replace the draft's claim of this kind; the evidence file is checked by content
    as any attachment (UploadRefused / NotEditable propagate with their ko/en messages)."""
    with transaction.atomic():
        app = lock(Application, application.pk)
        attachment = None
        if evidence is not None:
            (attachment,) = add_attachments(
                application=app, actor=actor, doc_code="other", files=[evidence]
            )
        claim, _created = ApplicationClaim.objects.update_or_create(
            application=app, kind=kind,
            defaults={"amount_krw": amount_krw, "counterpart": counterpart.strip()[:200], "dated_on": dated_on,
                      "verified": False, "verified_by": None,
                      **({"evidence": attachment} if attachment is not None else {})},
        )  # fmt: skip
        record_audit(actor=actor, action="application.claim", target=app,
                     after={"kind": kind, "amount_krw": amount_krw, "evidence": bool(claim.evidence_id)})  # fmt: skip
    return claim
