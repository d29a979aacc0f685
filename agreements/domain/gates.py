"""Instalment gates (지급 요건): small named functions, each returning a GateResult.

An instalment is payable only when every gate of its programme is green. The gates a programme
uses are catalogue data: ``Program.post_award["instalment_gates"]`` is a list of gate codes from
GATES (the registry below). Without it the programme uses DEFAULT_GATES.

A gate that cannot be checked (an unknown code in the catalogue, a part of the portal that is not
installed) is red: money never leaves on a gate nobody could check.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from agreements.enums import PASSING_ANNUAL_VERDICTS, AgreementStatus


@dataclass(frozen=True)
class GateResult:
    code: str
    ok: bool
    message_ko: str
    message_en: str

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_ko

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message,
                "message_ko": self.message_ko, "message_en": self.message_en}  # fmt: skip


GateFn = Callable[["Instalment", datetime.date], GateResult]  # noqa: F821
GATES: dict[str, GateFn] = {}
GATE_LABELS: dict[str, tuple[str, str]] = {}


def gate(code: str, label_ko: str, label_en: str):
    """Register a gate function under `code` (what the catalogue names)."""

    def register(fn: GateFn) -> GateFn:
        GATES[code] = fn
        GATE_LABELS[code] = (label_ko, label_en)
        return fn

    return register


def gate_label(code: str) -> str:
    ko, en = GATE_LABELS.get(code, (code, code))
    return en if translation.get_language() == "en" else ko


def _ok(code: str, ko: str, en: str) -> GateResult:
    return GateResult(code, True, ko, en)


def _no(code: str, ko: str, en: str) -> GateResult:
    return GateResult(code, False, ko, en)


# --- the general gates (issue 12; seed 002 §1 for the guarantee) --------------------------------


@gate("agreement_active", "협약 체결(진행 중)", "Agreement active")
def agreement_active(instalment, today: datetime.date) -> GateResult:
    agreement = instalment.agreement
    if agreement.status == AgreementStatus.ACTIVE:
        return _ok("agreement_active", "협약이 진행 중입니다.", "The agreement is active.")
    label = AgreementStatus(agreement.status)
    with translation.override("ko"):
        ko = str(label.label)
    with translation.override("en"):
        en = str(label.label)
    return _no(
        "agreement_active",
        f"협약 상태가 '{ko}'입니다. 협약이 체결되어 진행 중이어야 지급할 수 있습니다.",
        f"The agreement is '{en}'; an instalment is paid only on an active agreement.",
    )


@gate("guarantee_covers_year", "지급이행보증보험(연차 기간 + 6개월)",
      "Payment guarantee (year + 6 months)")  # fmt: skip
def guarantee_covers_year(instalment, today: datetime.date) -> GateResult:
    year = instalment.year
    until = year.guarantee_required_until
    try:
        from agreements.domain.guarantees import covering_guarantee
    except ImportError:
        return _no(
            "guarantee_covers_year",
            "보증보험 확인 기능이 아직 설치되지 않아 보증 여부를 확인할 수 없습니다.",
            "Guarantees cannot be checked yet (the guarantee part is not installed).",
        )
    found = covering_guarantee(year=year)
    if found is not None:
        return _ok(
            "guarantee_covers_year",
            f"{year.year_no}차년도 지급이행보증보험증권이 확인되었습니다({until:%Y-%m-%d}까지 보장).",
            f"A verified guarantee covers year {year.year_no} until {until:%Y-%m-%d}.",
        )
    return _no(
        "guarantee_covers_year",
        f"{year.year_no}차년도 시지원금 {year.city_grant_krw:,}원 이상, {year.starts_on:%Y-%m-%d}부터 "
        f"{until:%Y-%m-%d}까지(연차 기간 + 6개월)를 보장하는 지급이행보증보험증권이 확인되지 않았습니다.",
        f"No verified payment guarantee of at least KRW {year.city_grant_krw:,} covers year "
        f"{year.year_no} from {year.starts_on:%Y-%m-%d} to {until:%Y-%m-%d} (the year + 6 months).",
    )


@gate("previous_year_passed", "전년도 연차평가 통과", "Previous year's annual evaluation passed")
def previous_year_passed(instalment, today: datetime.date) -> GateResult:
    from agreements.models import AnnualReview

    n = instalment.year_no
    if n <= 1:
        return _ok("previous_year_passed", "1차년도는 연차평가 대상이 아닙니다.",
                   "Year 1 follows no annual evaluation.")  # fmt: skip
    review = AnnualReview.objects.filter(
        agreement_id=instalment.agreement_id, year_no=n - 1
    ).first()
    if review is None:
        return _no(
            "previous_year_passed",
            f"{n - 1}차년도 연차평가 결과가 아직 없습니다.",
            f"Year {n - 1}'s annual evaluation has no result yet.",
        )
    if review.verdict in PASSING_ANNUAL_VERDICTS:
        return _ok("previous_year_passed", f"{n - 1}차년도 연차평가를 통과했습니다.",
                   f"Year {n - 1}'s annual evaluation was passed.")  # fmt: skip
    return _no(
        "previous_year_passed",
        f"{n - 1}차년도 연차평가 결과가 '중단'입니다.",
        f"Year {n - 1}'s annual evaluation decided to stop the project.",
    )


OPEN_BILL_KINDS = ("recovery", "penalty")


@gate("no_open_recovery", "미납 환수금·제재부가금 없음", "No open recovery or penalty")
def no_open_recovery(instalment, today: datetime.date) -> GateResult:
    from evaluation.screening.models import Obligation

    bill = (
        Obligation.objects.filter(
            institution_id=instalment.agreement.lead_institution_id,
            kind__in=OPEN_BILL_KINDS, fulfilled_on__isnull=True,
        ).order_by("due_on", "id").first()
    )  # fmt: skip
    if bill is None:
        return _ok("no_open_recovery", "미납 환수금·제재부가금이 없습니다.",
                   "No recovery or penalty is open.")  # fmt: skip
    kind_ko = "환수금" if bill.kind == "recovery" else "제재부가금"
    kind_en = "recovery" if bill.kind == "recovery" else "penalty"
    what = f" ({bill.description})" if bill.description else ""
    return _no(
        "no_open_recovery",
        f"주관기관에 미납 {kind_ko} {bill.amount_krw:,}원(납부기한 {bill.due_on:%Y-%m-%d}){what}이 있습니다.",
        f"The lead institution has an open {kind_en} of KRW {bill.amount_krw:,} "
        f"(due {bill.due_on:%Y-%m-%d}){what}.",
    )


@gate("no_active_sanction", "참여제한 기간 아님", "No participation restriction in force")
def no_active_sanction(instalment, today: datetime.date) -> GateResult:
    from evaluation.screening.models import Sanction

    sanction = (
        Sanction.objects.filter(
            institution_id=instalment.agreement.lead_institution_id,
            starts_on__lte=today, ends_on__gte=today,
        ).order_by("-ends_on").first()
    )  # fmt: skip
    if sanction is None:
        return _ok("no_active_sanction", "참여제한 중이 아닙니다.",
                   "No participation restriction is in force.")  # fmt: skip
    return _no(
        "no_active_sanction",
        f"주관기관이 {sanction.starts_on:%Y-%m-%d}부터 {sanction.ends_on:%Y-%m-%d}까지 "
        f"참여제한 중입니다(사유: {sanction.reason}).",
        f"The lead institution is restricted from {sanction.starts_on:%Y-%m-%d} to "
        f"{sanction.ends_on:%Y-%m-%d} (reason: {sanction.reason}).",
    )


@gate("reports_filed", "기한이 지난 보고서 제출", "Reports due so far filed")
def reports_filed(instalment, today: datetime.date) -> GateResult:
    from evaluation.screening.models import Obligation

    overdue = list(
        Obligation.objects.filter(
            institution_id=instalment.agreement.lead_institution_id, kind="report",
            due_on__lte=today, fulfilled_on__isnull=True,
        ).order_by("due_on", "id")[:3]
    )  # fmt: skip
    if not overdue:
        return _ok("reports_filed", "기한이 지난 미제출 보고서가 없습니다.",
                   "Every report due so far is filed.")  # fmt: skip
    names = ", ".join(f"{o.description or '보고서'}({o.due_on:%Y-%m-%d})" for o in overdue)
    names_en = ", ".join(f"{o.description or 'report'} (due {o.due_on:%Y-%m-%d})" for o in overdue)
    return _no(
        "reports_filed",
        f"기한이 지난 보고서가 제출되지 않았습니다: {names}.",
        f"Reports due and not filed: {names_en}.",
    )


# --- programme-specific gates (chosen in the catalogue) ------------------------------------------


@gate("previous_instalment_paid", "전년도 지급 완료", "Previous year's instalment paid")
def previous_instalment_paid(instalment, today: datetime.date) -> GateResult:
    """Year n only after year n−1 was paid (for programmes that pay strictly in order)."""
    from agreements.models import Instalment, InstalmentStatus

    n = instalment.year_no
    if (
        n <= 1
        or Instalment.objects.filter(
            agreement_id=instalment.agreement_id, year_no=n - 1, status=InstalmentStatus.PAID
        ).exists()
    ):
        return _ok("previous_instalment_paid", "이전 연차 지급이 끝났습니다.",
                   "The previous year's instalment is paid.")  # fmt: skip
    return _no(
        "previous_instalment_paid",
        f"{n - 1}차년도 시지원금이 아직 지급되지 않았습니다.",
        f"Year {n - 1}'s instalment is not paid yet.",
    )


# DEFAULT (not a seed figure): the general gates of issue 12, in this order, for every programme
# whose catalogue entry names no "instalment_gates".
DEFAULT_GATES: tuple[str, ...] = (
    "agreement_active",
    "guarantee_covers_year",
    "previous_year_passed",
    "no_open_recovery",
    "no_active_sanction",
    "reports_filed",
)


def gate_codes(program) -> list[str]:
    """The gate codes of a programme: the catalogue's list, else DEFAULT_GATES."""
    configured = (program.post_award or {}).get("instalment_gates")
    if isinstance(configured, list) and configured:
        return [str(code) for code in configured]
    return list(DEFAULT_GATES)


def _unknown(code: str) -> GateResult:
    return _no(
        code,
        f"카탈로그에 등록되지 않은 지급 요건 '{code}'이 지정되어 확인할 수 없습니다.",
        f"The catalogue names a gate '{code}' that does not exist; it cannot be checked.",
    )


def evaluate_gates(*, instalment, today: datetime.date) -> list[GateResult]:
    """Every gate of the instalment's programme, in the catalogue's order, with its state."""
    from programs.domain.plugins import run_plugins

    program = instalment.agreement.program
    results = [GATES[code](instalment, today) if code in GATES else _unknown(code)
               for code in gate_codes(program)]  # fmt: skip
    # gates the programme's flow selects as plug-ins (Program.flow["plugins"]["instalment_gate"])
    return results + [
        GateResult(r.name, r.ok, r.reason_ko, r.reason_en)
        for r in run_plugins(
            hook="instalment_gate", program=program, instalment=instalment, today=today
        )
    ]


def blocked_by(results: list[GateResult]) -> list[GateResult]:
    return [r for r in results if not r.ok]
