"""Expenses executed first and claimed after (선집행 후청구): record, check live against the plan,
accept or disallow (staff, with a reason). See agreements.models.expenses for the ledger meaning:
used = Σ expense_executed − Σ expense_disallowed.
"""

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.models import Institution, User
from agreements.domain.change_rules import check_against_plan
from agreements.domain.ledger import post_entry
from agreements.enums import AgreementStatus, LedgerKind
from agreements.models import Agreement, AgreementBudgetLine, AgreementYear
from agreements.models.expenses import Expense
from agreements.models.expenses import ExpenseStatus as E
from applications.domain.attachments import UploadRefused, check_file
from applications.domain.errors import ApplicationRefused
from applications.domain.problems import Problem
from applications.enums import BudgetCategory
from config.locking import AlreadyDecided, lock
from config.params import bad_text_reason

TRANSITIONS: dict[E, set[E]] = {
    E.DRAFT: {E.RECORDED, E.DISCARDED},
    E.RECORDED: {E.ACCEPTED, E.DISALLOWED},
    E.ACCEPTED: set(),
    E.DISALLOWED: set(),
    E.DISCARDED: set(),
}
REASON_MAX = 2000


class ExpenseRefused(ApplicationRefused):
    """Refused with problems (code, field, ko/en): the API answers 422, pages show them by field."""

    status = 422


def refuse(problems: list[Problem]) -> ExpenseRefused:
    first = problems[0]
    return ExpenseRefused(first.code, first.message_ko, first.message_en, problems=problems)


def _check_agreement_open(agreement: Agreement) -> list[Problem]:
    if agreement.status != AgreementStatus.ACTIVE:
        return [Problem("agreement_not_active", "",
                        "진행 중인 협약에만 사업비를 집행할 수 있습니다.",
                        "Expenses can be recorded only on an active agreement.")]  # fmt: skip
    return []


def _check_fields(
    *, agreement: Agreement, year_no, institution_id, category, amount_krw, spent_on, payee
) -> tuple[list[Problem], AgreementYear | None]:
    problems: list[Problem] = []
    year = AgreementYear.objects.filter(agreement=agreement, year_no=year_no).first()
    if year is None:
        problems.append(Problem("year_unknown", "year_no", "협약 연차를 고르십시오.",
                                "Choose an agreement year."))  # fmt: skip
    if category not in BudgetCategory.values:
        problems.append(Problem("category_required", "category", "비목을 고르십시오.",
                                "Choose a budget category."))  # fmt: skip
    if not isinstance(amount_krw, int) or isinstance(amount_krw, bool) or amount_krw <= 0:
        problems.append(Problem("amount_invalid", "amount_krw",
                                "금액은 1원 이상의 정수(원)로 입력하십시오.",
                                "Enter the amount as a whole number of won, at least 1."))  # fmt: skip
    if not isinstance(spent_on, datetime.date):
        problems.append(Problem("spent_on_invalid", "spent_on", "집행일을 입력하십시오.",
                                "Enter the date of the expense."))  # fmt: skip
    elif year and not (year.starts_on <= spent_on <= year.ends_on):
        problems.append(Problem("spent_on_outside_year", "spent_on",
                                f"집행일이 {year.year_no}차년도 기간({year.starts_on}~{year.ends_on}) 밖입니다.",
                                f"The date is outside year {year.year_no} ({year.starts_on} – {year.ends_on})."))  # fmt: skip
    if not (payee or "").strip():
        problems.append(Problem("payee_required", "payee", "거래처(지급처)를 입력하십시오.",
                                "Enter the payee."))  # fmt: skip
    if (
        year
        and not AgreementBudgetLine.objects.filter(
            year=year, institution_id=institution_id
        ).exists()
    ):
        problems.append(Problem("institution_not_in_plan", "institution",
                                "이 기관은 해당 연차 사업비 계획에 없습니다.",
                                "This institution has no budget in that year's plan."))  # fmt: skip
    return problems, year


def _check_evidence(evidence: UploadedFile | None) -> tuple[list[Problem], str]:
    try:
        _detected, sha = check_file(evidence, ["pdf"])
    except UploadRefused as exc:
        return [Problem(exc.code, "evidence", exc.message_ko, exc.message_en)], ""
    return [], sha


