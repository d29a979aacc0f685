"""Crowdfunding type of R01: recording the campaign result (applicant), verification (staff).

The campaign's status changes only through ``set_campaign_status`` (transition table, locked
row, audit, one notice per event). Recording twice with the same values changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from applications.enums import ApplicationStatus
from applications.models import Application, CrowdfundingCampaign
from applications.models.crowdfunding import CampaignStatus as S
from config.locking import AlreadyDecided, lock
from config.params import MAX_KRW
from programs.domain.flows import flow_value, track

TRANSITIONS: dict[str, set[str]] = {
    S.RECORDED: {S.VERIFIED, S.REJECTED},
    S.REJECTED: {S.RECORDED},  # the company records a corrected result
    S.VERIFIED: set(),
}


class CampaignRefused(AlreadyDecided):
    status_code = 422


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message_ko: str
    message_en: str


class CampaignInvalid(Exception):
    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(p.message_en for p in problems))
        self.problems = problems


def platforms(program) -> list[dict]:
    return list((flow_value(program=program, key="crowdfunding") or {}).get("platforms", []))


def is_crowdfunding(application) -> bool:
    found = (
        track(program=application.program, code=application.track) if application.track else None
    )
    return bool(found and found.extra.get("funding_gate"))


def set_campaign_status(*, campaign: CrowdfundingCampaign, status: str, actor: User | None,
                        reason: str = "") -> CrowdfundingCampaign:  # fmt: skip
    """The one place a campaign's status changes (caller holds the campaign row locked)."""
    current, target = S(campaign.status), S(status)
    if target == current:
        return campaign
    if target not in TRANSITIONS[current]:
        raise CampaignRefused(f"펀딩 결과 상태를 '{current.label}'에서 '{target.label}'(으)로 바꿀 수 없습니다.",
                              f"A campaign cannot go from {current.label} to {target.label}.",
                              code="transition")  # fmt: skip
    campaign.status = target
    campaign.status_reason = reason
    fields = ["status", "status_reason"]
    if target in (S.VERIFIED, S.REJECTED):
        campaign.decided_by, campaign.decided_at = actor, timezone.now()
        fields += ["decided_by", "decided_at"]
    campaign.save(update_fields=fields)
    record_audit(actor=actor, action=f"crowdfunding.{target.value}", target=campaign,
                 before={"status": current.value}, after={"status": target.value}, reason=reason)  # fmt: skip
    if target != S.RECORDED:
        subject = {S.VERIFIED: "크라우드펀딩 결과 확인 / Crowdfunding result verified",
                   S.REJECTED: "크라우드펀딩 결과 반려 / Crowdfunding result rejected"}[target]  # fmt: skip
        send_notice(recipient=campaign.application.applicant, subject=subject,
                    body=f"{campaign.application.receipt_no}\n{reason}",
                    link=f"/crowdfunding/applications/{campaign.application_id}/",
                    event_key=f"crowdfunding:{campaign.pk}:{target.value}:{campaign.decided_at:%Y%m%d%H%M%S%f}")  # fmt: skip
    return campaign


def clean_result(*, program, data: dict) -> dict:
    """Validate the campaign result; raises CampaignInvalid with one problem per field (ko/en)."""
    problems: list[FieldProblem] = []
    codes = {p["code"] for p in platforms(program)}
    out: dict = {}
    platform = str(data.get("platform") or "").strip()
    if platform not in codes:
        problems.append(FieldProblem("platform", "펀딩 플랫폼을 목록에서 선택하십시오.",
                                     "Choose the platform from the list."))  # fmt: skip
    out["platform"] = platform
    url = str(data.get("url") or "").strip()
    if not url.startswith(("https://", "http://")) or len(url) > 500 or " " in url:
        problems.append(FieldProblem("url", "펀딩 페이지 주소(https://…)를 입력하십시오.",
                                     "Enter the campaign's address (https://…)."))  # fmt: skip
    out["url"] = url
    labels = {"target_krw": ("목표 금액", "The target"), "raised_krw": ("모금액", "The amount raised"),
              "backers": ("후원자 수", "The number of backers")}  # fmt: skip
    for name, (ko, en) in labels.items():
        raw = str(data.get(name) if data.get(name) is not None else "").replace(",", "").strip()
        limit = MAX_KRW if name != "backers" else 10_000_000
        if not raw.isdigit() or int(raw) > limit or (name == "target_krw" and int(raw) == 0):
            problems.append(FieldProblem(name, f"{ko}은(는) 0 이상 {limit:,} 이하의 정수입니다."
                                         + (" 목표 금액은 0보다 커야 합니다." if name == "target_krw" else ""),
                                         f"{en} must be a whole number from {'1' if name == 'target_krw' else '0'}"
                                         f" to {limit:,}."))  # fmt: skip
            continue
        out[name] = int(raw)
    try:
        out["ends_on"] = dt.date.fromisoformat(str(data.get("ends_on") or ""))
    except ValueError:
        problems.append(FieldProblem("ends_on", "펀딩 종료일을 YYYY-MM-DD 형식으로 입력하십시오.",
                                     "Enter the campaign's end date as YYYY-MM-DD."))  # fmt: skip
    succeeded = data.get("succeeded")
    if isinstance(succeeded, str):
        succeeded = {
            "true": True,
            "1": True,
            "yes": True,
            "false": False,
            "0": False,
            "no": False,
        }.get(succeeded.strip().lower())
    if not isinstance(succeeded, bool):
        problems.append(FieldProblem("succeeded", "펀딩 성공 여부를 선택하십시오.",
                                     "Say whether the funding succeeded."))  # fmt: skip
    out["succeeded"] = succeeded
    if not problems and out["succeeded"] and out["raised_krw"] < out["target_krw"]:
        problems.append(FieldProblem("succeeded", "모금액이 목표 금액에 못 미치면 펀딩 성공이 아닙니다.",
                                     "A campaign that raised less than its target did not succeed."))  # fmt: skip
    if problems:
        raise CampaignInvalid(problems)
    return out


