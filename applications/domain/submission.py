"""Final submission: validate, number gap-free per call, digest, lock. Idempotent."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from applications.domain.drafts import ensure_open
from applications.domain.errors import NotEditable, NotPermitted, SubmissionInvalid
from applications.domain.graph import load_application_graph
from applications.domain.state import set_application_status
from applications.domain.validation import validate_application
from applications.enums import ApplicationStatus
from applications.models import Application, ReceiptCounter
from config.prepared import convert_row, execute_prepared


@dataclass(frozen=True)
class Receipt:
    receipt_no: str
    submitted_at: datetime
    digest: str

    def as_dict(self) -> dict:
        return {
            "receipt_no": self.receipt_no,
            # KST (+09:00) as the pages show it; the digest keeps its canonical UTC form.
            "submitted_at": timezone.localtime(self.submitted_at).isoformat(),
            "digest": self.digest,
        }


def receipt_of(app: Application) -> Receipt:
    return Receipt(app.receipt_no, app.submitted_at, app.digest)


def canonical_content(app: Application) -> dict:
    """The submitted content in a canonical form (the digest covers exactly this)."""
    return {
        "application": app.pk,
        "call": app.call_id,
        "program": app.program.code,
        "receipt_no": app.receipt_no,
        "submitted_at": app.submitted_at.astimezone(dt.UTC).isoformat(),
        "applicant": app.applicant.username,
        "lead_institution": app.lead_institution.business_no,
        "plan": {
            "title_ko": app.title_ko, "title_en": app.title_en, "summary": app.summary,
            "objectives": app.objectives, "content": app.content,
            "expected_outcomes": app.expected_outcomes, "outcome_use": app.outcome_use,
            "tech_classification": app.tech_classification, "keywords": app.keywords,
            "current_trl": app.current_trl, "target_trl": app.target_trl,
            "period_months": app.period_months,
            "starts_on": app.starts_on.isoformat() if app.starts_on else None,
            "ends_on": app.ends_on.isoformat() if app.ends_on else None,
            "schedule": app.schedule,
        },
        "institutions": sorted(
            [{"business_no": r.institution.business_no, "role": r.role,
              "role_description": r.role_description} for r in app.institutions.all()],
            key=lambda d: d["business_no"],
        ),
        "researchers": sorted(
            [{"researcher_no": r.researcher.researcher_no, "name": r.researcher.name,
              "institution": r.institution.business_no if r.institution else None,
              "role": r.role, "rate_pct": r.rate_pct} for r in app.researchers.all()],
            key=lambda d: d["researcher_no"],
        ),
        "budget": sorted(
            [{"year": b.year, "institution": b.institution.business_no, "category": b.category,
              "city_krw": b.city_krw, "cash_krw": b.cash_krw, "inkind_krw": b.inkind_krw}
             for b in app.budget_items.all()],
            key=lambda d: (d["year"], d["institution"], d["category"]),
        ),
        "totals": {"city_krw": app.city_grant_krw, "cash_krw": app.institution_cash_krw,
                   "inkind_krw": app.institution_inkind_krw},
        "forms": {"eligibility_check": app.eligibility_check,
                  "privacy_consent": app.privacy_consent, "rnd_record": app.rnd_record,
                  "export_record": app.export_record},
        "attachments": sorted(
            [{"doc_code": a.doc_code, "sha256": a.sha256, "size": a.size,
              "type": a.content_type_detected} for a in app.attachments.all()],
            key=lambda d: (d["doc_code"], d["sha256"]),
        ),
    }  # fmt: skip


def compute_digest(app: Application) -> str:
    """SHA-256 over UTF-8 JSON with sorted keys and no whitespace."""
    return digest_of(canonical_content(app))


def digest_of(content: dict) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def next_receipt_number(call_id: int) -> int:
    """Increment the call's counter and return the new number, in one statement.

    The UPDATE locks the counter row until the surrounding transaction ends, so concurrent submits
    to one call take their numbers one after the other; a rollback returns the number (gap-free).
    """
    table = connection.ops.quote_name(ReceiptCounter._meta.db_table)
    sql = f"UPDATE {table} SET last_no = last_no + 1 WHERE call_id = %s RETURNING last_no"
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(sql, [call_id])
            row = cursor.fetchone()
        if row:
            return row[0]
        ReceiptCounter.objects.get_or_create(call_id=call_id)  # first submit to this call
    raise RuntimeError(f"no receipt counter for call {call_id}")


def format_receipt_no(app: Application, number: int) -> str:
    year = timezone.localtime(app.call.opens_at).year
    return f"{year}-{app.call_id:04d}-{number:05d}"


_LOCKED_FIELDS = ("id", "applicant", "status", "receipt_no", "submitted_at", "digest")


@cache
def _lock_sql() -> str:
    qn, meta = connection.ops.quote_name, Application._meta
    columns = ", ".join(qn(meta.get_field(name).column) for name in _LOCKED_FIELDS)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite: none
    return f"SELECT {columns} FROM {qn(meta.db_table)} WHERE {qn(meta.pk.column)} = %s{lock}"


def _lock(application_id: int) -> Application:
    """Lock the application row (SELECT … FOR UPDATE); its receipt fields, as a partial instance.

    Raises Application.DoesNotExist. One prepared statement: it runs on every submit and re-send.
    """
    with connection.cursor() as cursor:
        execute_prepared(cursor, name="application_lock", sql=_lock_sql(), params=[application_id])
        row = cursor.fetchone()
    if row is None:
        raise Application.DoesNotExist(f"application {application_id}")
    fields = [Application._meta.get_field(name) for name in _LOCKED_FIELDS]
    pk, applicant_id, status, receipt_no, submitted_at, digest = convert_row(row, fields)
    return Application(
        pk=pk, applicant_id=applicant_id, status=status, receipt_no=receipt_no,
        submitted_at=submitted_at, digest=digest,
    )  # fmt: skip


def submit_application(
    *, application_id: int, actor: User, idempotency_key: str = "", now: datetime | None = None
) -> Receipt:
    """Validate and submit once. A repeated submit returns the first receipt unchanged.

    The application row is locked first (so two tabs or threads serialise) and the actor's
    permission checked on it (NotPermitted; Application.DoesNotExist). Everything slow
    (loading, validation, the canonical content of the digest) happens before the per-call counter
    is touched; the counter row is locked last, by the UPDATE that increments it, and held only
    for the application update, audit entry, notice and commit. Numbers stay unique and gap-free:
    a refused or failed submit rolls back its increment together with everything else.
    """
    with transaction.atomic():
        # Lock the application row (only it) first: everything read after the lock is the state
        # every other writer of the application (which locks or updates this row) left behind.
        locked = _lock(application_id)
        if not actor.has_perm("applications.submit_application", locked):
            raise NotPermitted(
                "not_permitted", "이 신청서를 제출할 권한이 없습니다.",
                "You may not submit this application.",
            )  # fmt: skip
        if locked.status != ApplicationStatus.DRAFT:
            if locked.receipt_no:
                return receipt_of(locked)
            raise NotEditable(
                "not_submittable",
                "이 신청서는 제출할 수 없는 상태입니다.",
                "This application cannot be submitted in its current state.",
            )
        now = now or timezone.now()
        app = load_application_graph(application_id=application_id)
        ensure_open(app.call, now)
        problems = validate_application(app, moment=now)
        if problems:
            raise SubmissionInvalid(
                "validation_failed",
                f"제출할 수 없습니다. 확인할 항목 {len(problems)}건이 있습니다.",
                f"Cannot submit: {len(problems)} problem(s) to fix.",
                problems=problems,
            )
        app.submitted_at = now
        app.idempotency_key = idempotency_key[:100]
        content = canonical_content(app)  # all but the receipt number, outside the counter lock
        # Critical section: from here to the commit, other submits to this call wait.
        app.receipt_no = format_receipt_no(app, next_receipt_number(app.call_id))
        app.digest = digest_of({**content, "receipt_no": app.receipt_no})
        set_application_status(
            application=app, status=ApplicationStatus.SUBMITTED, actor=actor,
            extra_fields=("receipt_no", "submitted_at", "digest", "idempotency_key"),
        )  # fmt: skip
        return receipt_of(app)
