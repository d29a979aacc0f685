"""Fraud monitoring of R01 crowdfunding campaigns (seed 000 Ⅳ-① 투자자 검증).

First check, on the platform: staff import the platform's backer export (CSV or Excel, read by
content; formula-like cells neutralised); the flags are then computed from the rows with the
thresholds of ``Program.flow["crowdfunding"]`` (defaults, the seed gives no figures):
- concentration: the top ``top_n`` backers carry MORE than ``max_share_pct`` % of the amount;
- excessive purchase: one backer carries MORE than ``max_share_pct`` % of the amount;
- self purchase: a backer matches the lead institution (business number or name) or its staff
  (the applicant's or a researcher's name or e-mail).
Second check, after delivery: the company uploads its delivery records (method, invoice number,
address); a sample (``delivery_sample``: pct %, at least ``min``) is drawn deterministically and
staff check each sampled record; an unproven delivery is a flag.
Each flag is investigated and decided (cleared / confirmed) by ``decide_flag``; a confirmed flag
closes the funding gate and may cancel the agreement through the sanction path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.models import User
from applications.models import CampaignBacker, CampaignFlag, CrowdfundingCampaign, DeliveryRecord
from applications.models.crowdfunding import DeliveryCheck, FlagKind, FlagStatus
from config.locking import AlreadyDecided, lock
from config.spreadsheet import safe_row
from programs.domain.flows import flow_value

BACKER_COLUMNS = {
    "backer_ref": ("backer_ref", "backer id", "id", "후원자id", "후원자 id", "아이디"),
    "name": ("name", "이름", "성명"),
    "email": ("email", "e-mail", "이메일"),
    "business_no": ("business_no", "사업자등록번호"),
    "amount_krw": ("amount_krw", "amount", "금액", "후원금액", "기여금액"),
    "shares": ("shares", "공유", "공유 수"),
    "comments": ("comments", "댓글", "댓글 수"),
}
DELIVERY_COLUMNS = {
    "backer_ref": BACKER_COLUMNS["backer_ref"],
    "method": ("method", "배송방법"),
    "invoice_no": ("invoice_no", "invoice", "송장번호"),
    "address": ("address", "주소"),
}
MAX_ROWS = 20_000


class FraudRefused(AlreadyDecided):
    status_code = 422


def rules(program) -> dict:
    return flow_value(program=program, key="crowdfunding") or {}


def _read_rows(upload) -> list[list]:
    from agreements.domain.statements import _rows_from_csv, _rows_from_xlsx
    from applications.domain.drafts import ApplicationRefused

    if upload is None or not upload.size:
        raise FraudRefused("파일을 선택하십시오.", "Choose a file.", code="file_empty")
    data = upload.read()
    try:
        rows = _rows_from_xlsx(data) if data[:4] == b"PK\x03\x04" else _rows_from_csv(data)
    except ApplicationRefused as exc:
        raise FraudRefused(exc.message_ko, exc.message_en, code="file_unreadable") from exc
    return [safe_row(r) for r in rows if any(str(c or "").strip() for c in r)]


def _header(row: list, columns: dict) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(row):
        text = str(cell or "").strip().lower()
        for key, names in columns.items():
            if text in names and key not in found:
                found[key] = index
    return found


def _int(value) -> int | None:
    text = re.sub(r"[,\s원]", "", str(value if value is not None else ""))
    return int(text) if text.isdigit() and len(text) < 16 else None


def _table(upload, columns: dict, required: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    rows = _read_rows(upload)
    cols = _header(rows[0], columns) if rows else {}
    if any(k not in cols for k in required):
        raise FraudRefused("첫 줄에 열 제목이 필요합니다: " + ", ".join(required),
                           "The first row must name the columns: " + ", ".join(required), code="columns")  # fmt: skip
    if len(rows) - 1 > MAX_ROWS:
        raise FraudRefused(
            f"한 번에 {MAX_ROWS:,}줄까지 가져옵니다.",
            f"At most {MAX_ROWS:,} rows.",
            code="too_long",
        )
    good, bad = [], []
    for number, row in enumerate(rows[1:], start=2):
        item = {
            k: str(row[i] if i < len(row) and row[i] is not None else "").strip()
            for k, i in cols.items()
        }
        if not item.get("backer_ref"):
            bad.append({"row": number, "reason": "backer_ref"})
            continue
        good.append(item)
    return good, bad


@transaction.atomic
def import_backers(*, campaign: CrowdfundingCampaign, upload, actor: User) -> dict:
    """Replace the campaign's backer rows with the platform export; then recompute the flags."""
    campaign = lock(
        CrowdfundingCampaign.objects.select_related("application__program"), campaign.pk
    )
    good, bad = _table(upload, BACKER_COLUMNS, ("backer_ref", "amount_krw"))
    rows, seen = [], set()
    for item in good:
        amount = _int(item.get("amount_krw"))
        if amount is None or item["backer_ref"] in seen:
            bad.append(
                {
                    "ref": item["backer_ref"][:40],
                    "reason": "amount" if amount is None else "duplicate",
                }
            )
            continue
        seen.add(item["backer_ref"])
        rows.append(CampaignBacker(
            campaign=campaign, backer_ref=item["backer_ref"][:100], name=item.get("name", "")[:100],
            email=item.get("email", "")[:254].lower(), business_no=re.sub(r"\D", "", item.get("business_no", ""))[:10],
            amount_krw=amount, shares=_int(item.get("shares")) or 0, comments=_int(item.get("comments")) or 0,
        ))  # fmt: skip
    CampaignBacker.objects.filter(campaign=campaign).delete()
    CampaignBacker.objects.bulk_create(rows)
    record_audit(actor=actor, action="crowdfunding.backers.import", target=campaign,
                 after={"rows": len(rows), "bad": bad[:50]})  # fmt: skip
    flags = check_backers(campaign=campaign, actor=actor)
    return {"imported": len(rows), "bad": bad, "flags": [f.kind for f in flags]}


