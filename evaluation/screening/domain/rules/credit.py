"""Credit and financial rules: insolvency, tax arrears, defaulters, debt ratio (seed 002 §4)."""

from decimal import ROUND_HALF_UP, Decimal

from evaluation.screening.domain.rules.base import (
    add_years,
    failed,
    passed,
    review,
    rule,
    won,
)
from evaluation.screening.enums import LenderType

NO_CREDIT_KO = "접수마감일 이전 신용조회 기록 없음"
NO_CREDIT_EN = "no credit check on record up to the close date"


def _credit(f):
    return f.data.credit.get(f.lead.pk)


def _no_credit(f):
    """No credit check on record; a foreign lead has no Korean business number to check with."""
    if getattr(f.lead, "is_foreign", False):
        return review(f"국외 기관({f.lead.country}, 등록번호 {f.lead.foreign_registration_no}): 사업자등록번호가 없어 "
                      "국내 신용·체납 조회 대상이 아님, 소재국 증빙으로 담당자 확인",
                      f"foreign institution ({f.lead.country}, registration {f.lead.foreign_registration_no}): "
                      "no Korean business number, so no Korean credit or tax record; staff check the "
                      "home-country documents")  # fmt: skip
    return review(NO_CREDIT_KO, NO_CREDIT_EN)


@rule("bankruptcy", ko="기업 부도·파산·회생절차(회생인가 예외)",
      en="Dishonour, bankruptcy or rehabilitation (unless the plan is approved)",
      clause="seed 002 §4 신용 및 기업 상태")  # fmt: skip
def bankruptcy(f, p):
    cs = _credit(f)
    if cs is None:
        return _no_credit(f)
    if not cs.insolvency:
        return passed(f"{cs.checked_on} 조회: 부도·파산·회생 없음",
                      f"checked {cs.checked_on}: no insolvency")  # fmt: skip
    label = cs.get_insolvency_display()
    if cs.rehabilitation_approved:
        return passed(f"{cs.checked_on} 조회: {label}, 회생(변제)계획 인가·정상 이행(예외)",
                      f"checked {cs.checked_on}: {cs.insolvency}, approved plan performed (exception)")  # fmt: skip
    return failed(f"{cs.checked_on} 조회: {label}", f"checked {cs.checked_on}: {cs.insolvency}")


def _arrears(f, flag: str, exception: str, exception_on: str, ko: str, en: str):
    cs = _credit(f)
    if cs is None:
        return _no_credit(f)
    if not getattr(cs, flag):
        return passed(f"{cs.checked_on} 조회: {ko} 없음", f"checked {cs.checked_on}: no {en}")
    exc, exc_on = getattr(cs, exception), getattr(cs, exception_on)
    if exc and exc_on and exc_on <= f.close_on:
        label = cs._meta.get_field(exception).choices
        name = dict(label).get(exc, exc)
        return passed(f"{ko} 있음, 예외 '{name}' {exc_on} 적용(접수마감일 {f.close_on} 이전)",
                      f"{en}, exception '{exc}' applied {exc_on} (by the close date {f.close_on})")  # fmt: skip
    if exc and exc_on:
        return failed(f"{ko} 있음, 예외 적용일 {exc_on} > 접수마감일 {f.close_on}",
                      f"{en}; exception applied {exc_on}, after the close date {f.close_on}")  # fmt: skip
    return failed(f"{cs.checked_on} 조회: {ko} 있음", f"checked {cs.checked_on}: {en}")


@rule("tax_arrears", ko="국세·지방세 체납처분(해소·유예 등 예외)", en="Tax arrears (with the listed exceptions)",
      clause="seed 002 §4 신용 및 기업 상태(체납)")  # fmt: skip
def tax_arrears(f, p):
    return _arrears(f, "tax_arrears", "tax_arrears_exception", "tax_arrears_exception_on",
                    "체납처분", "tax arrears")  # fmt: skip


@rule("defaulter", ko="채무불이행자 등록(예외 ①~④)", en="Registered defaulter (with the listed exceptions)",
      clause="seed 002 §4 신용 및 기업 상태(채무불이행)")  # fmt: skip
def defaulter(f, p):
    return _arrears(f, "defaulter", "defaulter_exception", "defaulter_exception_on",
                    "채무불이행자 등록", "registered defaulter")  # fmt: skip


