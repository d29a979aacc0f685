"""Submit: validation, close time (Asia/Seoul, exclusive), idempotency, receipts, digest."""

import datetime as dt
import hashlib
import json
import threading

import pytest
from django.db import connection

from applications.domain.drafts import update_draft
from applications.domain.errors import CallClosed, NotEditable, SubmissionInvalid
from applications.domain.submission import submit_application
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.applications.factories import complete_application, make_call, seoul


@pytest.fixture
def deadline_call(catalogue):
    return make_call(
        ["INV"], opens_at=seoul(2023, 7, 14, 9, 0), closes_at=seoul(2023, 8, 14, 16, 0)
    )


def test_complete_application_has_no_problems(catalogue):
    from applications.domain.validation import application_queryset, validate_application

    app = complete_application()
    assert validate_application(application_queryset().get(pk=app.pk)) == []


def test_close_is_exclusive_in_seoul_time(deadline_call):
    early = seoul(2023, 8, 1, 10, 0)
    a = complete_application(call=deadline_call, now=early)
    b = complete_application(call=deadline_call, now=early)
    receipt = submit_application(
        application_id=a.pk, actor=a.applicant, now=seoul(2023, 8, 14, 15, 59, 59)
    )
    assert receipt.receipt_no.endswith("-00001")
    with pytest.raises(CallClosed) as exc:
        submit_application(application_id=b.pk, actor=b.applicant, now=seoul(2023, 8, 14, 16))
    assert "마감" in exc.value.message_ko and "16:00" in exc.value.message_en
    b.refresh_from_db()
    assert b.status == ApplicationStatus.DRAFT and b.receipt_no == ""
    # 16:00 KST is 07:00 UTC: the same instant written in UTC is refused too.
    with pytest.raises(CallClosed):
        submit_application(
            application_id=b.pk, actor=b.applicant,
            now=dt.datetime(2023, 8, 14, 7, 0, tzinfo=dt.UTC),
        )  # fmt: skip
    # Drafts cannot be saved after the close, but stay readable.
    with pytest.raises(CallClosed):
        update_draft(application=b, actor=b.applicant, data={"summary": "x"},
                     now=seoul(2023, 8, 14, 16, 0, 1))  # fmt: skip
    assert Application.objects.get(pk=b.pk).summary == "요약입니다."


def test_invalid_application_is_refused_with_problems_and_stays_draft(catalogue):
    app = complete_application(privacy_consent=False)
    with pytest.raises(SubmissionInvalid) as exc:
        submit_application(application_id=app.pk, actor=app.applicant)
    codes = {p.code for p in exc.value.problems}
    assert codes == {"privacy_consent_required"}
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DRAFT and app.title_ko  # nothing lost


def test_resubmit_returns_same_receipt_and_locks(catalogue):
    app = complete_application()
    first = submit_application(application_id=app.pk, actor=app.applicant, idempotency_key="k1")
    again = submit_application(application_id=app.pk, actor=app.applicant, idempotency_key="k2")
    assert first == again
    with pytest.raises(NotEditable):
        update_draft(application=app, actor=app.applicant, data={"summary": "changed"})


def test_receipt_numbers_gap_free_per_call(catalogue):
    call = make_call(["INV"])
    other = make_call(["INV"])
    apps = [complete_application(call=call) for _ in range(3)]
    bad = complete_application(call=call, privacy_consent=False)
    with pytest.raises(SubmissionInvalid):
        submit_application(application_id=bad.pk, actor=bad.applicant)
    numbers = [submit_application(application_id=a.pk, actor=a.applicant).receipt_no for a in apps]
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002", "00003"]
    o = complete_application(call=other)
    assert submit_application(application_id=o.pk, actor=o.applicant).receipt_no.endswith("-00001")


def test_digest_recomputed_independently(catalogue):
    app = complete_application()
    receipt = submit_application(application_id=app.pk, actor=app.applicant)
    app = Application.objects.get(pk=app.pk)
    # Independent canonical form, built from the database rows here in the test.
    content = {
        "application": app.pk, "call": app.call_id, "program": "INV",
        "receipt_no": app.receipt_no,
        "submitted_at": app.submitted_at.astimezone(dt.UTC).isoformat(),
        "applicant": app.applicant.username,
        "lead_institution": app.lead_institution.business_no,
        "plan": {k: getattr(app, k) for k in (
            "title_ko", "title_en", "summary", "objectives", "content", "expected_outcomes",
            "outcome_use", "tech_classification", "keywords", "current_trl", "target_trl",
            "period_months", "schedule")} | {"starts_on": "2023-10-01", "ends_on": "2024-09-30"},
        "institutions": [{"business_no": app.lead_institution.business_no, "role": "lead",
                          "role_description": ""}],
        "researchers": sorted(
            [{"researcher_no": r.researcher.researcher_no, "name": r.researcher.name,
              "institution": r.institution.business_no, "role": r.role, "rate_pct": r.rate_pct}
             for r in app.researchers.all()], key=lambda d: d["researcher_no"]),
        "budget": sorted(
            [{"year": b.year, "institution": b.institution.business_no, "category": b.category,
              "city_krw": b.city_krw, "cash_krw": b.cash_krw, "inkind_krw": b.inkind_krw}
             for b in app.budget_items.all()], key=lambda d: (d["year"], d["category"])),
        "totals": {"city_krw": 400_000_000, "cash_krw": 13_334_000, "inkind_krw": 120_000_000},
        "forms": {"eligibility_check": app.eligibility_check, "privacy_consent": True,
                  "rnd_record": [], "export_record": False},
        "attachments": sorted(
            [{"doc_code": a.doc_code, "sha256": hashlib.sha256(a.file.read()).hexdigest(),
              "size": a.size, "type": "pdf"} for a in app.attachments.all()],
            key=lambda d: (d["doc_code"], d["sha256"])),
    }  # fmt: skip
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert receipt.digest == hashlib.sha256(text.encode()).hexdigest() == app.digest


@pytest.mark.django_db(transaction=True)
def test_two_threads_submitting_get_one_receipt(catalogue):
    if connection.vendor != "postgresql":
        import os

        if os.environ.get("CI"):
            pytest.fail("CI must run on PostgreSQL")
        pytest.skip("needs PostgreSQL row locks (SQLite serialises writers differently)")
    app = complete_application()
    other = complete_application(call=app.call)
    results, errors = [], []
    barrier = threading.Barrier(3)

    def go(pk, user):
        from django.db import connection as conn

        try:
            barrier.wait()
            results.append((pk, submit_application(application_id=pk, actor=user)))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=go, args=(app.pk, app.applicant)) for _ in range(2)]
    threads.append(threading.Thread(target=go, args=(other.pk, other.applicant)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    mine = {r for pk, r in results if pk == app.pk}
    assert len(mine) == 1  # both threads got the very same receipt
    numbers = sorted(r.receipt_no for _pk, r in results)
    assert (
        len(set(numbers)) == 2 and numbers[0].endswith("-00001") and numbers[-1].endswith("-00002")
    )
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 2
