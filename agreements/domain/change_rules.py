"""Rules of expenses and plan changes, read from the catalogue (`Program.post_award["change_rules"]`).

The seeds give no figures for plan changes or for expenses over a category's plan, so every value
in DEFAULT_CHANGE_RULES is a DEFAULT taken from national practice, marked as such; a programme
overrides any key in its catalogue entry. `rule_source()` tells pages whether a figure is the
programme's or the default.
"""

from dataclasses import dataclass

from agreements.models import Agreement, AgreementBudgetLine
from agreements.models.expenses import COUNTED_STATUSES, Expense
from applications.domain.problems import Problem

# DEFAULTS — the seeds give none (seed 000 Ⅴ and 002 name no thresholds). National practice.
DEFAULT_CHANGE_RULES: dict = {
    # A reallocation between categories of at most this % of the source category's plan (city grant
    # + institution cash of that year and institution) is notification-type; above, approval-type.
    "reallocation_notification_max_pct": 20,  # DEFAULT (seed gives none)
    # Categories that may not grow without approval (and expenses may not exceed their plan).
    "no_increase_categories": ["indirect"],  # DEFAULT (seed gives none)
    # An extension of at most this many months is notification-type (0: every extension needs
    # approval, since the guarantee must then be extended too); longer than the max is refused.
    "extension_notification_max_months": 0,  # DEFAULT (seed gives none)
    "extension_max_months": 6,  # DEFAULT (seed gives none)
    # Researcher changes: the PI needs approval, other researchers are notified.
    "researcher_change": {"pi": "approval", "researcher": "notification"},  # DEFAULT
    "co_institution_change": "approval",  # DEFAULT (seed gives none)
    # An expense over its category's plan by at most the notification reallocation allowance is
    # recorded with a warning ("flag") or refused ("refuse"); beyond the allowance it is refused.
    "expense_over_plan_within_allowance": "flag",  # DEFAULT (seed gives none)
}


def change_rules(agreement: Agreement) -> dict:
    """The programme's change rules over the defaults."""
    own = (agreement.program.post_award or {}).get("change_rules") or {}
    return {**DEFAULT_CHANGE_RULES, **own}


def rule_source(agreement: Agreement, key: str) -> str:
    own = (agreement.program.post_award or {}).get("change_rules") or {}
    return "programme" if key in own else "default"


def line_plan_krw(line: AgreementBudgetLine) -> int:
    """What may be executed from the project account: city grant + institution cash (in-kind is
    not spent from the account)."""
    return line.city_grant_krw + line.institution_cash_krw


@dataclass
class CategoryPosition:
    category: str
    plan_krw: int
    used_krw: int

    @property
    def remaining_krw(self) -> int:
        return self.plan_krw - self.used_krw


def positions(
    *, agreement: Agreement, year_no: int, institution_id: int
) -> dict[str, CategoryPosition]:
    """Plan vs executed (recorded or accepted, i.e. not disallowed) per category."""
    out: dict[str, CategoryPosition] = {}
    lines = AgreementBudgetLine.objects.filter(
        year__agreement=agreement, year__year_no=year_no, institution_id=institution_id
    )
    for line in lines:
        out[line.category] = CategoryPosition(line.category, line_plan_krw(line), 0)
    used = Expense.objects.filter(
        agreement=agreement, year_no=year_no, institution_id=institution_id,
        status__in=COUNTED_STATUSES,
    ).values_list("category", "amount_krw")  # fmt: skip
    for category, amount in used:
        out.setdefault(category, CategoryPosition(category, 0, 0)).used_krw += amount
    return out


def within_pct(amount: int, base: int, pct: int) -> bool:
    """amount ≤ pct % of base, in integers (exactly at the threshold is within)."""
    return amount * 100 <= base * pct


def check_against_plan(
    *, agreement: Agreement, year_no: int, institution_id: int, category: str, amount_krw: int
) -> tuple[list[Problem], list[Problem]]:
    """(refusals, warnings) of an expense of `amount_krw` against the year's plan and the
    reallocation rules."""
    rules = change_rules(agreement)
    pos = positions(agreement=agreement, year_no=year_no, institution_id=institution_id)
    here = pos.get(category, CategoryPosition(category, 0, 0))
    after = here.used_krw + amount_krw
    if after <= here.plan_krw:
        return [], []
    excess = after - here.plan_krw
    total_plan = sum(p.plan_krw for p in pos.values())
    total_after = sum(p.used_krw for p in pos.values()) + amount_krw
    pct = int(rules["reallocation_notification_max_pct"])
    facts_ko = f"계획 {here.plan_krw:,}원, 기집행 {here.used_krw:,}원, 초과 {excess:,}원"
    facts_en = f"plan {here.plan_krw:,} KRW, executed {here.used_krw:,} KRW, over by {excess:,} KRW"
    if category in rules["no_increase_categories"]:
        return [Problem("over_plan_no_increase", "amount_krw",
                        f"이 비목은 계획을 넘겨 집행할 수 없습니다({facts_ko}).",
                        f"This category may not exceed its plan ({facts_en}).")], []  # fmt: skip
    if total_after > total_plan:
        return [Problem("over_year_total", "amount_krw",
                        f"연차 사업비 총액({total_plan:,}원)을 넘습니다({facts_ko}).",
                        f"This exceeds the year's total budget of {total_plan:,} KRW ({facts_en}).")], []  # fmt: skip
    if here.plan_krw and within_pct(excess, here.plan_krw, pct):
        problem = Problem("over_plan_within_reallocation", "amount_krw",
                          f"비목 계획을 넘지만 신고형 전용 한도({pct}%) 안입니다({facts_ko}). "
                          "비목 간 전용을 변경 신청으로 신고하십시오.",
                          f"Over the category's plan but within the notification reallocation "
                          f"allowance of {pct} % ({facts_en}). File the reallocation as a change "
                          "request.")  # fmt: skip
        if rules["expense_over_plan_within_allowance"] == "refuse":
            return [problem], []
        return [], [problem]
    return [Problem("over_plan", "amount_krw",
                    f"비목 계획을 전용 허용 한도({pct}%) 이상 넘습니다({facts_ko}). "
                    "먼저 비목 간 전용 승인을 받으십시오.",
                    f"Over the category's plan beyond the reallocation allowance of {pct} % "
                    f"({facts_en}). Get a reallocation approved first.")], []  # fmt: skip
