"""The closing pages end to end (Django client): a final round opened, assigned, scored on the
evaluators' existing score-sheet pages and decided; the IR list and its Excel export."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.enums import Role
from agreements.domain.rounds import decide_final
from agreements.enums import AgreementStatus, FinalResult
from agreements.models.closing import EvaluationRound
from evaluation.models import Assignment, CommitteeMember
from tests.agreements.closing_helpers import scored_round, staff
from tests.agreements.factories import agreement_for
from tests.agreements.test_closing_access import page_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_final_round_through_the_pages(catalogue):
    agreement = agreement_for()
    user, evaluator = staff(), UserFactory(role=Role.EVALUATOR)
    s, e = page_client(user), page_client(evaluator)
    s.post(reverse("agreements:closing-evaluations", args=[agreement.pk]), {"stage": "final"})
    rnd = EvaluationRound.objects.get(agreement=agreement, stage="final")
    round_url = reverse("agreements:closing-round", args=[rnd.pk])
    assert s.post(round_url, {"action": "assign", "evaluator": evaluator.pk}).status_code == 302
    member = CommitteeMember.objects.get(committee=rnd.committee, evaluator=evaluator)
    e.post(reverse("evaluation:pledge", args=[member.pk]), {"agree": "1"})
    assignment = Assignment.objects.get(committee=rnd.committee, evaluator=evaluator)
    form = e.get(reverse("evaluation:score", args=[assignment.pk]))
    assert form.status_code == 200 and "최종 목표 달성도" in form.content.decode()
    e.post(reverse("evaluation:score-save", args=[assignment.pk]), {
        "points_achievement": "38", "points_outputs": "27", "points_commercialisation": "27",
        "comment": "", "submit": "1"})  # fmt: skip
    page = s.get(round_url).content.decode()
    assert "<strong>92.00</strong>" in page
    assert "기본값" in page and "성공 – 미흡 ≥ 0" in page  # DEFAULT bands, shown by their labels
    s.post(round_url, {"action": "decide_final", "result": "success", "reason": "목표 달성"})
    agreement.refresh_from_db()
    assert agreement.final_result == FinalResult.EXCELLENT
    assert agreement.status == AgreementStatus.COMPLETED
    # a second decision (double click) is refused with a message, nothing changes
    again = s.post(round_url, {"action": "decide_final", "result": "failure", "reason": "x"},
                   follow=True)  # fmt: skip
    assert again.status_code == 200
    agreement.refresh_from_db()
    assert agreement.final_result == FinalResult.EXCELLENT


def test_bad_input_is_a_message_not_a_500(catalogue):
    agreement = agreement_for()
    s = page_client(staff())
    url = reverse("agreements:closing-evaluations", args=[agreement.pk])
    response = s.post(url, {"stage": "document"}, follow=True)
    assert response.status_code == 200 and not EvaluationRound.objects.exists()
    response = s.post(reverse("agreements:closing-sanctions"),
                      {"agreement": agreement.pk, "kind": "misuse", "starts_on": "2027-13-01"},
                      follow=True)  # fmt: skip
    assert response.status_code == 200


def test_ir_list_top_twenty_percent_and_export(catalogue):
    scores = [95, 91, 88, 85, 80, 78, 75, 72, 71, 70, 66]
    for total in scores:
        agreement = agreement_for()
        rnd = scored_round(agreement, "final", [total])
        decide_final(rnd=rnd, success=True, reason="의견", actor=staff())
    failed = agreement_for()
    decide_final(
        rnd=scored_round(failed, "final", [99]), success=False, reason="실패", actor=staff()
    )
    year = timezone.localdate().year
    s = page_client(staff())
    page = s.get(reverse("agreements:closing-ir-list"), {"year": year}).content.decode()
    assert "95.00" in page and "91.00" in page and "88.00" in page and "85.00" not in page
    assert "99.00" not in page  # a failure is never offered IR
    body = s.get(reverse("agreements:closing-ir-export"), {"year": year}).content
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert [r[7] for r in rows[1:]] == [95.0, 91.0, 88.0]  # ⌈20 % × 11⌉ = 3
