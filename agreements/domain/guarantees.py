"""Payment-guarantee insurance (지급이행보증보험증권, seed 002 §1): registration by the institution,
verification or rejection by staff, and the coverage question the instalment gate asks.

Rules (seed 002 §1, DOMAIN.md "Post-award"):
- one policy per agreement year, for that year's city grant: amount ≥ the year's city grant;
- its period covers the year's R&D period + 6 months: starts_on ≤ year.starts_on and
  ends_on ≥ year.guarantee_required_until;
- a policy number is used once.

Which years must be covered before signing is catalogue data: ``Program.post_award
["guarantee_years_at_signing"]`` = ``"all"`` (DEFAULT, marked as a default: seed 002 asks for the
policy "협약체결 시 … 시지원연구개발비에 대한", i.e. at signing for the city grant, so every year of a
multi-year agreement) or ``"first"`` (only year 1 before signing; later years are then checked by
the instalment gate through :func:`covering_guarantee`).
"""

import re
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from accounts.models import User
from agreements.domain.state import set_agreement_status
from agreements.enums import AgreementStatus as S
from agreements.models import (
    Agreement,
    AgreementYear,
    Guarantee,
    GuaranteeReminder,
    GuaranteeStatus,
    ReminderKind,
)
from applications.domain.errors import ApplicationRefused
from applications.domain.problems import Problem, won
from config.locking import AlreadyDecided, lock, refuse_duplicate

GUARANTEE_YEARS_DEFAULT = "all"  # DEFAULT: the seeds give no per-year timing (see module doc)
# Statuses in which a policy may be registered (a replacement after a period extension included).
OPEN_FOR_REGISTRATION = {S.AWAITING_GUARANTEE, S.SUSPENDED, S.AWAITING_SIGNATURES, S.ACTIVE}


class GuaranteeRefused(ApplicationRefused):
    status = 422


@dataclass(frozen=True)
class GuaranteeInput:
    year_no: int | None
    insurer: str
    policy_no: str
    amount_krw: int | None
    starts_on: object
    ends_on: object
    cost_krw: int | None = None


def normalise_policy_no(value: str) -> str:
    """Upper case without spaces: '  ab-12 34 ' → 'AB-1234' (the same policy typed twice)."""
    return re.sub(r"\s+", "", value or "").upper()


def covering_guarantee(*, year: AgreementYear) -> Guarantee | None:
    """The verified guarantee covering `year` (its R&D period + 6 months, at least its city
    grant), most recently verified first; None when there is none. Read by the instalment gate."""
    return (
        Guarantee.objects.filter(
            year=year,
            status=GuaranteeStatus.VERIFIED,
            starts_on__lte=year.starts_on,
            ends_on__gte=year.guarantee_required_until,
            amount_krw__gte=year.city_grant_krw,
        )  # fmt: skip
        .order_by("-verified_at", "-pk")
        .first()
    )


def required_years(agreement: Agreement) -> list[AgreementYear]:
    """The years whose guarantee must be verified before the agreement goes on to signing."""
    years = list(agreement.years.order_by("year_no"))
    rule = (agreement.program.post_award or {}).get(
        "guarantee_years_at_signing", GUARANTEE_YEARS_DEFAULT
    )
    return years[:1] if rule == "first" else years


def guarantees_complete(agreement: Agreement) -> bool:
    years = required_years(agreement)
    return bool(years) and all(covering_guarantee(year=y) for y in years)


