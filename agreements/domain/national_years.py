"""National selection and national annual results of a matched project (R16; seed 000 Ⅳ-⑯).

When the national programme selects the project (ministry, programme, period and national grant
per year recorded), the city's matching becomes a multi-year agreement made by
agreements.domain.creation (years from the national period; each year's city grant = ratio × that
year's national grant). "국비는 중앙정부 연차평가결과에 따라 변동": each later year opens with the
national annual result and that year's national grant; the city instalment of the year is
recomputed from them here, and the gate ``national_year_result`` (programs/plugins/national_matching.py,
named in the programme's instalment gates) releases it only when that year's result allows it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from agreements.domain.creation import create_agreement, split_years
from agreements.domain.national_matching import (
    MatchingRefused,
    city_share_krw,
    matching_rules,
    set_request_status,
    yearly_city_shares,
)
from agreements.domain.payments import refresh_instalments
from agreements.enums import AgreementStatus
from agreements.models import (
    AgreementYear,
    CommitmentRequest,
    CommitmentStatus,
    NationalResult,
    NationalYear,
)
from applications.enums import ApplicationStatus, BudgetCategory
from applications.models import Application
from config.locking import AlreadyDecided, lock

R = NationalResult


def effect_of(*, rules, result: str) -> str:
    """ "pay" or "stop": what a national result does to the year's city money (flow data)."""
    return str(rules.result_effects.get(result, "stop"))


def record_national_selection(
    *,
    request_id: int,
    selected: bool,
    actor: User,
    ministry: str = "",
    national_programme: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    national_grants_krw: list[int] | None = None,
    note: str = "",
):
    """Record the national programme's decision. Selected: the agreement is created at once."""
    with transaction.atomic():
        request = lock(CommitmentRequest.objects.select_related("program", "institution"),
                       request_id)  # fmt: skip
        if request.status != CommitmentStatus.APPROVED:
            raise AlreadyDecided("확약서가 발급된 요청에만 국가 선정 결과를 기록합니다(이미 기록되었을 수 있음).",
                                 "Only a request with an issued letter takes the national result "
                                 "(it may already be recorded).")  # fmt: skip
        if not selected:
            set_request_status(request=request, status=CommitmentStatus.NOT_SELECTED, actor=actor,
                               reason=note or "국가 R&D 과제 미선정 / not selected nationally")  # fmt: skip
            return request
        request.ministry = ministry.strip() or request.ministry
        request.national_programme = national_programme.strip() or request.national_programme
        request.starts_on = starts_on or request.starts_on
        request.ends_on = ends_on or request.ends_on
        grants = [int(g) for g in (national_grants_krw or request.national_grants_krw)]
        years = split_years(request.starts_on, request.ends_on)
        if len(grants) != len(years) or any(g <= 0 for g in grants):
            raise MatchingRefused(
                f"선정된 사업기간은 {len(years)}개 연차입니다. 연차마다 0원보다 큰 국비를 입력하십시오.",
                f"The selected period has {len(years)} year(s): give one national grant (> 0) per year.",
                code="years",
            )
        rules = matching_rules(program=request.program)
        shares = yearly_city_shares(national_grants_krw=grants, rules=rules)
        request.national_grants_krw, request.city_shares_krw = grants, shares
        request.city_share_krw = sum(shares)
        application = _matching_application(request=request, shares=shares, actor=actor)
        agreement = create_agreement(application=application, actor=actor)
        request.agreement = agreement
        NationalYear.objects.create(
            request=request, year_no=1, result=R.SELECTED, national_grant_krw=grants[0],
            city_krw=shares[0], note=note, recorded_by=actor,
        )  # fmt: skip
        set_request_status(
            request=request, status=CommitmentStatus.SELECTED, actor=actor,
            reason=note or "국가 R&D 과제 선정 / selected nationally",
            extra_fields=("ministry", "national_programme", "starts_on", "ends_on",
                          "national_grants_krw", "city_shares_krw", "city_share_krw", "agreement"),
        )  # fmt: skip
    return request