def _staff_of(application) -> tuple[set[str], set[str], str, str]:
    names, emails = set(), set()
    user = application.applicant
    for text in (user.get_full_name(), user.last_name + user.first_name):
        if text.strip():
            names.add(_norm(text))
    if user.email:
        emails.add(user.email.lower())
    for r in application.researchers.select_related("researcher"):
        researcher = r.researcher
        if getattr(researcher, "name", ""):
            names.add(_norm(researcher.name))
        if getattr(researcher, "email", ""):
            emails.add(researcher.email.lower())
    lead = application.lead_institution
    return names, emails, _norm(lead.name), (lead.business_no or "")


def _norm(text: str) -> str:
    text = re.sub(r"\(주\)|㈜|주식회사", "", text or "")
    return re.sub(r"[\s()（）.,]", "", text).lower()


def evaluate_backers(
    backers: list[CampaignBacker], *, flow: dict, staff: tuple
) -> list[tuple[str, str, dict]]:
    """Pure: the flags (kind, subject, detail) of the backer rows under the flow's thresholds."""
    total = sum(b.amount_krw for b in backers)
    out: list[tuple[str, str, dict]] = []
    if total <= 0:
        return out
    conc = flow.get("concentration", {"top_n": 5, "max_share_pct": 50})
    top = sorted((b.amount_krw for b in backers), reverse=True)[: int(conc["top_n"])]
    share = Decimal(sum(top)) * 100 / total
    if share > Decimal(str(conc["max_share_pct"])):
        out.append((FlagKind.CONCENTRATION, "", {"top_n": conc["top_n"], "share_pct": str(round(share, 2)),
                                                  "threshold_pct": conc["max_share_pct"]}))  # fmt: skip
    limit = Decimal(str(flow.get("excessive_purchase", {"max_share_pct": 10})["max_share_pct"]))
    names, emails, lead_name, lead_no = staff
    for b in backers:
        own = Decimal(b.amount_krw) * 100 / total
        if own > limit:
            out.append((FlagKind.EXCESSIVE, b.backer_ref, {"share_pct": str(round(own, 2)),
                                                            "threshold_pct": str(limit), "amount_krw": b.amount_krw}))  # fmt: skip
        matched = ((lead_no and b.business_no == lead_no) or (b.name and _norm(b.name) in names | {lead_name})
                   or (b.email and b.email.lower() in emails))  # fmt: skip
        if matched:
            out.append(
                (FlagKind.SELF_PURCHASE, b.backer_ref, {"amount_krw": b.amount_krw, "name": b.name})
            )
    return out


