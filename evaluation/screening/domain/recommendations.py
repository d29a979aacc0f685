"""Operators (VCs) recommend invested companies for investment-linked calls (seed 002 운영사 정의 ②)."""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.domain.audit import record_audit
from accounts.models import Institution, User
from evaluation.screening.models import Recommendation
from programs.models import Call, Operator

RULE_CODE = "operator_recommendation"


def _refuse(code: str, ko: str, en: str, field: str | None = None) -> ValidationError:
    """A refusal in the active language; both texts travel in params (message_ko / message_en)."""
    text = en if translation.get_language() == "en" else ko
    err = ValidationError(text, code=code, params={"message_ko": ko, "message_en": en})
    return ValidationError({field: [err]}) if field else err


def quota_multiplier(call: Call) -> Decimal | None:
    """The quota multiplier of the call's investment-linked programme (catalogue data), or None."""
    for program in call.programs.all():
        for spec in program.eligibility:
            if spec.get("code") == RULE_CODE:
                return Decimal(str(spec.get("quota_multiplier", 1.5)))
    return None


def recommendation_quota(*, operator: Operator, multiplier: Decimal) -> int:
    """How many companies an operator may recommend in a year: ⌊annual allocation × multiplier⌋."""
    return math.floor(Decimal(operator.annual_quota) * multiplier)


def recommendations_in_year(*, operator: Operator, year: int) -> int:
    return Recommendation.objects.filter(operator=operator, recommended_on__year=year).count()


def calls_open_for_recommendation(*, moment: dt.datetime | None = None) -> list[Call]:
    """Open calls of a programme whose eligibility includes an operator recommendation."""
    moment = moment or timezone.now()
    calls = Call.objects.filter(status="published", closes_at__gt=moment).prefetch_related(
        "programs"
    )
    return [c for c in calls if quota_multiplier(c) is not None]


@transaction.atomic
def recommend_company(
    *,
    actor: User,
    call: Call,
    business_no: str,
    investment_krw: int,
    account_type: str,
    contract_date: dt.date,
    company_share_pct: Decimal,
    operator_share_pct: Decimal,
    recommended_on: dt.date | None = None,
) -> Recommendation:
    """Record an operator's recommendation, refusing it beyond the operator's yearly quota."""
    operator = actor.operator
    if operator is None:
        raise _refuse(
            "not_operator",
            "지정 운영사 계정이 아닙니다.",
            "This account does not act for a designated operator.",
        )
    multiplier = quota_multiplier(call)
    if multiplier is None:
        raise _refuse("call_not_investment", "운영사 추천 대상 공고가 아닙니다.",
                      "This call does not take operator recommendations.", "call")  # fmt: skip
    if not call.is_open:
        raise _refuse(
            "call_closed", "접수 기간이 아닌 공고입니다.", "The call is not open.", "call"
        )
    institution = Institution.objects.filter(business_no=business_no.replace("-", "")).first()
    if institution is None:
        raise _refuse("unknown_company", "등록되지 않은 사업자등록번호입니다. 기업이 먼저 기관 등록을 해야 합니다.",
                      "No institution with this business registration number; the company must register first.",
                      "business_no")  # fmt: skip
    recommended_on = recommended_on or timezone.localdate()
    Operator.objects.select_for_update().get(pk=operator.pk)  # serialise quota checks per operator
    used = recommendations_in_year(operator=operator, year=recommended_on.year)
    quota = recommendation_quota(operator=operator, multiplier=multiplier)
    if used >= quota:
        raise _refuse(
            "over_quota",
            f"추천권을 모두 사용했습니다({recommended_on.year}년 {used}/{quota}건, 연간 {operator.annual_quota}건 × {multiplier}).",
            f"Quota used up ({used}/{quota} in {recommended_on.year}; {operator.annual_quota} a year × {multiplier}).",
        )  # fmt: skip
    try:
        with transaction.atomic():
            rec = Recommendation.objects.create(
                operator=operator, institution=institution, call=call, recommended_on=recommended_on,
                investment_krw=investment_krw, account_type=account_type, contract_date=contract_date,
                company_share_pct=company_share_pct, operator_share_pct=operator_share_pct,
            )  # fmt: skip
    except IntegrityError as exc:
        raise _refuse("duplicate", "이미 이 공고에 추천한 기업입니다.",
                      "You already recommended this company for this call.", "business_no") from exc  # fmt: skip
    record_audit(
        actor=actor, action="recommendation.create", target=rec,
        after={"operator": operator.name, "institution": institution.business_no, "call": call.pk,
               "investment_krw": investment_krw, "account_type": account_type},
    )  # fmt: skip
    return rec