def _matching_application(*, request: CommitmentRequest, shares: list[int], actor: User):
    """The selected application the agreement part needs: the request as a selected project with
    one budget line per year (the city share; the institution share spread evenly)."""
    n = len(shares)
    cash = [request.institution_share_krw // n] * n
    cash[-1] += request.institution_share_krw - sum(cash)
    application = Application.objects.create(
        call=request.call, program=request.program, lead_institution=request.institution,
        applicant=request.applicant, title_ko=request.title, title_en=request.title,
        summary=f"{request.ministry} · {request.national_programme}",
        starts_on=request.starts_on, ends_on=request.ends_on, city_grant_krw=sum(shares),
        institution_cash_krw=request.institution_share_krw, status=ApplicationStatus.SELECTED,
        submitted_at=request.created_at, receipt_no=f"NM-{request.pk}",
    )  # fmt: skip
    for year_no, (city, inst) in enumerate(zip(shares, cash, strict=True), start=1):
        application.budget_items.create(
            year=year_no, institution=request.institution, category=BudgetCategory.INDIRECT,
            city_krw=city, cash_krw=inst,
        )  # fmt: skip
    record_audit(actor=actor, action="commitment.application", target=application,
                 after={"request": request.pk, "city_shares_krw": shares})  # fmt: skip
    return application


def record_national_year(
    *,
    request_id: int,
    year_no: int,
    result: str,
    national_grant_krw: int,
    actor: User,
    note: str = "",
) -> NationalYear:
    """Record the national annual result opening `year_no` and recompute that year's city share."""
    if result not in R.values or result == R.SELECTED:
        raise MatchingRefused("연차평가 결과를 고르십시오.", "Choose the annual result.",
                              code="result")  # fmt: skip
    if national_grant_krw < 0:
        raise MatchingRefused("국비는 음수일 수 없습니다.", "A national grant cannot be negative.",
                              code="grant")  # fmt: skip
    with transaction.atomic():
        request = lock(CommitmentRequest.objects.select_related("program", "agreement"),
                       request_id)  # fmt: skip
        if request.status != CommitmentStatus.SELECTED or request.agreement is None:
            raise MatchingRefused("국가 선정된 과제만 연차 결과를 기록합니다.",
                                  "Only a nationally selected project has yearly results.",
                                  code="not_selected")  # fmt: skip
        year = (
            AgreementYear.objects.select_for_update()
            .filter(agreement=request.agreement, year_no=year_no)
            .first()
        )
        if year is None or year_no < 2:
            raise MatchingRefused("협약 연차가 아닙니다(1차년도는 선정 시 기록됨).",
                                  "Not a later agreement year (year 1 is recorded at selection).",
                                  code="year")  # fmt: skip
        recorded = {y.year_no: y for y in request.years.all()}
        if year_no in recorded:
            raise AlreadyDecided(f"{year_no}차년도 결과는 이미 기록되었습니다.",
                                 f"Year {year_no}'s result is already recorded.")  # fmt: skip
        before = recorded.get(year_no - 1)
        rules = matching_rules(program=request.program)
        if before is None:
            raise MatchingRefused(f"{year_no - 1}차년도 결과를 먼저 기록하십시오.",
                                  f"Record year {year_no - 1}'s result first.", code="order")  # fmt: skip
        if effect_of(rules=rules, result=before.result) == "stop":
            raise MatchingRefused("국가 연차평가로 중단된 과제입니다.",
                                  "The project was stopped by the national evaluation.",
                                  code="stopped")  # fmt: skip
        pays = effect_of(rules=rules, result=result) == "pay"
        city = city_share_krw(national_grant_krw=national_grant_krw, ratio=rules.ratio,
                              rounding_unit_krw=rules.rounding_unit_krw) if pays else 0  # fmt: skip
        row = NationalYear.objects.create(
            request=request, year_no=year_no, result=result, national_grant_krw=national_grant_krw,
            city_krw=city, note=note, recorded_by=actor,
        )  # fmt: skip
        _follow(year=year, city=city, actor=actor, row=row)
        send_notice(
            recipient=request.applicant,
            event_key=f"national-year:{row.pk}",
            subject=f"{year_no}차년도 시비 대응지원금 / Year {year_no} city matching",
            body=f"{row.get_result_display()}: {city:,}원 / KRW {city:,}",
        )
    return row


def _follow(*, year: AgreementYear, city: int, actor: User, row: NationalYear) -> None:
    """The agreement year's city grant follows the recomputed share; its unpaid instalment follows
    the year through agreements.domain.payments (a batched or paid one never changes)."""
    old = year.city_grant_krw
    year.city_grant_krw = city
    year.save(update_fields=["city_grant_krw"])
    agreement = year.agreement
    agreement.city_grant_krw = sum(agreement.years.values_list("city_grant_krw", flat=True))
    agreement.save(update_fields=["city_grant_krw"])
    if agreement.status == AgreementStatus.ACTIVE:
        # payments.py makes each unpaid instalment follow its year's city grant, then runs the gates
        refresh_instalments(agreement=agreement, actor=actor)
    record_audit(
        actor=actor, action="national_year.follow", target=year,
        before={"city_grant_krw": old},
        after={"city_grant_krw": city, "national_result": row.result,
               "national_grant_krw": row.national_grant_krw},
    )  # fmt: skip
