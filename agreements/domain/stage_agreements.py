"""Agreements whose money comes stage by stage (e.g. a challenge: the prototype money first, the
final's R&D as the next year), on the same rows and checks as ``agreements.domain.creation``.

- ``create_stage_agreement``: the agreement of money a stage releases before the final selection
  (one agreement year);
- ``add_agreement_year``: the amendment that adds the next agreement year (version n+1).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit
from accounts.models import User
from agreements.domain.creation import (
    CreationRefused,
    link_project,
    new_agreement_row,
)
from agreements.domain.state import set_agreement_status
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus
from agreements.models import (
    Agreement,
    AgreementBudgetLine,
    AgreementYear,
    Project,
)
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided, lock
from programs.domain.plugins import run_plugins


def _refuse(code: str, ko: str, en: str):
    raise CreationRefused(ko, en, code=code)


def create_stage_agreement(
    *,
    application: Application,
    actor: User,
    starts_on: dt.date,
    ends_on: dt.date,
    city_grant_krw: int,
    category: str,
    reason: str,
    now: dt.datetime | None = None,
) -> Agreement:
    """The agreement of money a stage releases before the application's final selection (e.g. a
    challenge's prototype money per team advancing from the preliminary): ONE agreement year of
    the given period and city grant, one budget line of the lead institution in ``category``.

    The stage's own amount and months come from flow data and are checked by the caller; the
    programme's agreement gates apply. The application stays in evaluation; a later stage's money
    is added as the next agreement year (``add_agreement_year``). Raises CreationRefused (422) or
    AlreadyDecided (409, the application already has its agreement)."""
    now = now or timezone.now()
    if (
        not isinstance(city_grant_krw, int)
        or isinstance(city_grant_krw, bool)
        or city_grant_krw <= 0
    ):
        _refuse("amount", "지원금은 1원 이상의 정수(원)여야 합니다.",
                "The grant must be a whole number of won, at least 1.")  # fmt: skip
    if ends_on < starts_on:
        _refuse(
            "period_missing",
            "기간의 종료일이 시작일보다 앞섭니다.",
            "The period ends before it starts.",
        )
    with transaction.atomic():
        app = lock(
            Application.objects.select_related("program", "lead_institution"), application.pk
        )
        if Agreement.objects.filter(application=app).exists():
            raise AlreadyDecided("이 과제의 협약이 이미 생성되었습니다.",
                                 "An agreement already exists for this application.", code="duplicate")  # fmt: skip
        if app.status not in (ApplicationStatus.IN_EVALUATION, ApplicationStatus.SELECTED):
            _refuse("not_selected", "평가 중이거나 선정된 과제만 협약을 생성할 수 있습니다.",
                    "Only an application in evaluation or selected can get an agreement.")  # fmt: skip
        for gate_result in run_plugins(hook="agreement_gate", program=app.program, application=app):
            if not gate_result.ok:
                _refuse(gate_result.name, gate_result.reason_ko, gate_result.reason_en)
        notified = timezone.localdate(now)
        agreement = new_agreement_row(app=app, actor=actor, notified=notified,
                                      starts_on=starts_on, ends_on=ends_on,
                                      city_grant_krw=city_grant_krw, applied_krw=city_grant_krw)  # fmt: skip
        _add_year(agreement, 1, starts_on, ends_on,
                  [(app.lead_institution_id, category, city_grant_krw, 0, 0)])  # fmt: skip
        agreement.project = link_project(app, agreement, notified, period_of_agreement=True)
        agreement.save(update_fields=["project"])
        record_audit(
            actor=actor, action="agreement.create", target=agreement, before={},
            after={"application": app.pk, "city_grant_krw": city_grant_krw, "years": 1,
                   "stage": reason},
        )  # fmt: skip
        record_version(agreement=agreement, actor=actor, reason=reason)
        set_agreement_status(
            agreement=agreement, status=AgreementStatus.AWAITING_GUARANTEE, actor=actor,
            reason=f"지급이행보증보험증권 제출기한 {agreement.guarantee_due_on.isoformat()}",
        )  # fmt: skip
    return agreement


def _add_year(agreement: Agreement, number: int, starts_on, ends_on, lines) -> AgreementYear:
    """One agreement year with its budget lines ``(institution_id, category, city, cash, in-kind)``."""
    year = AgreementYear.objects.create(
        agreement=agreement, year_no=number, starts_on=starts_on, ends_on=ends_on,
        city_grant_krw=sum(line[2] for line in lines),
        institution_cash_krw=sum(line[3] for line in lines),
        institution_inkind_krw=sum(line[4] for line in lines),
    )  # fmt: skip
    AgreementBudgetLine.objects.bulk_create(
        AgreementBudgetLine(
            year=year,
            institution_id=inst,
            category=cat,
            city_grant_krw=city,
            institution_cash_krw=cash,
            institution_inkind_krw=inkind,
        )  # fmt: skip
        for inst, cat, city, cash, inkind in lines
    )
    return year


def add_agreement_year(
    *,
    agreement: Agreement,
    starts_on: dt.date,
    ends_on: dt.date,
    lines: list[tuple[int, str, int, int, int]],
    actor: User,
    reason: str,
) -> AgreementYear:
    """Amend an agreement with the next agreement year (e.g. a challenge final's R&D in the next
    year's budget after a prototype year): year n+1 with its budget lines
    ``(institution_id, category, city grant, cash, in-kind)`` in integer won, the agreement's end
    and city grant (and its project's) extended, version n+1 recorded (its diff says "Year n+1
    added"), audited. The new year starts after the last one ends; a terminated agreement is
    not amended. The caller guards against adding the same year twice (it holds the marker)."""
    if any(
        not isinstance(v, int) or isinstance(v, bool) or v < 0 for line in lines for v in line[2:]
    ):
        _refuse(
            "amount", "금액은 0 이상의 정수(원)여야 합니다.", "Amounts are whole won, not negative."
        )
    city = sum(line[2] for line in lines)
    if city <= 0 or ends_on < starts_on:
        _refuse("year", "추가할 연차의 기간과 시지원금(1원 이상)이 필요합니다.",
                "The added year needs a period and a city grant of at least 1 won.")  # fmt: skip
    with transaction.atomic():
        locked = lock(Agreement, agreement.pk)
        if locked.status == AgreementStatus.TERMINATED:
            _refuse("terminated", "해약된 협약에는 연차를 추가할 수 없습니다.",
                    "A terminated agreement cannot take another year.")  # fmt: skip
        last = locked.years.order_by("-year_no").first()
        if last is not None and starts_on <= last.ends_on:
            _refuse("overlap",
                    f"추가 연차는 {last.year_no}차년도 종료일({last.ends_on.isoformat()}) 이후에 시작해야 합니다.",
                    f"The added year must start after year {last.year_no} ends ({last.ends_on.isoformat()}).")  # fmt: skip
        number = (last.year_no if last else 0) + 1
        before = {"ends_on": locked.ends_on.isoformat(), "city_grant_krw": locked.city_grant_krw,
                  "years": number - 1}  # fmt: skip
        year = _add_year(locked, number, starts_on, ends_on, lines)
        locked.ends_on = max(locked.ends_on, ends_on)
        locked.city_grant_krw += city
        Agreement.objects.filter(pk=locked.pk).update(
            ends_on=locked.ends_on, city_grant_krw=locked.city_grant_krw
        )
        if locked.project_id:
            Project.objects.filter(pk=locked.project_id).update(
                ends_on=locked.ends_on, city_grant_krw=locked.city_grant_krw
            )
        record_audit(
            actor=actor, action="agreement.year_added", target=locked, before=before,
            after={"ends_on": locked.ends_on.isoformat(), "city_grant_krw": locked.city_grant_krw,
                   "years": number, "year_city_grant_krw": city},
            reason=reason,
        )  # fmt: skip
        record_version(agreement=locked, actor=actor, reason=reason)
        _instalment_of_the_new_year(locked, actor)
    agreement.ends_on, agreement.city_grant_krw = locked.ends_on, locked.city_grant_krw
    return year


def _instalment_of_the_new_year(agreement: Agreement, actor: User) -> None:
    """The added year gets its instalment at once when the agreement's instalments exist already
    (the daily job only looks at agreements with an open instalment or none: one whose year-1
    instalment is paid would never get the new year's); an active agreement's gates are re-run."""
    from agreements.domain.payments import ensure_instalments, refresh_instalments
    from agreements.models import Instalment

    if agreement.status == AgreementStatus.ACTIVE:
        refresh_instalments(agreement=agreement, actor=actor)
    elif Instalment.objects.filter(agreement=agreement).exists():
        ensure_instalments(agreement=agreement)