def coverage_problems(*, year: AgreementYear, data: GuaranteeInput) -> list[Problem]:
    """Period and amount against the year (also re-checked when staff verify)."""
    problems: list[Problem] = []
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        problems.append(Problem(
            "period_order", "ends_on",
            "보험 종료일이 시작일보다 앞섭니다.",
            "The insurance ends before it starts.",
        ))  # fmt: skip
        return problems
    if data.starts_on and data.starts_on > year.starts_on:
        problems.append(Problem(
            "period_start", "starts_on",
            f"보증기간은 {year.year_no}차년도 시작일({year.starts_on:%Y-%m-%d}) 이전에 시작해야 "
            "합니다.",
            f"The insurance must start on or before the start of year {year.year_no} "
            f"({year.starts_on:%Y-%m-%d}).",
        ))  # fmt: skip
    until = year.guarantee_required_until
    if data.ends_on and data.ends_on < until:
        problems.append(Problem(
            "period_end", "ends_on",
            f"보증기간은 해당연도 연구개발기간 + 6개월, 즉 {until:%Y-%m-%d}까지여야 합니다"
            f"(입력: {data.ends_on:%Y-%m-%d}).",
            f"The insurance must cover the year's R&D period + 6 months, i.e. until "
            f"{until:%Y-%m-%d} (entered: {data.ends_on:%Y-%m-%d}).",
        ))  # fmt: skip
    if data.amount_krw is not None and data.amount_krw < year.city_grant_krw:
        problems.append(Problem(
            "amount_short", "amount_krw",
            f"보험가입금액은 {year.year_no}차년도 시지원연구개발비 {won(year.city_grant_krw)}원 "
            f"이상이어야 합니다({won(year.city_grant_krw - data.amount_krw)}원 부족).",
            f"The insured amount must be at least year {year.year_no}'s city grant, "
            f"KRW {won(year.city_grant_krw)} (KRW {won(year.city_grant_krw - data.amount_krw)} "
            "short).",
        ))  # fmt: skip
    return problems


def guarantee_problems(*, agreement: Agreement, data: GuaranteeInput) -> list[Problem]:
    """Every reason the registration is refused (empty list: acceptable)."""
    problems: list[Problem] = []
    if agreement.status not in OPEN_FOR_REGISTRATION:
        return [Problem(
            "agreement_closed", "",
            f"'{agreement.get_status_display()}' 상태의 협약에는 보증보험을 등록할 수 없습니다.",
            f"No guarantee can be registered for an agreement in status "
            f"'{agreement.get_status_display()}'.",
        )]  # fmt: skip
    year = agreement.years.filter(year_no=data.year_no).first() if data.year_no else None
    if year is None:
        problems.append(Problem(
            "year_unknown", "year_no", "협약 연차를 선택하십시오.", "Choose an agreement year.",
        ))  # fmt: skip
    if not (data.insurer or "").strip():
        problems.append(
            Problem("required", "insurer", "보험사를 입력하십시오.", "Enter the insurer.")
        )
    policy_no = normalise_policy_no(data.policy_no)
    if not policy_no:
        problems.append(Problem(
            "required", "policy_no", "증권번호를 입력하십시오.", "Enter the policy number.",
        ))  # fmt: skip
    elif (
        Guarantee.objects.filter(policy_no=policy_no)
        .exclude(status=GuaranteeStatus.REJECTED)
        .exists()
    ):
        problems.append(Problem(
            "policy_reused", "policy_no",
            "이미 등록된 증권번호입니다. 증권마다 한 번만 등록할 수 있습니다.",
            "This policy number is already registered; each policy is registered once.",
        ))  # fmt: skip
    if data.amount_krw is None or data.amount_krw <= 0:
        problems.append(Problem(
            "required", "amount_krw", "보험가입금액을 원 단위 정수로 입력하십시오.",
            "Enter the insured amount in whole won.",
        ))  # fmt: skip
    for field, ko, en in (("starts_on", "시작일", "start"), ("ends_on", "종료일", "end")):
        if not getattr(data, field):
            problems.append(Problem(
                "required", field, f"보험 {ko}을 입력하십시오(YYYY-MM-DD).",
                f"Enter the insurance {en} date (YYYY-MM-DD).",
            ))  # fmt: skip
    if data.cost_krw is not None and data.cost_krw < 0:
        problems.append(Problem(
            "cost_negative", "cost_krw", "보험료는 0원 이상이어야 합니다.",
            "The premium cannot be negative.",
        ))  # fmt: skip
    if year is not None:
        problems += coverage_problems(year=year, data=data)
        if Guarantee.objects.filter(year=year, status=GuaranteeStatus.SUBMITTED).exists():
            problems.append(Problem(
                "pending", "year_no",
                f"{year.year_no}차년도 보증보험이 이미 확인을 기다리고 있습니다.",
                f"A policy for year {year.year_no} is already awaiting verification.",
            ))  # fmt: skip
        elif covering_guarantee(year=year):
            problems.append(Problem(
                "already_covered", "year_no",
                f"{year.year_no}차년도는 이미 확인된 보증보험이 있습니다.",
                f"Year {year.year_no} already has a verified guarantee.",
            ))  # fmt: skip
    return problems


