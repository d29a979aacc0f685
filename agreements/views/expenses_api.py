"""API of expenses and plan changes (same permissions and domain functions as the pages).

- ``POST /api/v1/agreements/{id}/expenses/``: JSON or multipart ``{"year_no", "category",
  "amount_krw", "spent_on", "payee", "description"}`` with the ``evidence`` PDF as a file part (an
  expense without evidence is refused: 422) → 201 ``{..., "warnings": [...]}`` or 422 ``problems``.
  ``GET`` lists the expenses. Staff: ``POST …/expenses/{eid}/accept/`` and ``…/disallow/``
  ``{"reason"}``.
- ``POST /api/v1/agreements/{id}/change-requests/`` ``{"reason", "parts": [{"kind", "payload"}]}``
  → 201 with each part's type, or 422. Staff: ``POST …/change-requests/{cid}/parts/{pid}/decision/``
  ``{"decision", "reason", "payload"}``.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from agreements.domain.changes import decide_change_part, submit_change_request
from agreements.domain.expenses import (
    ExpenseRefused,
    accept_expense,
    disallow_expense,
    record_expense,
    refuse,
)
from agreements.models import Agreement
from agreements.models.changes import ChangePart, ChangeRequest
from agreements.models.expenses import Expense
from applications.domain.problems import Problem
from config.params import MAX_KRW, bad_text_reason
from config.permissions import HasPerm


def api_agreement(request, pk: int, perm: str) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("application__applicant", "program"), pk=pk
    )
    if not request.user.has_perm(perm, agreement):
        if getattr(request.user, "role", None) == Role.APPLICANT and not request.user.has_perm(
            "agreements.view_agreement", agreement
        ):
            raise Http404  # another institution's agreement is not revealed
        raise PermissionDenied
    return agreement


def expense_out(e: Expense) -> dict:
    return {
        "id": e.pk, "year_no": e.year_no, "institution_id": e.institution_id,
        "category": e.category, "amount_krw": e.amount_krw, "spent_on": e.spent_on.isoformat(),
        "payee": e.payee, "description": e.description, "status": e.status,
        "status_label": e.get_status_display(), "has_evidence": bool(e.evidence),
        "evidence_sha256": e.evidence_sha256 or None, "statement_row": e.statement_row,
        "statement_ref": e.statement_ref, "reason": e.reason,
        "executed_entry": e.executed_entry_id, "disallowed_entry": e.disallowed_entry_id,
        "flags": e.flags,
    }  # fmt: skip


def change_out(c: ChangeRequest) -> dict:
    return {
        "id": c.pk, "status": c.status, "reason": c.reason,
        "submitted_at": c.submitted_at.isoformat(),
        "version_from": c.version_from, "version_to": c.version_to,
        "parts": [{"id": p.pk, "kind": p.kind, "type": p.change_type, "type_rule": p.type_rule,
                   "payload": p.payload, "decided_payload": p.decided_payload,
                   "status": p.status, "decision": p.decision, "reason": p.reason}
                  for p in c.parts.all()],
    }  # fmt: skip


def _problem(code, field, ko, en, problems):
    problems.append(Problem(code, field, f"{field}: {ko}", f"{field}: {en}"))


def _int(value, field, problems, maximum=MAX_KRW):
    if isinstance(value, bool) or not isinstance(value, int | str):
        value = None
    try:
        number = int(str(value).strip()) if value is not None else None
    except ValueError:
        number = None
    if number is None or not 1 <= number <= maximum:
        _problem("invalid_integer", field, "1 이상의 정수를 입력하십시오.",
                 "enter a whole number of at least 1.", problems)  # fmt: skip
        return None
    return number


def _text(value, field, problems, max_length, required=True):
    text = value if isinstance(value, str) else ("" if value is None else None)
    if text is None or bad_text_reason(text) or len(text) > max_length:
        _problem("invalid_text", field, f"{max_length}자 이하의 글자로 입력하십시오.",
                 f"enter text of at most {max_length} characters.", problems)  # fmt: skip
        return ""
    if required and not text.strip():
        _problem("required", field, "값이 필요합니다.", "a value is required.", problems)
    return text


def _reason(data) -> str:
    reason = data.get("reason", "") if hasattr(data, "get") else ""
    return reason if isinstance(reason, str) and not bad_text_reason(reason) else ""


class ExpensesApi(APIView):
    permission_classes = [
        HasPerm.of(get="agreements.view_agreement", post="agreements.record_expense",
                   object_perms={"GET": "agreements.view_agreement",
                                 "POST": "agreements.record_expense"})
    ]  # fmt: skip

    def get(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.view_agreement")
        return Response([expense_out(e) for e in agreement.expenses.all()])

    def post(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.record_expense")
        data, problems = request.data, []
        if not hasattr(data, "get"):
            data = {}
            _problem(
                "invalid_body", "body", "JSON 객체를 보내십시오.", "send a JSON object.", problems
            )
        spent_on = None
        try:
            spent_on = dt.date.fromisoformat(str(data.get("spent_on", "")))
        except ValueError:
            _problem("invalid_date", "spent_on", "날짜는 YYYY-MM-DD 형식입니다.",
                     "dates are YYYY-MM-DD.", problems)  # fmt: skip
        values = {
            "year_no": _int(data.get("year_no"), "year_no", problems, 100),
            "category": _text(data.get("category"), "category", problems, 20),
            "amount_krw": _int(data.get("amount_krw"), "amount_krw", problems),
            "payee": _text(data.get("payee"), "payee", problems, 200),
            "description": _text(data.get("description"), "description", problems, 300, False),
        }
        try:
            if problems:
                raise refuse(problems)
            expense, warnings = record_expense(
                agreement=agreement, actor=request.user, spent_on=spent_on,
                evidence=request.FILES.get("evidence"), **values,
            )  # fmt: skip
        except ExpenseRefused as exc:
            return Response(exc.as_dict(), status=exc.status)
        return Response({**expense_out(expense), "warnings": [w.as_dict() for w in warnings]},
                        status=201)  # fmt: skip


class ExpenseDecisionApi(APIView):
    action = "accept"
    permission_classes = [
        HasPerm.of(post="agreements.decide_expense",
                   object_perms={"POST": "agreements.decide_expense"})
    ]  # fmt: skip

    def post(self, request, pk: int, epk: int):
        agreement = api_agreement(request, pk, "agreements.decide_expense")
        expense = get_object_or_404(Expense, pk=epk, agreement=agreement)
        decide = accept_expense if self.action == "accept" else disallow_expense
        try:
            expense = decide(expense=expense, actor=request.user, reason=_reason(request.data))
        except ExpenseRefused as exc:
            return Response(exc.as_dict(), status=exc.status)
        return Response(expense_out(expense))


class ChangeRequestsApi(APIView):
    permission_classes = [
        HasPerm.of(get="agreements.view_agreement", post="agreements.request_change",
                   object_perms={"GET": "agreements.view_agreement",
                                 "POST": "agreements.request_change"})
    ]  # fmt: skip

    def get(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.view_agreement")
        return Response(
            [change_out(c) for c in agreement.change_requests.prefetch_related("parts")]
        )

    def post(self, request, pk: int):
        agreement = api_agreement(request, pk, "agreements.request_change")
        data = request.data if hasattr(request.data, "get") else {}
        try:
            change = submit_change_request(agreement=agreement, actor=request.user,
                                           reason=_reason(data), parts=data.get("parts"))  # fmt: skip
        except ExpenseRefused as exc:
            return Response(exc.as_dict(), status=exc.status)
        return Response(change_out(change), status=201)


class PartDecisionApi(APIView):
    permission_classes = [
        HasPerm.of(post="agreements.decide_change",
                   object_perms={"POST": "agreements.decide_change"})
    ]  # fmt: skip

    def post(self, request, pk: int, cpk: int, ppk: int):
        agreement = api_agreement(request, pk, "agreements.decide_change")
        part = get_object_or_404(ChangePart, pk=ppk, request_id=cpk, request__agreement=agreement)
        data = request.data if hasattr(request.data, "get") else {}
        decision = data.get("decision")
        try:
            decide_change_part(part=part, actor=request.user,
                               decision=decision if isinstance(decision, str) else "",
                               reason=_reason(data), payload=data.get("payload"))  # fmt: skip
        except ExpenseRefused as exc:
            return Response(exc.as_dict(), status=exc.status)
        return Response(change_out(ChangeRequest.objects.get(pk=cpk)))