FIELDS = ("platform", "url", "target_krw", "raised_krw", "backers", "ends_on", "succeeded")


@transaction.atomic
def record_campaign(
    *, application: Application, actor: User, data: dict
) -> tuple[CrowdfundingCampaign, bool]:
    """The owner records (or corrects, while not verified) the campaign result.

    Returns (campaign, changed). The application row is locked; the same values sent twice
    change nothing and write no second audit entry (a double submit is harmless).
    """
    app = lock(Application.objects.select_related("program"), application.pk)
    if app.applicant_id != actor.pk:
        raise CampaignRefused(
            "본인 과제만 기록할 수 있습니다.", "Only for your own application.", code="forbidden"
        )
    if not is_crowdfunding(app):
        raise CampaignRefused("크라우드펀딩형 과제가 아닙니다.", "This is not a crowdfunding-type project.",
                              code="not_crowdfunding")  # fmt: skip
    if app.status != ApplicationStatus.SELECTED:
        raise CampaignRefused("선정된 과제만 펀딩 결과를 기록합니다.",
                              "Only a selected project records its campaign result.", code="not_selected")  # fmt: skip
    values = clean_result(program=app.program, data=data)
    campaign = CrowdfundingCampaign.objects.select_for_update().filter(application=app).first()
    if campaign is None:
        campaign = CrowdfundingCampaign.objects.create(
            application=app, recorded_by=actor, recorded_at=timezone.now(), **values
        )
        record_audit(
            actor=actor, action="crowdfunding.record", target=campaign, after=_dump(campaign)
        )
        return campaign, True
    if campaign.status == S.VERIFIED:
        if all(getattr(campaign, f) == values[f] for f in FIELDS):
            return campaign, False
        raise CampaignRefused("확인된 펀딩 결과는 바꿀 수 없습니다.",
                              "A verified campaign result cannot be changed.", code="verified")  # fmt: skip
    if all(getattr(campaign, f) == values[f] for f in FIELDS) and campaign.status == S.RECORDED:
        return campaign, False
    before = _dump(campaign)
    for f in FIELDS:
        setattr(campaign, f, values[f])
    campaign.recorded_by, campaign.recorded_at = actor, timezone.now()
    campaign.save(update_fields=[*FIELDS, "recorded_by", "recorded_at"])
    record_audit(
        actor=actor,
        action="crowdfunding.record",
        target=campaign,
        before=before,
        after=_dump(campaign),
    )
    set_campaign_status(
        campaign=campaign, status=S.RECORDED, actor=actor, reason="수정 기록 / corrected"
    )
    return campaign, True


def _dump(c: CrowdfundingCampaign) -> dict:
    return {f: (getattr(c, f).isoformat() if f == "ends_on" else getattr(c, f)) for f in FIELDS}


@transaction.atomic
def decide_campaign(
    *, campaign: CrowdfundingCampaign, verified: bool, reason: str, actor: User
) -> CrowdfundingCampaign:
    """Staff verify (or reject, with a reason) a recorded campaign result."""
    reason = (reason or "").strip()
    if not verified and not reason:
        raise CampaignRefused(
            "반려 사유를 입력하십시오.", "Enter the reason for the rejection.", code="reason"
        )
    campaign = lock(
        CrowdfundingCampaign.objects.select_related("application__applicant"), campaign.pk
    )
    if campaign.status != S.RECORDED:
        raise AlreadyDecided(
            "이미 처리된 펀딩 결과입니다.", "This campaign result was already decided."
        )
    return set_campaign_status(campaign=campaign, status=S.VERIFIED if verified else S.REJECTED,
                               actor=actor, reason=reason)  # fmt: skip


def funding_gate(application) -> tuple[bool, str, str]:
    """(open, reason ko, reason en) of the crowdfunding gate for this application."""
    if not is_crowdfunding(application):
        return True, "크라우드펀딩형이 아닙니다.", "Not a crowdfunding-type project."
    campaign = CrowdfundingCampaign.objects.filter(application_id=application.pk).first()
    if campaign is None:
        return (
            False,
            "크라우드펀딩 결과가 아직 기록되지 않았습니다.",
            "The crowdfunding result is not recorded yet.",
        )
    if campaign.status != S.VERIFIED:
        return (
            False,
            "크라우드펀딩 결과를 SBA가 아직 확인하지 않았습니다.",
            "SBA has not verified the crowdfunding result yet.",
        )
    if not campaign.succeeded:
        return (
            False,
            "크라우드펀딩이 성공하지 못했습니다.",
            "The crowdfunding campaign did not succeed.",
        )
    from applications.models import CampaignFlag
    from applications.models.crowdfunding import FlagStatus

    if CampaignFlag.objects.filter(campaign=campaign, status=FlagStatus.CONFIRMED).exists():
        return False, "부정 펀딩이 확인되었습니다.", "Fraud was confirmed on the campaign."
    return True, "크라우드펀딩 성공이 확인되었습니다.", "The funding success is verified."
