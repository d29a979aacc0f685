"""Money rules of a testbed proposal (seed 000 Ⅳ-⑧), read from the track's flow data.

- budget-support (예산지원형): city money ≤ the track's cap (400,000,000 KRW per project) and the
  company pays at least ``self_pay_pct`` (20 %) of the total (city + company).
- opportunity (기회제공형): no city money at all; the company bears every cost.

Integer won only. Rounding, stated: the least company share is rounded UP to the won,
``ceil(city × pct / (100 − pct))`` — for 20 %: ⌈city / 4⌉ (city 400,000,000 → 100,000,000; city
399,999,999 → 100,000,000 since 99,999,999.75 is not enough). Equivalently
``100 × company ≥ pct × (city + company)``.
"""

from applications.domain.problems import Problem, won
from programs.domain.flows import Track


def least_self_pay_krw(*, city_krw: int, self_pay_pct: int) -> int:
    """The least company share for this city money, rounded up to the won."""
    if self_pay_pct >= 100:
        return 0 if city_krw == 0 else city_krw  # no city money allowed; never reached when 0
    numerator = city_krw * self_pay_pct
    denominator = 100 - self_pay_pct
    return -(-numerator // denominator)


def check_testbed_budget(*, track: Track, city_krw: int, company_krw: int) -> list[Problem]:
    """Problems of the proposal's money under its track (empty when it is fine)."""
    problems: list[Problem] = []
    if city_krw < 0 or company_krw < 0:
        return [Problem("negative", "city_krw", "금액은 0 이상이어야 합니다.",
                        "Amounts must not be negative.")]  # fmt: skip
    extra = track.extra
    if not extra.get("city_money"):
        if city_krw:
            problems.append(Problem(
                "no_city_money", "city_krw",
                f"{track.name_ko}은 시 지원금이 없습니다(신청 {won(city_krw)}원). 실증비용은 기업이 부담합니다.",
                f"The {track.name_en} type has no city money (asked {won(city_krw)} KRW); the "
                "company bears the costs.",
            ))  # fmt: skip
        return problems
    cap = int(extra.get("max_city_krw") or 0)
    if cap and city_krw > cap:
        problems.append(Problem(
            "city_over_cap", "city_krw",
            f"시 지원금 {won(city_krw)}원이 과제당 한도 {won(cap)}원을 넘습니다.",
            f"The city money of {won(city_krw)} KRW exceeds the cap of {won(cap)} KRW per project.",
        ))  # fmt: skip
    pct = int(extra.get("self_pay_pct") or 0)
    least = least_self_pay_krw(city_krw=city_krw, self_pay_pct=pct)
    if company_krw < least:
        problems.append(Problem(
            "self_pay_below", "company_krw",
            f"기업 자부담 {won(company_krw)}원이 총사업비의 {pct}%에 못 미칩니다(최소 {won(least)}원, 원 단위 올림).",
            f"The company share of {won(company_krw)} KRW is below {pct} % of the total (at least "
            f"{won(least)} KRW, rounded up to the won).",
        ))  # fmt: skip
    return problems
