"""The four kinds of change parts: validation (with the type the rules give), application to the
agreement, and a ko/en description. Used by agreements.domain.changes."""

import datetime
import re

from agreements.domain.change_rules import change_rules, positions, rule_source, within_pct
from agreements.models import Agreement, AgreementBudgetLine, AgreementYear
from agreements.models.changes import ChangeKind as K
from agreements.models.changes import ChangeType as T
from applications.domain.problems import Problem
from applications.enums import BudgetCategory
from config.params import MAX_KRW, bad_text_reason

Checked = tuple[dict, str, str, list[Problem]]  # clean payload, type, rule text, problems


def months_between(old: datetime.date, new: datetime.date) -> int:
    """Whole months from `old` to `new`, a started month counting as one."""
    months = (new.year - old.year) * 12 + new.month - old.month
    return months + (1 if new.day > old.day else 0)


def _str(value, limit: int) -> str:
    """Text of a payload field; characters that cannot be stored (NUL, lone surrogates) removed."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    text = text.replace("\x00", "")
    if bad_text_reason(text):
        text = text.encode("utf-8", "ignore").decode("utf-8", "ignore")
    return text.strip()[:limit]


def _ko(source: str) -> str:
    return "기본값, 근거 문서에 수치 없음" if source == "default" else "사업별 규칙"


def _int(value) -> int | None:
    """A whole number from 0 to MAX_KRW (anything else, e.g. 10**30 or "١٢", is None)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(
        r"[0-9]{1,16}", value.strip().replace(",", ""), re.A
    ):
        value = int(value.strip().replace(",", ""))
    if isinstance(value, int) and 0 <= value <= MAX_KRW:
        return value
    return None


def _extension(agreement: Agreement, payload: dict, rules: dict) -> Checked:
    try:
        new_end = datetime.date.fromisoformat(str(payload.get("new_ends_on", "")))
    except ValueError:
        return {}, "", "", [Problem("date_invalid", "new_ends_on", "새 종료일을 입력하십시오.",
                                    "Enter the new end date.")]  # fmt: skip
    if new_end <= agreement.ends_on:
        return {}, "", "", [Problem("not_an_extension", "new_ends_on",
                                    f"새 종료일은 현재 종료일({agreement.ends_on}) 뒤여야 합니다.",
                                    f"The new end must be after the current end ({agreement.ends_on}).")]  # fmt: skip
    months = months_between(agreement.ends_on, new_end)
    most, notify = (
        int(rules["extension_max_months"]),
        int(rules["extension_notification_max_months"]),
    )
    if months > most:
        return {}, "", "", [Problem("extension_too_long", "new_ends_on",
                                    f"연장은 최대 {most}개월입니다({months}개월 신청).",
                                    f"An extension may be at most {most} months ({months} asked).")]  # fmt: skip
    src = rule_source(agreement, "extension_notification_max_months")
    change_type = T.NOTIFICATION if months <= notify else T.APPROVAL
    rule = f"연장 {months}개월, 신고형 한도 {notify}개월 ({_ko(src)}) / extension {months} mo., notification ≤ {notify} mo. ({src})"
    return {"new_ends_on": new_end.isoformat(), "months": months}, change_type, rule, []