def check_backers(*, campaign: CrowdfundingCampaign, actor: User | None) -> list[CampaignFlag]:
    """Write the flags of the current backer rows (an existing flag of the same kind and subject
    is kept as it is, so a decision is never undone by a re-import)."""
    app = campaign.application
    found = evaluate_backers(
        list(campaign.backer_rows.all()), flow=rules(app.program), staff=_staff_of(app)
    )
    flags = []
    for kind, subject, detail in found:
        flag, created = CampaignFlag.objects.get_or_create(
            campaign=campaign, kind=kind, subject=subject[:100], defaults={"detail": detail}
        )
        if created:
            record_audit(actor=actor, action=f"crowdfunding.flag.{kind}", target=flag, after=detail)
            _notify_staff(flag)
        flags.append(flag)
    return flags


def _notify_staff(flag: CampaignFlag) -> None:
    from accounts.enums import Role

    for user in User.objects.filter(role=Role.STAFF, is_active=True)[:20]:
        send_notice(recipient=user, subject="크라우드펀딩 부정 의심 / Crowdfunding fraud flag",
                    body=f"{flag.campaign.application.receipt_no}: {flag.get_kind_display()}",
                    link=f"/crowdfunding/staff/campaigns/{flag.campaign_id}/",
                    event_key=f"crowdfunding_flag:{flag.pk}")  # fmt: skip


@transaction.atomic
def import_deliveries(*, campaign: CrowdfundingCampaign, upload, actor: User) -> dict:
    """The company's delivery proof (second check); then a sample is drawn."""
    campaign = lock(
        CrowdfundingCampaign.objects.select_related("application__program"), campaign.pk
    )
    if campaign.application.applicant_id != actor.pk:
        raise FraudRefused(
            "본인 과제만 제출할 수 있습니다.", "Only for your own project.", code="forbidden"
        )
    good, bad = _table(upload, DELIVERY_COLUMNS, ("backer_ref", "method", "invoice_no", "address"))
    existing = set(campaign.deliveries.values_list("invoice_no", flat=True))
    rows = []
    for item in good:
        if not item.get("invoice_no") or item["invoice_no"] in existing:
            bad.append({"ref": item["backer_ref"][:40], "reason": "invoice"})
            continue
        existing.add(item["invoice_no"])
        rows.append(DeliveryRecord(campaign=campaign, backer_ref=item["backer_ref"][:100],
                                   method=item.get("method", "")[:60], invoice_no=item["invoice_no"][:60],
                                   address=item.get("address", "")[:300]))  # fmt: skip
    DeliveryRecord.objects.bulk_create(rows)
    record_audit(actor=actor, action="crowdfunding.deliveries.import", target=campaign,
                 after={"rows": len(rows), "bad": bad[:50]})  # fmt: skip
    sampled = draw_sample(campaign=campaign)
    return {"imported": len(rows), "bad": bad, "sampled": sampled}