def record_expense(
    *,
    agreement: Agreement,
    actor: User,
    year_no: int,
    category: str,
    amount_krw: int,
    spent_on: datetime.date,
    payee: str,
    description: str = "",
    evidence: UploadedFile | None = None,
    institution: Institution | None = None,
) -> tuple[Expense, list[Problem]]:
    """Record one expense with its PDF evidence; post EXPENSE_EXECUTED. Returns the expense and the
    warnings (e.g. over plan within the notification reallocation allowance); raises
    ExpenseRefused with every problem otherwise."""
    institution_id = institution.pk if institution else agreement.lead_institution_id
    problems = _check_agreement_open(agreement)
    more, _year = _check_fields(
        agreement=agreement, year_no=year_no, institution_id=institution_id, category=category,
        amount_krw=amount_krw, spent_on=spent_on, payee=payee,
    )  # fmt: skip
    problems += more
    sha = ""
    if evidence is None:
        problems.append(Problem("evidence_required", "evidence",
                                "증빙 PDF를 올리거나 통장·카드 내역에서 가져오십시오.",
                                "Upload the evidence PDF, or import the line from a statement."))  # fmt: skip
    else:
        more, sha = _check_evidence(evidence)
        problems += more
    if problems:
        raise refuse(problems)
    with transaction.atomic():
        lock(Agreement, agreement.pk)  # one plan check at a time per agreement
        refusals, warnings = check_against_plan(
            agreement=agreement, year_no=year_no, institution_id=institution_id,
            category=category, amount_krw=amount_krw,
        )  # fmt: skip
        if refusals:
            raise refuse(refusals)
        expense = Expense(
            agreement=agreement, year_no=year_no, institution_id=institution_id,
            category=category, amount_krw=amount_krw, spent_on=spent_on, payee=payee.strip()[:200],
            description=(description or "").strip()[:300], evidence_name=evidence.name[:255],
            evidence_sha256=sha, status=E.RECORDED, flags=[w.as_dict() for w in warnings],
            recorded_by=actor, recorded_at=timezone.now(),
        )  # fmt: skip
        expense.evidence.save(evidence.name, evidence, save=False)
        expense.save()
        _post_executed(expense, actor)
    return expense, warnings


def complete_draft(
    *, expense: Expense, actor: User, category: str, year_no: int | None = None
) -> tuple[Expense, list[Problem]]:
    """Give an imported statement line its category: it becomes a recorded expense (its
    statement line is its evidence) and posts EXPENSE_EXECUTED, after the same plan check."""
    agreement = expense.agreement
    year_no = year_no or expense.year_no
    problems = _check_agreement_open(agreement)
    more, _year = _check_fields(
        agreement=agreement, year_no=year_no, institution_id=expense.institution_id,
        category=category, amount_krw=expense.amount_krw, spent_on=expense.spent_on,
        payee=expense.payee,
    )  # fmt: skip
    if problems + more:
        raise refuse(problems + more)
    with transaction.atomic():
        lock(Agreement, agreement.pk)
        locked = lock(Expense, expense.pk)
        if locked.status != E.DRAFT:
            raise AlreadyDecided("이미 처리된 내역입니다.", "This line was already handled.")
        refusals, warnings = check_against_plan(
            agreement=agreement, year_no=year_no, institution_id=locked.institution_id,
            category=category, amount_krw=locked.amount_krw,
        )  # fmt: skip
        if refusals:
            raise refuse(refusals)
        locked.category, locked.year_no = category, year_no
        locked.flags = [w.as_dict() for w in warnings]
        locked.status, locked.recorded_by, locked.recorded_at = E.RECORDED, actor, timezone.now()
        locked.save()
        _post_executed(locked, actor)
        record_audit(actor=actor, action="expense.status", target=locked,
                     before={"status": E.DRAFT}, after={"status": E.RECORDED,
                                                       "category": category})  # fmt: skip
    return locked, warnings