def _reallocation(agreement: Agreement, payload: dict, rules: dict) -> Checked:
    problems = []
    year_no = _int(payload.get("year_no"))
    year_no = year_no if year_no is not None and year_no <= 100 else None
    year = AgreementYear.objects.filter(agreement=agreement, year_no=year_no).first()
    if year is None:
        problems.append(
            Problem("year_unknown", "year_no", "연차를 고르십시오.", "Choose the year.")
        )
    inst_id = _int(payload.get("institution_id")) or agreement.lead_institution_id
    src, dst = payload.get("from_category"), payload.get("to_category")
    for key, value in (("from_category", src), ("to_category", dst)):
        if value not in BudgetCategory.values:
            problems.append(Problem("category_required", key, "비목을 고르십시오.",
                                    "Choose a budget category."))  # fmt: skip
    if src and src == dst:
        problems.append(Problem("same_category", "to_category", "서로 다른 비목을 고르십시오.",
                                "Choose two different categories."))  # fmt: skip
    amount = _int(payload.get("amount_krw"))
    if amount is None or amount <= 0:
        problems.append(Problem("amount_invalid", "amount_krw", "금액은 1원 이상의 정수입니다.",
                                "The amount is a whole number of won, at least 1."))  # fmt: skip
    if problems:
        return {}, "", "", problems
    line = AgreementBudgetLine.objects.filter(
        year=year, institution_id=inst_id, category=src
    ).first()
    pos = positions(agreement=agreement, year_no=year_no, institution_id=inst_id).get(src)
    plan = pos.plan_krw if pos else 0
    movable = min(line.city_grant_krw if line else 0, pos.remaining_krw if pos else 0)
    if amount > movable:
        return {}, "", "", [Problem("amount_over_remaining", "amount_krw",
                                    f"옮길 수 있는 금액은 {movable:,}원까지입니다(원래 비목의 미집행 시지원금).",
                                    f"At most {movable:,} KRW can move (the source category's unspent city grant).")]  # fmt: skip
    pct = int(rules["reallocation_notification_max_pct"])
    guarded = dst in rules["no_increase_categories"]
    small = within_pct(amount, plan, pct)
    change_type = T.NOTIFICATION if small and not guarded else T.APPROVAL
    where = rule_source(agreement, "reallocation_notification_max_pct")
    rule = (f"전용 {amount:,}원 / 원 비목 계획 {plan:,}원, 신고형 한도 {pct}% ({_ko(where)})"
            f"{' · 증액 제한 비목' if guarded else ''} / moved {amount:,} of {plan:,} KRW, "
            f"notification ≤ {pct} % ({where}){' · category may not grow' if guarded else ''}")  # fmt: skip
    clean = {"year_no": year_no, "institution_id": inst_id, "from_category": src,
             "to_category": dst, "amount_krw": amount}  # fmt: skip
    return clean, change_type, rule, []


def _researcher(agreement: Agreement, payload: dict, rules: dict) -> Checked:
    role = payload.get("role")
    leaving = _str(payload.get("leaving"), 100)
    joining = _str(payload.get("joining"), 100)
    problems = []
    if role not in ("pi", "researcher"):
        problems.append(Problem("role_invalid", "role", "책임자 변경인지 참여연구원 변경인지 고르십시오.",
                                "Choose PI or researcher."))  # fmt: skip
    if not leaving and not joining:
        problems.append(Problem("names_required", "joining", "빠지거나 새로 참여하는 연구원을 입력하십시오.",
                                "Name who leaves or who joins."))  # fmt: skip
    if role == "pi" and not joining:
        problems.append(Problem("pi_required", "joining", "새 연구책임자를 입력하십시오.",
                                "Name the new principal investigator."))  # fmt: skip
    rate = payload.get("rate_pct")
    rate = _int(rate) if rate not in (None, "") else None
    if rate is not None and not 1 <= rate <= 100:
        problems.append(Problem("rate_invalid", "rate_pct", "참여율은 1~100%입니다.",
                                "The participation rate is 1–100 %."))  # fmt: skip
    if problems:
        return {}, "", "", problems
    by_role = rules["researcher_change"]
    change_type = T.APPROVAL if by_role.get(role, "approval") == "approval" else T.NOTIFICATION
    src = rule_source(agreement, "researcher_change")
    rule = f"{'연구책임자' if role == 'pi' else '참여연구원'} 변경 ({_ko(src)}) / {'PI' if role == 'pi' else 'researcher'} change ({src})"
    return (
        {"role": role, "leaving": leaving, "joining": joining, "rate_pct": rate},
        change_type,
        rule,
        [],
    )


def _co_institution(agreement: Agreement, payload: dict, rules: dict) -> Checked:
    action = payload.get("action")
    name = _str(payload.get("institution_name"), 200)
    problems = []
    if action not in ("add", "remove", "replace"):
        problems.append(Problem("action_invalid", "action", "추가·제외·교체 중 고르십시오.",
                                "Choose add, remove or replace."))  # fmt: skip
    if not name:
        problems.append(Problem("institution_required", "institution_name", "기관명을 입력하십시오.",
                                "Enter the institution's name."))  # fmt: skip
    if problems:
        return {}, "", "", problems
    change_type = T.APPROVAL if rules["co_institution_change"] == "approval" else T.NOTIFICATION
    src = rule_source(agreement, "co_institution_change")
    clean = {"action": action, "institution_name": name,
             "business_no": _str(payload.get("business_no"), 12)}  # fmt: skip
    return clean, change_type, f"공동기관 변경 ({_ko(src)}) / co-institution change ({src})", []


