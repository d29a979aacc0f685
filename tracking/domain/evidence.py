"""Evidence files of outcome reports: checked by content as application attachments are."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from accounts.domain.audit import record_audit
from accounts.models import User
from applications.domain.attachments import UploadRefused, check_file
from tracking.domain.reports import EDITABLE, ReportRefused
from tracking.models import TrackingEvidence, TrackingReport

ALLOWED = ["pdf", "hwp", "hwpx"]


def add_evidence(
    *, report: TrackingReport, uploaded: UploadedFile, actor: User
) -> TrackingEvidence:
    """Store one evidence file of an editable report (call inside the report's transaction)."""
    if report.status not in EDITABLE:
        raise ReportRefused("제출된 보고서에는 파일을 더할 수 없습니다.",
                            "A filed report takes no more files.", "evidence_closed")  # fmt: skip
    try:
        detected, sha = check_file(uploaded, ALLOWED)
    except UploadRefused as exc:
        raise ReportRefused(exc.message_ko, exc.message_en, "evidence_refused") from None
    evidence = TrackingEvidence.objects.create(
        report=report, file=uploaded, name=(uploaded.name or "file")[:255], kind=detected.kind,
        sha256=sha, size=uploaded.size, uploaded_by=actor,
    )  # fmt: skip
    record_audit(actor=actor, action="tracking.report.evidence", target=report,
                 after={"name": evidence.name, "sha256": sha})  # fmt: skip
    return evidence
