"""Investment-linked programme rules: operator recommendation, investment, contract, shares (seed 002)."""

import math
from decimal import Decimal

from evaluation.screening.domain.rules.base import (
    add_years,
    failed,
    passed,
    pct,
    rule,
    won,
)

NO_REC_KO = "지정 운영사 추천 기록 없음"
NO_REC_EN = "no recommendation by a designated operator on record"


@rule("operator_recommendation", ko="지정 운영사 추천(추천권 1.5배수 이내)",
      en="Recommended by a designated operator within its quota (≤ 1.5× its annual allocation)",
      clause="seed 002 운영사 정의 ②, §2")  # fmt: skip
def operator_recommendation(f, p):
    rec = f.data.recommendations.get(f.lead.pk)
    if rec is None:
        return failed(NO_REC_KO, NO_REC_EN)
    multiplier = Decimal(str(p.get("quota_multiplier", 1.5)))
    quota = math.floor(Decimal(rec.operator.annual_quota) * multiplier)
    rank = f.data.operator_rank.get(rec.pk, 0)
    figures_ko = (
        f"{rec.operator.name} {rec.recommended_on} 추천, {rec.recommended_on.year}년 "
        f"{rank}번째 추천 / 추천권 {quota}건(연간 {rec.operator.annual_quota}건 × {multiplier})"
    )
    figures_en = (f"{rec.operator.name} recommended on {rec.recommended_on}, recommendation {rank} of "
                  f"{rec.recommended_on.year} / quota {quota} ({rec.operator.annual_quota} × {multiplier})")  # fmt: skip
    if 0 < rank <= quota:
        return passed(figures_ko, figures_en)
    return failed(f"추천권 초과: {figures_ko}", f"over quota: {figures_en}")


@rule("investment_amount", ko="운영사 투자(확약) 금액: 고유계정 1억원 이상, 펀드계정 2억원 이상(50% 산정)",
      en="Operator investment: ≥ 100 M KRW own account, or ≥ 200 M fund account of which 50 % counts",
      clause="seed 002 운영사 정의 ③, §2")  # fmt: skip
def investment_amount(f, p):
    rec = f.data.recommendations.get(f.lead.pk)
    if rec is None:
        return failed(NO_REC_KO, NO_REC_EN)
    own_min = int(p.get("own_account_min_krw", 100_000_000))
    fund_min = int(p.get("fund_account_min_krw", 200_000_000))
    share = Decimal(str(p.get("fund_count_share", 0.5)))
    amount = rec.investment_krw
    if rec.account_type == "fund":
        counted = int(Decimal(amount) * share)
        ko = f"펀드계정 {won(amount)}원(운영사 투자금 산정 {pct(share * 100)}%: {won(counted)}원)"
        en = f"fund account {won(amount)} KRW ({pct(share * 100)} % counts: {won(counted)} KRW)"
        if amount >= fund_min:
            return passed(f"{ko} ≥ {won(fund_min)}원", f"{en} ≥ {won(fund_min)} KRW")
        return failed(f"{ko} < {won(fund_min)}원", f"{en} < {won(fund_min)} KRW")
    if amount >= own_min:
        return passed(f"고유계정 {won(amount)}원 ≥ {won(own_min)}원",
                      f"own account {won(amount)} KRW ≥ {won(own_min)} KRW")  # fmt: skip
    return failed(f"고유계정 {won(amount)}원 < {won(own_min)}원",
                  f"own account {won(amount)} KRW < {won(own_min)} KRW")  # fmt: skip


@rule("investment_contract_age", ko="투자계약일이 추천일 기준 3년 이내",
      en="Investment contract within 3 years of the recommendation", clause="seed 002 §2")  # fmt: skip
def investment_contract_age(f, p):
    rec = f.data.recommendations.get(f.lead.pk)
    if rec is None:
        return failed(NO_REC_KO, NO_REC_EN)
    years = int(p.get("max_years", 3))
    earliest = add_years(rec.recommended_on, -years)
    ko = f"투자계약일 {rec.contract_date}, 추천일 {rec.recommended_on} (인정 시작일 {earliest})"
    en = f"contract {rec.contract_date}, recommendation {rec.recommended_on} (earliest accepted {earliest})"
    if rec.contract_date >= earliest:
        return passed(f"{ko}: {years}년 이내", f"{en}: within {years} years")
    return failed(f"{ko}: {years}년 초과", f"{en}: more than {years} years before")


@rule("shareholding", ko="투자 후 기업 지분 60% 이상, 운영사 지분 30% 이하",
      en="After investment the company holds ≥ 60 % and the operator ≤ 30 % of the shares",
      clause="seed 002 §2")  # fmt: skip
def shareholding(f, p):
    rec = f.data.recommendations.get(f.lead.pk)
    if rec is None:
        return failed(NO_REC_KO, NO_REC_EN)
    c_min = Decimal(str(p.get("company_min_pct", 60)))
    o_max = Decimal(str(p.get("operator_max_pct", 30)))
    c, o = rec.company_share_pct, rec.operator_share_pct
    ok_c, ok_o = c >= c_min, o <= o_max
    ko = (
        f"기업 지분 {pct(c)}% {'≥' if ok_c else '<'} {pct(c_min)}%, "
        f"운영사 지분 {pct(o)}% {'≤' if ok_o else '>'} {pct(o_max)}%"
    )
    en = (f"company {pct(c)} % {'≥' if ok_c else '<'} {pct(c_min)} %, "
          f"operator {pct(o)} % {'≤' if ok_o else '>'} {pct(o_max)} %")  # fmt: skip
    return passed(ko, en) if ok_c and ok_o else failed(ko, en)