def sample_size(count: int, flow: dict) -> int:
    spec = flow.get("delivery_sample", {"pct": 10, "min": 5})
    wanted = -(-count * int(spec["pct"]) // 100)  # ceil
    return min(count, max(int(spec["min"]), wanted))


def draw_sample(*, campaign: CrowdfundingCampaign) -> int:
    """Mark the sample (deterministic: sha-256 of campaign id and invoice number); idempotent."""
    records = list(campaign.deliveries.all())
    size = sample_size(len(records), rules(campaign.application.program))
    key = lambda r: hashlib.sha256(f"{campaign.pk}:{r.invoice_no}".encode()).hexdigest()  # noqa: E731
    chosen = {r.pk for r in sorted(records, key=key)[:size]}
    DeliveryRecord.objects.filter(pk__in=chosen, sampled=False).update(sampled=True)
    return size


@transaction.atomic
def check_delivery(*, record: DeliveryRecord, proven: bool, actor: User) -> DeliveryRecord:
    record = lock(DeliveryRecord.objects.select_related("campaign__application"), record.pk)
    if not record.sampled:
        raise FraudRefused(
            "표본이 아닌 배송 기록입니다.", "This record is not in the sample.", code="not_sampled"
        )
    if record.check_result:
        raise AlreadyDecided("이미 확인한 배송 기록입니다.", "This delivery was already checked.")
    record.check_result = DeliveryCheck.PROVEN if proven else DeliveryCheck.UNPROVEN
    record.checked_by = actor
    record.save(update_fields=["check_result", "checked_by"])
    record_audit(
        actor=actor, action="crowdfunding.delivery.check", target=record, after={"proven": proven}
    )
    if not proven:
        flag, created = CampaignFlag.objects.get_or_create(
            campaign=record.campaign, kind=FlagKind.DELIVERY, subject=record.invoice_no[:100],
            defaults={"detail": {"backer_ref": record.backer_ref, "invoice_no": record.invoice_no}},
        )  # fmt: skip
        if created:
            record_audit(
                actor=actor,
                action="crowdfunding.flag.delivery_unproven",
                target=flag,
                after=flag.detail,
            )
    return record


FLAG_TRANSITIONS = {
    FlagStatus.OPEN: {FlagStatus.INVESTIGATING, FlagStatus.CLEARED},
    FlagStatus.INVESTIGATING: {FlagStatus.CLEARED, FlagStatus.CONFIRMED},
    FlagStatus.CLEARED: set(),
    FlagStatus.CONFIRMED: set(),
}


@transaction.atomic
def decide_flag(*, flag: CampaignFlag, status: str, reason: str, actor: User,
                cancel_agreement: bool = False, sanction_until: dt.date | None = None) -> CampaignFlag:  # fmt: skip
    """The one place a flag's status changes: open → investigating (IP trace etc.) → cleared or
    confirmed. A confirmed flag may cancel the agreement: the sanction path (false documents:
    termination and a participation restriction until ``sanction_until``)."""
    reason = (reason or "").strip()
    if not reason:
        raise FraudRefused("사유를 입력하십시오.", "Enter the reason.", code="reason")
    flag = lock(CampaignFlag.objects.select_related("campaign__application__applicant"), flag.pk)
    current, target = FlagStatus(flag.status), FlagStatus(status)
    if target not in FLAG_TRANSITIONS[current]:
        raise AlreadyDecided(f"'{current.label}' 상태에서 '{target.label}'(으)로 바꿀 수 없습니다.",
                             f"A flag cannot go from {current.label} to {target.label}.")  # fmt: skip
    flag.status, flag.reason, flag.decided_by, flag.decided_at = (
        target,
        reason,
        actor,
        timezone.now(),
    )
    flag.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record_audit(actor=actor, action=f"crowdfunding.flag.{target.value}", target=flag,
                 before={"status": current.value}, after={"status": target.value}, reason=reason)  # fmt: skip
    app = flag.campaign.application
    if target == FlagStatus.INVESTIGATING:
        send_notice(recipient=app.applicant, subject="크라우드펀딩 조사 개시 / Crowdfunding investigation opened",
                    body=f"{app.receipt_no}: {flag.get_kind_display()}\n{reason}",
                    event_key=f"crowdfunding_flag:{flag.pk}:investigating")  # fmt: skip
    if target == FlagStatus.CONFIRMED and cancel_agreement:
        _cancel(app=app, flag=flag, reason=reason, actor=actor, until=sanction_until)
    return flag


def _cancel(*, app, flag, reason: str, actor: User, until: dt.date | None) -> None:
    from agreements.domain.sanctions import impose_sanction
    from agreements.enums import SanctionKind
    from agreements.models import Agreement

    agreement = Agreement.objects.filter(application=app).first()
    if agreement is None:
        return  # no agreement yet: the confirmed flag keeps the funding gate closed
    today = timezone.localdate()
    if until is None or until < today:
        raise FraudRefused("참여제한 종료일을 입력하십시오.", "Enter the end of the participation restriction.",
                           code="sanction_until")  # fmt: skip
    impose_sanction(agreement=agreement, kind=SanctionKind.FALSE_DOCUMENTS, starts_on=today, ends_on=until,
                    reason=f"크라우드펀딩 부정 / crowdfunding fraud ({flag.get_kind_display()}): {reason}",
                    actor=actor)  # fmt: skip
