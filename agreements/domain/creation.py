"""Creating the agreement (협약) of a selected application, from its selected plan.

Staff create it; one per application (the application row is locked, the insert is guarded by the
one-to-one constraint). The agreement years are 12-month years from the plan's start (a last short
year allowed); each year's budget lines copy the plan's rows (year × institution × category), with
the city grant scaled to the committee's granted amount when the committee adjusted it. The period
and grant caps come from the catalogue (Program.max_period_months, Program.max_grant_krw).

After creation the agreement moves at once from drafting to awaiting_guarantee (the guarantee
clock runs from the selection notice, not from an extra "issue" step); version 1 is recorded.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.state import set_agreement_status
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus
from agreements.models import (
    Agreement,
    AgreementBudgetLine,
    AgreementYear,
    Project,
    ProjectParticipation,
)
from agreements.models.agreement import add_months
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock, refuse_duplicate
from evaluation.domain.track_ranking import track_envelope_refusal
from programs.domain.multi_year import caps_for
from programs.domain.plugins import run_plugins

GUARANTEE_DAYS = 30  # seed 002 §1: within 30 days of the final selection notice


class CreationRefused(AlreadyDecided):
    """The application cannot get an agreement (not selected, period or grant over the cap …)."""

    status_code = 422


def new_verify_code() -> str:
    """16 characters of base32 from 80 random bits: unguessable, readable, fits the field."""
    return base64.b32encode(secrets.token_bytes(10)).decode()


def split_years(starts_on: dt.date, ends_on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """12-month agreement years from `starts_on`; the last one may be short."""
    years, n = [], 0
    while True:
        start = add_months(starts_on, 12 * n)
        if start > ends_on:
            return years
        end = min(add_months(starts_on, 12 * (n + 1)) - dt.timedelta(days=1), ends_on)
        years.append((start, end))
        n += 1


def period_months(starts_on: dt.date, ends_on: dt.date) -> int:
    """Whole months of the period, a started month counting as one (1 Oct – 30 Sep = 12)."""
    after = ends_on + dt.timedelta(days=1)
    months = (after.year - starts_on.year) * 12 + after.month - starts_on.month
    return months + (1 if after.day > starts_on.day else 0)


def scale_exactly(amounts: list[int], target: int) -> list[int]:
    """Scale non-negative integer `amounts` to sum exactly `target` (largest remainder: floors,
    then one won each to the largest fractional parts, earlier rows first on ties)."""
    total = sum(amounts)
    if total == 0 or total == target:
        return list(amounts)
    floors = [a * target // total for a in amounts]
    remainders = [a * target % total for a in amounts]
    short = target - sum(floors)
    for i in sorted(range(len(amounts)), key=lambda i: (-remainders[i], i))[:short]:
        floors[i] += 1
    return floors


def _refuse(code: str, ko: str, en: str):
    raise CreationRefused(ko, en, code=code)


def _lock_tracked_call(application: Application):
    """The application's call, locked, when its programmes have tracks; else None (no lock)."""
    from evaluation.domain.track_ranking import tracks_of_call
    from programs.models import Call

    call = Call.objects.get(
        pk=Application.objects.values_list("call_id", flat=True).get(pk=application.pk)
    )
    if not tracks_of_call(call):
        return None
    return lock(Call, call.pk)


def selection_notice_date(application: Application, now: dt.datetime) -> dt.date:
    """The KST date of the final result notice (or today when none was published)."""
    notice = getattr(application, "result_notice", None)
    moment = notice.published_at if notice is not None and notice.selected else now
    return timezone.localdate(moment)


def _check_catalogue(application: Application, granted: int) -> None:
    program = application.program
    if (
        not application.starts_on
        or not application.ends_on
        or application.ends_on < application.starts_on
    ):
        _refuse("period_missing", "연구개발계획서에 연구기간(시작일·종료일)이 없습니다.",
                "The plan has no valid research period (start and end dates).")  # fmt: skip
    months = period_months(application.starts_on, application.ends_on)
    caps = caps_for(program=program, call=application.call)  # 2024: multi-year caps
    max_months = caps.max_months
    max_years = None if caps.multi_year else (program.post_award or {}).get("max_years")
    if max_years:
        max_months = min(max_months or 12 * max_years, 12 * int(max_years))
    if max_months and months > max_months:
        _refuse("period_exceeds",
                f"협약기간 {months}개월이 사업의 최대 기간 {max_months}개월을 넘습니다.",
                f"The period of {months} months exceeds the programme's maximum of {max_months} months.")  # fmt: skip
    cap = caps.max_total_krw
    if cap and granted > cap:
        _refuse("grant_exceeds",
                f"시지원연구개발비 {granted:,}원이 사업의 상한 {cap:,}원을 넘습니다.",
                f"The city grant of {granted:,} KRW exceeds the programme's cap of {cap:,} KRW.")  # fmt: skip