def _pdf_problem(pdf: UploadedFile) -> tuple[Problem | None, str]:
    from applications.domain.attachments import check_file

    try:
        _detected, sha = check_file(pdf, ["pdf"])
    except ApplicationRefused as exc:
        return Problem(exc.code, "pdf", exc.message_ko, exc.message_en), ""
    return None, sha


def register_guarantee(
    *,
    agreement: Agreement,
    year_no: int | None,
    insurer: str,
    policy_no: str,
    amount_krw: int | None,
    starts_on,
    ends_on,
    pdf: UploadedFile | None,
    actor: User,
    cost_krw: int | None = None,
    require_pdf: bool = False,
) -> Guarantee:
    """Register a policy (status 'submitted'); raises GuaranteeRefused (422) with all problems."""
    data = GuaranteeInput(year_no, insurer, policy_no, amount_krw, starts_on, ends_on, cost_krw)
    with transaction.atomic():
        agreement = lock(Agreement, agreement.pk)
        problems = guarantee_problems(agreement=agreement, data=data)
        sha = ""
        if pdf is not None:
            problem, sha = _pdf_problem(pdf)
            problems += [problem] if problem else []
        elif require_pdf:
            problems.append(Problem(
                "required", "pdf", "보험증권 PDF를 올리십시오.", "Upload the policy as a PDF.",
            ))  # fmt: skip
        if problems:
            raise GuaranteeRefused(
                "invalid", "보증보험 등록 내용을 확인하십시오.",
                "Check the guarantee details.", problems=problems,
            )  # fmt: skip
        guarantee = Guarantee(
            agreement=agreement, year=agreement.years.get(year_no=year_no),
            insurer=insurer.strip()[:100], policy_no=normalise_policy_no(policy_no),
            amount_krw=amount_krw, starts_on=starts_on, ends_on=ends_on, cost_krw=cost_krw,
            created_by=actor,
        )  # fmt: skip
        if pdf is not None:
            guarantee.pdf.save("policy.pdf", pdf, save=False)
            guarantee.pdf_name, guarantee.pdf_sha256 = (pdf.name or "policy.pdf")[:255], sha
        with refuse_duplicate(
            "이미 등록된 증권번호이거나 확인 대기 중인 보증보험이 있습니다.",
            "The policy number is already registered or a policy is awaiting verification.",
        ):
            guarantee.save()
        record_audit(
            actor=actor, action="guarantee.register", target=guarantee,
            after={"year_no": year_no, "policy_no": guarantee.policy_no,
                   "amount_krw": amount_krw, "starts_on": str(starts_on),
                   "ends_on": str(ends_on), "pdf_sha256": sha},
        )  # fmt: skip
    return guarantee


def _decide(*, guarantee: Guarantee) -> tuple[Agreement, Guarantee]:
    """Lock the agreement, then the guarantee (lock order), and refuse a second decision."""
    agreement = lock(Agreement, guarantee.agreement_id)
    locked = lock(Guarantee.objects.select_related("year"), guarantee.pk)
    if locked.status != GuaranteeStatus.SUBMITTED:
        raise AlreadyDecided(
            f"이 보증보험은 이미 '{locked.get_status_display()}' 처리되었습니다.",
            f"This guarantee was already decided: {locked.get_status_display()}.",
        )
    return agreement, locked