def _post_executed(expense: Expense, actor: User) -> None:
    entry = post_entry(
        agreement=expense.agreement, kind=LedgerKind.EXPENSE_EXECUTED,
        amount_krw=expense.amount_krw, occurred_on=expense.spent_on, actor=actor,
        year_no=expense.year_no, category=expense.category, institution=expense.institution,
        reference=f"expense:{expense.pk}", note=expense.payee[:300],
    )  # fmt: skip
    Expense.objects.filter(pk=expense.pk).update(executed_entry=entry)
    expense.executed_entry = entry
    record_audit(actor=actor, action="expense.record", target=expense,
                 after={"amount_krw": expense.amount_krw, "category": expense.category,
                        "year_no": expense.year_no, "ledger_entry": entry.pk,
                        "flags": [f["code"] for f in expense.flags]})  # fmt: skip


def set_expense_status(*, expense: Expense, status: str, actor: User, reason: str = "") -> Expense:
    """The one place an expense's status changes after recording: checked table, row lock (a
    double click decides once), ledger row on disallowance, audit, notice."""
    target = E(status)
    reason = (reason or "").strip()
    if target in (E.DISALLOWED, E.DISCARDED) and not reason:
        raise refuse([Problem("reason_required", "reason", "사유를 입력하십시오.",
                              "Enter the reason.")])  # fmt: skip
    if bad_text_reason(reason):
        raise refuse([Problem("reason_invalid", "reason", "사유에 쓸 수 없는 문자가 있습니다.",
                              "The reason contains characters that cannot be stored.")])  # fmt: skip
    if len(reason) > REASON_MAX:
        raise refuse([Problem("reason_too_long", "reason",
                              f"사유는 {REASON_MAX}자 이하로 입력하십시오.",
                              f"The reason may have at most {REASON_MAX} characters.")])  # fmt: skip
    with transaction.atomic():
        locked = lock(Expense, expense.pk)
        current = E(locked.status)
        if target not in TRANSITIONS[current]:
            raise AlreadyDecided(
                f"이 지출은 이미 '{current.label}' 상태입니다.",
                f"This expense is already {current.label}.",
            )
        locked.status = target
        locked.reason = reason
        if target in (E.ACCEPTED, E.DISALLOWED):
            locked.decided_by, locked.decided_at = actor, timezone.now()
        if target == E.DISALLOWED:
            locked.disallowed_entry = post_entry(
                agreement=locked.agreement, kind=LedgerKind.EXPENSE_DISALLOWED,
                amount_krw=locked.amount_krw, occurred_on=timezone.localdate(), actor=actor,
                year_no=locked.year_no, category=locked.category, institution=locked.institution,
                reference=f"expense:{locked.pk}", note=reason[:300],
            )  # fmt: skip
        locked.save()
        record_audit(actor=actor, action="expense.status", target=locked,
                     before={"status": current.value}, after={"status": target.value},
                     reason=reason)  # fmt: skip
        if target in (E.ACCEPTED, E.DISALLOWED):
            send_notice(
                recipient=locked.agreement.application.applicant,
                subject=_("Expense %(payee)s %(amount)s KRW: %(status)s")
                % {"payee": locked.payee, "amount": f"{locked.amount_krw:,}",
                   "status": target.label},
                body=reason or _("The expense was accepted."),
            )  # fmt: skip
    return locked


def accept_expense(*, expense: Expense, actor: User, reason: str = "") -> Expense:
    return set_expense_status(expense=expense, status=E.ACCEPTED, actor=actor, reason=reason)


def disallow_expense(*, expense: Expense, actor: User, reason: str) -> Expense:
    return set_expense_status(expense=expense, status=E.DISALLOWED, actor=actor, reason=reason)


def discard_draft(*, expense: Expense, actor: User, reason: str) -> Expense:
    """An imported line that is not an expense of the project (kept, marked discarded)."""
    return set_expense_status(expense=expense, status=E.DISCARDED, actor=actor, reason=reason)


def import_statement(*, agreement: Agreement, file: UploadedFile, actor: User):
    """See agreements.domain.statements.import_statement."""
    from agreements.domain.statements import import_statement as run

    return run(agreement=agreement, file=file, actor=actor)