VALIDATORS = {K.PERIOD_EXTENSION: _extension, K.BUDGET_REALLOCATION: _reallocation,
              K.RESEARCHER_CHANGE: _researcher, K.CO_INSTITUTION_CHANGE: _co_institution}  # fmt: skip


def validate_part(*, agreement: Agreement, kind: str, payload: dict) -> Checked:
    return VALIDATORS[K(kind)](agreement, payload, change_rules(agreement))


def apply_part(*, agreement: Agreement, kind: str, payload: dict) -> None:
    """Write an accepted part into the agreement (the caller holds the agreement's row lock).
    Researcher and co-institution changes are recorded in the version's reason and the request;
    the agreement's money and period do not change with them."""
    if kind == K.PERIOD_EXTENSION:
        new_end = datetime.date.fromisoformat(payload["new_ends_on"])
        last = agreement.years.order_by("-year_no").first()
        if last is not None:
            AgreementYear.objects.filter(pk=last.pk).update(ends_on=new_end)
        Agreement.objects.filter(pk=agreement.pk).update(ends_on=new_end)
        agreement.ends_on = new_end
        if agreement.project_id:
            agreement.project.__class__.objects.filter(pk=agreement.project_id).update(
                ends_on=new_end
            )
    elif kind == K.BUDGET_REALLOCATION:
        year = AgreementYear.objects.get(agreement=agreement, year_no=payload["year_no"])
        amount = payload["amount_krw"]
        src = AgreementBudgetLine.objects.select_for_update().get(
            year=year, institution_id=payload["institution_id"], category=payload["from_category"]
        )
        if src.city_grant_krw < amount:  # changed since the part was checked
            from agreements.domain.expenses import refuse

            raise refuse([Problem("amount_over_remaining", "amount_krw",
                                  "원래 비목의 시지원금이 전용 금액보다 적어졌습니다.",
                                  "The source category now holds less than the amount to move.")])  # fmt: skip
        src.city_grant_krw -= amount
        src.save(update_fields=["city_grant_krw"])
        dst, _created = AgreementBudgetLine.objects.select_for_update().get_or_create(
            year=year, institution_id=payload["institution_id"], category=payload["to_category"]
        )
        dst.city_grant_krw += amount
        dst.save(update_fields=["city_grant_krw"])


def _label(category: str) -> str:
    try:
        return str(BudgetCategory(category).label)
    except ValueError:
        return category


def describe(kind: str, payload: dict) -> tuple[str, str]:
    """A one-line Korean and English description of a part."""
    if kind == K.PERIOD_EXTENSION:
        return (f"협약 종료일을 {payload.get('new_ends_on')}(으)로 연장",
                f"end extended to {payload.get('new_ends_on')}")  # fmt: skip
    if kind == K.BUDGET_REALLOCATION:
        amount = f"{payload.get('amount_krw', 0):,}"
        src, dst = _label(payload.get("from_category", "")), _label(payload.get("to_category", ""))
        return (f"{payload.get('year_no')}차년도 {src} → {dst} {amount}원 전용",
                f"year {payload.get('year_no')}: {amount} KRW from {src} to {dst}")  # fmt: skip
    if kind == K.RESEARCHER_CHANGE:
        who = "연구책임자" if payload.get("role") == "pi" else "참여연구원"
        return (f"{who} 변경: {payload.get('leaving') or '-'} → {payload.get('joining') or '-'}",
                f"{payload.get('role')} change: {payload.get('leaving') or '-'} → "
                f"{payload.get('joining') or '-'}")  # fmt: skip
    action = {
        "add": ("추가", "added"),
        "remove": ("제외", "removed"),
        "replace": ("교체", "replaced"),
    }
    ko, en = action.get(payload.get("action"), ("변경", "changed"))
    return (f"공동기관 {ko}: {payload.get('institution_name')}",
            f"co-institution {en}: {payload.get('institution_name')}")  # fmt: skip
