"""Budget rules as pure functions over integer won (no floats): matching forms and limits."""

from applications.domain.problems import Problem, won
from programs.enums import MatchingRule


def check_matching(
    *,
    rule: str,
    city_krw: int,
    cash_krw: int,
    inkind_krw: int,
    company_share_krw: int | None = None,
) -> list[Problem]:
    """Check one of the programme's matching forms (DOMAIN.md) with integer arithmetic.

    PRIVATE_25_CASH_10_OF_CITY: private share ≥ 25 % of the total and cash ≥ 10 % of the city grant.
    CITY_75_INST_25_CASH_10_OF_INST: city ≤ 75 % of the total, institution ≥ 25 %, cash ≥ 10 % of
    the institution share. COMPANY_PAYS_20: the companies' share ≥ 20 % of the total.
    """
    private = cash_krw + inkind_krw
    total = city_krw + private
    problems: list[Problem] = []
    f = "budget"
    if rule == MatchingRule.PRIVATE_25_CASH_10_OF_CITY:
        if 4 * private < total:
            problems.append(Problem(
                "matching_private_share", f,
                f"민간부담금({won(private)}원)은 총사업비({won(total)}원)의 25% 이상이어야 합니다.",
                f"The private share ({won(private)} KRW) must be at least 25 % of the total "
                f"({won(total)} KRW).",
            ))  # fmt: skip
        if 10 * cash_krw < city_krw:
            problems.append(Problem(
                "matching_cash_of_city", f,
                f"현금({won(cash_krw)}원)은 시지원연구개발비({won(city_krw)}원)의 10% 이상이어야 합니다.",
                f"Cash ({won(cash_krw)} KRW) must be at least 10 % of the city grant "
                f"({won(city_krw)} KRW).",
            ))  # fmt: skip
    elif rule == MatchingRule.CITY_75_INST_25_CASH_10_OF_INST:
        if 4 * city_krw > 3 * total:
            problems.append(Problem(
                "matching_city_share", f,
                f"시지원연구개발비({won(city_krw)}원)는 총사업비({won(total)}원)의 75% 이하여야 합니다.",
                f"The city grant ({won(city_krw)} KRW) may be at most 75 % of the total "
                f"({won(total)} KRW).",
            ))  # fmt: skip
        if 4 * private < total:
            problems.append(Problem(
                "matching_institution_share", f,
                f"기관부담연구개발비({won(private)}원)는 총사업비({won(total)}원)의 25% 이상이어야 합니다.",
                f"The institution share ({won(private)} KRW) must be at least 25 % of the total "
                f"({won(total)} KRW).",
            ))  # fmt: skip
        if 10 * cash_krw < private:
            problems.append(Problem(
                "matching_cash_of_institution", f,
                f"현금({won(cash_krw)}원)은 기관부담연구개발비({won(private)}원)의 10% 이상이어야 합니다.",
                f"Cash ({won(cash_krw)} KRW) must be at least 10 % of the institution share "
                f"({won(private)} KRW).",
            ))  # fmt: skip
    elif rule == MatchingRule.COMPANY_PAYS_20:
        company = private if company_share_krw is None else company_share_krw
        if 5 * company < total:
            problems.append(Problem(
                "matching_company_share", f,
                f"기업부담금({won(company)}원)은 총사업비({won(total)}원)의 20% 이상이어야 합니다.",
                f"The company share ({won(company)} KRW) must be at least 20 % of the total "
                f"({won(total)} KRW).",
            ))  # fmt: skip
    return problems


def check_max_grant(*, city_krw: int, max_grant_krw: int | None) -> list[Problem]:
    if max_grant_krw is not None and city_krw > max_grant_krw:
        return [Problem(
            "city_grant_over_max", "city_grant_krw",
            f"시지원연구개발비({won(city_krw)}원)가 과제당 한도({won(max_grant_krw)}원)를 넘습니다.",
            f"The city grant ({won(city_krw)} KRW) exceeds the limit per project "
            f"({won(max_grant_krw)} KRW).",
        )]  # fmt: skip
    return []


def check_participation(
    *, name: str, field: str, this_rate: int, other_rates: int, is_pi: bool, min_pi: int = 30
) -> list[Problem]:
    """PI ≥ `min_pi` % on this project; this + running projects ≤ 100 % for everyone."""
    problems: list[Problem] = []
    if is_pi and this_rate < min_pi:
        problems.append(Problem(
            "pi_participation_below_min", field,
            f"주관연구책임자 {name}의 참여율({this_rate}%)은 {min_pi}% 이상이어야 합니다.",
            f"The PI {name} must participate at least {min_pi} % (now {this_rate} %).",
        ))  # fmt: skip
    if this_rate + other_rates > 100:
        problems.append(Problem(
            "participation_over_100", field,
            f"{name}의 총 참여율(수행 중 과제 {other_rates}% + 본 과제 {this_rate}%)이 100%를 넘습니다.",
            f"{name}'s total participation (running projects {other_rates} % + this project "
            f"{this_rate} %) exceeds 100 %.",
        ))  # fmt: skip
    return problems
