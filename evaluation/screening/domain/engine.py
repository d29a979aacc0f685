"""Apply a programme's eligibility rules (catalogue data) to one application's facts."""

from evaluation.screening.domain.facts import Facts
from evaluation.screening.domain.rules import RULES
from evaluation.screening.enums import Outcome


def overall(outcomes: list[str]) -> str:
    """Any fail → fail; else any needs-review → needs review; else pass."""
    if Outcome.FAIL in outcomes:
        return Outcome.FAIL.value
    if Outcome.NEEDS_REVIEW in outcomes:
        return Outcome.NEEDS_REVIEW.value
    return Outcome.PASS.value


def evaluate(facts: Facts) -> tuple[str, list[dict]]:
    """Run every rule listed in the programme's `eligibility` JSON, in catalogue order.

    Returns the overall outcome and one {"code", "outcome", "reason_ko", "reason_en", "clause"} per rule.
    An unknown rule code or a rule that cannot decide gives "needs review", never a silent pass.
    """
    rows: list[dict] = []
    for spec in facts.program.eligibility or []:
        code = spec.get("code", "")
        params = {k: v for k, v in spec.items() if k != "code"}
        registered = RULES.get(code)
        if registered is None:
            rows.append({"code": code, "outcome": Outcome.NEEDS_REVIEW.value, "clause": "",
                         "reason_ko": f"알 수 없는 규칙 코드 '{code}'",
                         "reason_en": f"unknown rule code '{code}'"})  # fmt: skip
            continue
        try:
            verdict = registered.check(facts, params)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            rows.append({"code": code, "outcome": Outcome.NEEDS_REVIEW.value,
                         "clause": registered.clause,
                         "reason_ko": f"규칙 적용 불가(자료 오류): {exc}",
                         "reason_en": f"rule could not be applied (data error): {exc}"})  # fmt: skip
            continue
        rows.append({"code": code, "outcome": verdict.outcome, "clause": registered.clause,
                     "reason_ko": verdict.reason_ko, "reason_en": verdict.reason_en})  # fmt: skip
    return overall([r["outcome"] for r in rows]), rows
