"""Two staff decide the same commitment-letter request at once (R16): exactly one decision, the
other is refused as already decided. PostgreSQL threads (tests/races.py)."""

from unittest import mock

import pytest

from accounts.models import AuditEntry, Notice
from agreements.domain import national_matching as nm
from agreements.domain.national_matching import decide_request
from agreements.models import CommitmentRequest, CommitmentStatus
from tests.agreements.national_matching_helpers import a_request, nm_staff
from tests.races import needs_postgresql, one_wins, race, slow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def request_row(catalogue):
    needs_postgresql()
    return a_request()


def test_approve_and_refuse_at_once_decide_once(request_row):
    a, b = nm_staff("nm-staff-a"), nm_staff("nm-staff-b")
    with mock.patch.object(nm, "record_audit", slow(nm.record_audit)):
        outcomes = race(
            lambda: decide_request(
                request_id=request_row.pk, approve=True, reasons="적정", actor=a
            ),
            lambda: decide_request(
                request_id=request_row.pk, approve=False, reasons="부적정", actor=b
            ),
        )
    winner = one_wins(outcomes)
    loser = outcomes[1 - winner][1]
    assert "이미 결정" in loser.message_ko and "already decided" in loser.message_en
    row = CommitmentRequest.objects.get(pk=request_row.pk)
    expected = (CommitmentStatus.APPROVED, a) if winner == 0 else (CommitmentStatus.REFUSED, b)
    assert (row.status, row.decided_by_id) == (expected[0], expected[1].pk)
    assert bool(row.letter_code) == (winner == 0)
    assert AuditEntry.objects.filter(action="commitment.status").count() == 1
    assert Notice.objects.filter(event_key__startswith=f"commitment:{row.pk}:", recipient=row.applicant)\
        .exclude(event_key=f"commitment:{row.pk}:requested").count() == 1  # fmt: skip