@rule("financial_soundness", ko="최근 결산 부채비율 1,000% 이상 또는 완전자본잠식(창업 3년 미만 예외)",
      en="Debt ratio ≥ 1,000 % or full capital impairment in the latest settlement "
         "(waived under 3 years old)",
      clause="seed 002 §4 신용 및 기업 상태(부채비율·자본잠식)")  # fmt: skip
def financial_soundness(f, p):
    max_ratio = int(p.get("max_debt_ratio_pct", 1000))
    waiver = int(p.get("young_firm_waiver_years", 3))
    loan_years = int(p.get("loan_exclusion_years", 2))
    born = f.lead.incorporated_on
    if born is not None and f.close_on < add_years(born, waiver):
        return passed(f"설립등기일 {born}: 접수마감일({f.close_on}) 기준 창업 {waiver}년 미만(적용 제외)",
                      f"incorporated {born}: under {waiver} years at the close date {f.close_on} (waived)")  # fmt: skip
    fs = f.data.financials.get(f.lead.pk)
    if fs is None:
        return review("최근 결산 재무제표 없음", "no settled financial statement on record")
    debt = fs.total_liabilities_krw
    loan = _loan_exclusion(fs, f.close_on, loan_years)
    excluded = min(fs.excludable_loans_krw, debt) if loan == "excluded" else 0
    debt -= excluded
    ex_ko = f", 대출형 투자 {won(excluded)}원 제외" if excluded else ""
    ex_en = f", {won(excluded)} KRW loan-type investment excluded" if excluded else ""
    if loan == "other":
        ex_ko = ", 대출형 투자는 공공기관·등록 VC로부터가 아니어서 제외하지 않음"
        ex_en = ", loan-type investment not from a public body or registered VC: not excluded"
    if fs.exception:
        name = fs.get_exception_display()
        return passed(f"최근 결산 {fs.settled_on}: 예외 인정({name})",
                      f"latest settlement {fs.settled_on}: recognised exception ({fs.exception})")  # fmt: skip
    equity = fs.total_equity_krw
    if equity <= 0:
        return failed(f"완전자본잠식: 자본총계 {won(equity)}원, 최근 결산 {fs.settled_on}",
                      f"full capital impairment: total equity {won(equity)} KRW, latest settlement "
                      f"{fs.settled_on}")  # fmt: skip
    ratio = (Decimal(debt) * 100 / Decimal(equity)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    shown = f"{ratio:,.2f}".rstrip("0").rstrip(".")
    ko = f"부채비율 {shown}%(부채 {won(debt)}원 / 자본 {won(equity)}원{ex_ko}), 최근 결산 {fs.settled_on}"
    en = (f"debt ratio {shown} % ({won(debt)} / {won(equity)} KRW{ex_en}), latest settlement "
          f"{fs.settled_on}")  # fmt: skip
    if debt * 100 >= max_ratio * equity:
        if (
            loan == "unknown"
            and (debt - min(fs.excludable_loans_krw, debt)) * 100 < max_ratio * equity
        ):
            # Excluding the loan would pass: whether it may be excluded depends on the lender.
            return review(f"{ko} ≥ {max_ratio:,}%; 대출형 투자 {won(fs.excludable_loans_krw)}원의 "
                          "대여기관 유형(공공기관·등록 VC) 미기재: 제외 가능 여부 확인 필요",
                          f"{en} ≥ {max_ratio:,} %; the lender type of the "
                          f"{won(fs.excludable_loans_krw)} KRW loan-type investment is not recorded "
                          "(public body or registered VC?): check whether it may be excluded")  # fmt: skip
        return failed(f"{ko} ≥ {max_ratio:,}%", f"{en} ≥ {max_ratio:,} %")
    return passed(f"{ko} < {max_ratio:,}%", f"{en} < {max_ratio:,} %")


def _loan_exclusion(fs, close_on, years: int) -> str:
    """Whether the loan-type investment of the statement is excluded from the debt (seed 002 §4):
    "none" (no such loan in the 2 years up to the close), "excluded" (from a public body or a
    registered VC), "other" (another lender: not excluded) or "unknown" (lender not recorded)."""
    if not (
        fs.excludable_loans_krw
        and fs.excludable_loans_on
        and add_years(close_on, -years) <= fs.excludable_loans_on <= close_on
    ):
        return "none"
    lender = fs.excludable_loans_lender
    if lender in LenderType.excludable():
        return "excluded"
    return "other" if lender else "unknown"