def verify_guarantee(*, guarantee: Guarantee, actor: User) -> Guarantee:
    """Staff confirm the policy. When every required year is covered the agreement goes on to
    signing (from 'awaiting guarantee', or back from a suspension for a missing guarantee)."""
    with transaction.atomic():
        agreement, guarantee = _decide(guarantee=guarantee)
        data = GuaranteeInput(
            guarantee.year.year_no, guarantee.insurer, guarantee.policy_no,
            guarantee.amount_krw, guarantee.starts_on, guarantee.ends_on,
        )  # fmt: skip
        problems = coverage_problems(year=guarantee.year, data=data)
        if problems:  # the year changed since registration (e.g. a period extension)
            raise GuaranteeRefused(
                "no_longer_covers", "이 증권은 현재 협약 연차를 보장하지 못합니다. 반려하십시오.",
                "This policy no longer covers the agreement year; reject it.", problems=problems,
            )  # fmt: skip
        guarantee.status = GuaranteeStatus.VERIFIED
        guarantee.verified_by, guarantee.verified_at = actor, timezone.now()
        guarantee.save(update_fields=["status", "verified_by", "verified_at"])
        record_audit(
            actor=actor, action="guarantee.verify", target=guarantee,
            before={"status": GuaranteeStatus.SUBMITTED}, after={"status": guarantee.status},
        )  # fmt: skip
        send_notice(
            recipient=agreement.application.applicant,
            subject=_("Guarantee insurance verified: year %(n)s") % {"n": guarantee.year.year_no},
            body=_("SBA verified policy %(no)s (%(insurer)s).")
            % {"no": guarantee.policy_no, "insurer": guarantee.insurer},
            link=notice_link("agreements:guarantees", agreement.pk),
        )
        advance_if_complete(agreement=agreement, actor=actor)
    return guarantee


def reject_guarantee(*, guarantee: Guarantee, actor: User, reason: str) -> Guarantee:
    """Staff refuse the policy, with a reason the institution reads; it may register another."""
    reason = (reason or "").strip()
    if not reason:
        raise GuaranteeRefused(
            "reason_required", "반려 사유를 입력하십시오.", "Enter the reason for rejection.",
            problems=[Problem("required", "reason", "반려 사유를 입력하십시오.",
                              "Enter the reason for rejection.")],
        )  # fmt: skip
    with transaction.atomic():
        agreement, guarantee = _decide(guarantee=guarantee)
        guarantee.status = GuaranteeStatus.REJECTED
        guarantee.verified_by, guarantee.verified_at = actor, timezone.now()
        guarantee.reject_reason = reason
        guarantee.save(update_fields=["status", "verified_by", "verified_at", "reject_reason"])
        record_audit(
            actor=actor, action="guarantee.reject", target=guarantee,
            before={"status": GuaranteeStatus.SUBMITTED}, after={"status": guarantee.status},
            reason=reason,
        )  # fmt: skip
        send_notice(
            recipient=agreement.application.applicant,
            subject=_("Guarantee insurance rejected: year %(n)s") % {"n": guarantee.year.year_no},
            body=_("SBA rejected policy %(no)s. Reason: %(reason)s. Register a corrected policy.")
            % {"no": guarantee.policy_no, "reason": reason},
            link=notice_link("agreements:guarantees", agreement.pk),
        )
    return guarantee


def advance_if_complete(*, agreement: Agreement, actor: User | None) -> bool:
    """awaiting guarantee → awaiting signatures once every required year is covered; a suspension
    made by the deadline job (its claim row) is lifted the same way. Call with the agreement
    locked."""
    if not guarantees_complete(agreement):
        return False
    reason = "보증보험 확인 완료 / Guarantee insurance verified"
    if agreement.status == S.AWAITING_GUARANTEE:
        set_agreement_status(
            agreement=agreement, status=S.AWAITING_SIGNATURES, actor=actor, reason=reason
        )
        return True
    suspension = GuaranteeReminder.objects.filter(agreement=agreement, kind=ReminderKind.SUSPENSION)
    if agreement.status == S.SUSPENDED and suspension.exists():
        set_agreement_status(
            agreement=agreement, status=S.AWAITING_SIGNATURES, actor=actor,
            reason="협약 중지 해제: " + reason,
        )  # fmt: skip
        suspension.delete()  # the audit trail keeps the suspension; a later one is claimed anew
        return True
    return False