def create_agreement(
    *, application: Application, actor: User, now: dt.datetime | None = None
) -> Agreement:
    """Create the agreement of a selected application (staff only; the caller checks the
    permission). Raises CreationRefused (422) or AlreadyDecided (409, one already exists)."""
    now = now or timezone.now()
    with transaction.atomic():
        # the call first (as publishing does): a track's envelope is shared by its agreements
        call = _lock_tracked_call(application)
        app = lock(
            Application.objects.select_related("program", "lead_institution"), application.pk
        )
        if Agreement.objects.filter(application=app).exists():
            raise AlreadyDecided("이 과제의 협약이 이미 생성되었습니다.",
                                 "An agreement already exists for this application.", code="duplicate")  # fmt: skip
        if app.status != ApplicationStatus.SELECTED:
            _refuse("not_selected", "선정된 과제만 협약을 생성할 수 있습니다.",
                    "Only a selected application can get an agreement.")  # fmt: skip
        # gates the programme's flow selects (e.g. R01 crowdfunding: only after funding succeeds)
        for gate_result in run_plugins(hook="agreement_gate", program=app.program, application=app):
            if not gate_result.ok:
                _refuse(gate_result.name, gate_result.reason_ko, gate_result.reason_en)
        items = list(app.budget_items.order_by("year", "institution_id", "category"))
        applied = sum(i.city_krw for i in items)
        decision = getattr(app, "committee_decision", None)
        granted = decision.granted_krw if decision is not None and decision.selected else applied
        _check_catalogue(app, granted)
        if call is not None:  # each track's own budget envelope (evaluation.domain.track_ranking)
            refusal = track_envelope_refusal(call=call, track_code=app.track, amount_krw=granted,
                                             exclude_application=app)  # fmt: skip
            if refusal is not None:
                _refuse(*refusal)
        periods = split_years(app.starts_on, app.ends_on)
        if any(i.year > len(periods) or i.year < 1 for i in items):
            _refuse("plan_years", f"예산의 연차가 연구기간의 연차 수({len(periods)})를 넘습니다.",
                    f"The budget has years beyond the period's {len(periods)} year(s).")  # fmt: skip
        city = scale_exactly([i.city_krw for i in items], granted)
        notified = selection_notice_date(app, now)
        agreement = new_agreement_row(app=app, actor=actor, notified=notified,
                                      starts_on=app.starts_on, ends_on=app.ends_on,
                                      city_grant_krw=sum(city), applied_krw=applied)  # fmt: skip
        _write_years(agreement, periods, items, city)
        agreement.project = link_project(app, agreement, notified)
        agreement.save(update_fields=["project"])
        record_audit(
            actor=actor, action="agreement.create", target=agreement, before={},
            after={"application": app.pk, "city_grant_krw": agreement.city_grant_krw,
                   "applied_city_grant_krw": applied, "years": len(periods)},
        )  # fmt: skip
        record_version(agreement=agreement, actor=actor, reason="최초 협약서 / first version")
        set_agreement_status(
            agreement=agreement, status=AgreementStatus.AWAITING_GUARANTEE, actor=actor,
            reason=f"지급이행보증보험증권 제출기한 {agreement.guarantee_due_on.isoformat()}",
        )  # fmt: skip
    return agreement


def _write_years(agreement: Agreement, periods, items, city: list[int]) -> None:
    lines_by_year: dict[int, list] = defaultdict(list)
    for item, city_krw in zip(items, city, strict=True):
        lines_by_year[item.year].append((item, city_krw))
    for number, (start, end) in enumerate(periods, start=1):
        rows = lines_by_year.get(number, [])
        year = AgreementYear.objects.create(
            agreement=agreement, year_no=number, starts_on=start, ends_on=end,
            city_grant_krw=sum(c for _i, c in rows),
            institution_cash_krw=sum(i.cash_krw for i, _c in rows),
            institution_inkind_krw=sum(i.inkind_krw for i, _c in rows),
        )  # fmt: skip
        AgreementBudgetLine.objects.bulk_create(
            AgreementBudgetLine(
                year=year,
                institution_id=i.institution_id,
                category=i.category,
                city_grant_krw=c,
                institution_cash_krw=i.cash_krw,
                institution_inkind_krw=i.inkind_krw,
            )  # fmt: skip
            for i, c in rows
        )


def new_agreement_row(
    *, app: Application, actor: User, notified: dt.date, starts_on: dt.date, ends_on: dt.date,
    city_grant_krw: int, applied_krw: int,
) -> Agreement:  # fmt: skip
    """The agreement row in drafting (one per application: a second is refused, ko/en)."""
    with refuse_duplicate("이 과제의 협약이 이미 생성되었습니다.",
                          "An agreement already exists for this application."):  # fmt: skip
        return Agreement.objects.create(
            application=app, program=app.program, lead_institution=app.lead_institution,
            status=AgreementStatus.DRAFTING, selection_notified_on=notified,
            guarantee_due_on=notified + dt.timedelta(days=GUARANTEE_DAYS),
            starts_on=starts_on, ends_on=ends_on, city_grant_krw=city_grant_krw,
            applied_city_grant_krw=applied_krw, verify_code=new_verify_code(), created_by=actor,
            version_no=0,
        )  # fmt: skip


def link_project(
    app: Application,
    agreement: Agreement,
    selected_on: dt.date,
    *,
    period_of_agreement: bool = False,
) -> Project:
    """The funded project screening reads (participation limits, obligations): linked if it
    exists, else created with the plan's researchers' participation rates, over the plan's period
    (or the agreement's, for a stage agreement made before the plan has one)."""
    source = agreement if period_of_agreement else app
    starts_on, ends_on = source.starts_on, source.ends_on
    project, created = Project.objects.get_or_create(
        application=app,
        defaults={
            "program": app.program, "lead_institution": app.lead_institution, "pi": app.pi,
            "title": app.title_ko or app.title_en, "objectives": app.objectives,
            "content": app.content, "selected_on": selected_on, "starts_on": starts_on,
            "ends_on": ends_on, "city_grant_krw": agreement.city_grant_krw,
        },
    )  # fmt: skip
    if created:
        ProjectParticipation.objects.bulk_create(
            [ProjectParticipation(project=project, researcher_id=r.researcher_id, role=r.role,
                                  rate_pct=r.rate_pct, starts_on=starts_on, ends_on=ends_on)
             for r in app.researchers.all()],
            ignore_conflicts=True,
        )  # fmt: skip
    return project
