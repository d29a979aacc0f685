"""Tech Partners (테크파트너스, seed 001): large and mid-sized companies register their technology
needs and purchase intent; startups funded by Seoul R&D are matched to them first, by field and
needs; both sides accept or decline; purchases and PoCs that follow are recorded as outcomes.

Every change of a match's status goes through ``decide_match`` (transition table, row lock, audit,
one notice per event). ``outcome_summary`` is the selector dashboards read.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.enums import InstitutionType
from accounts.models import Institution, User
from agreements.models import Agreement
from config.locking import AlreadyDecided, lock, refuse_duplicate
from programs.data.flows.rules_2024 import TECH_FIELDS
from programs.models import TechMatch, TechNeed, TechOutcome, TechPartner
from programs.models.rules_2024 import MatchStatus as S
from programs.models.rules_2024 import OutcomeKind, PartnerSize

FUNDED_STATUSES = ("active", "completed")  # "funded by Seoul R&D": a running or finished agreement
MATCHES_PER_NEED = 5
FIELD_POINTS, KEYWORD_POINTS = 5, 2

# (status, side, accept) → new status. Declining is final for both sides.
TRANSITIONS: dict[tuple[str, str, bool], str] = {
    (S.PROPOSED, "partner", True): S.PARTNER_ACCEPTED,
    (S.PROPOSED, "startup", True): S.STARTUP_ACCEPTED,
    (S.PARTNER_ACCEPTED, "startup", True): S.ACCEPTED,
    (S.STARTUP_ACCEPTED, "partner", True): S.ACCEPTED,
    (S.PROPOSED, "partner", False): S.DECLINED,
    (S.PROPOSED, "startup", False): S.DECLINED,
    (S.PARTNER_ACCEPTED, "startup", False): S.DECLINED,
    (S.STARTUP_ACCEPTED, "partner", False): S.DECLINED,
}


class TechPartnersRefused(AlreadyDecided):
    status_code = 422


def field_codes() -> set[str]:
    return {f["code"] for f in TECH_FIELDS}


def field_label(code: str, language: str = "ko") -> str:
    for f in TECH_FIELDS:
        if f["code"] == code:
            return f["name_en"] if language == "en" else f["name_ko"]
    return code


def register_partner(
    *, institution: Institution, size: str, purchase_intent: str, actor: User
) -> TechPartner:
    if size not in PartnerSize.values:
        raise TechPartnersRefused("대기업 또는 중견기업만 등록할 수 있습니다.",
                                  "Only large or mid-sized companies can register.", code="size")  # fmt: skip
    if institution.type != InstitutionType.COMPANY:
        raise TechPartnersRefused("기업만 등록할 수 있습니다.", "Only companies can register.",
                                  code="type")  # fmt: skip
    with transaction.atomic():
        with refuse_duplicate("이미 등록된 테크파트너스 기업입니다.",
                              "This company is already a Tech Partner."):  # fmt: skip
            partner = TechPartner.objects.create(
                institution=institution, size=size, purchase_intent=purchase_intent.strip(),
                registered_by=actor,
            )  # fmt: skip
        record_audit(actor=actor, action="tech_partners.register", target=partner,
                     after={"institution": institution.pk, "size": size})  # fmt: skip
        _tell_staff_of_new_partner(partner)
    return partner


def _tell_staff_of_new_partner(partner: TechPartner) -> None:
    """SBA staff learn of a new partner (they match its needs): one notice each, once."""
    from django.urls import reverse

    from accounts.enums import Role

    link = reverse("rules_2024:staff-partners")
    name = partner.institution.name
    size = partner.get_size_display()
    for user in User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk")[:50]:
        send_notice(
            recipient=user,
            subject=f"테크파트너스 신규 등록 / New Tech Partner: {name}"[:200],
            body=f"{name} ({size})이(가) 테크파트너스로 등록했습니다. 기술 수요와 매칭을 확인하십시오.\n"
            f"{name} ({size}) registered as a Tech Partner. Review its needs and matches.",
            link=link, event_key=f"tech_partner:{partner.pk}:registered",
        )  # fmt: skip


def register_partner_company(
    *, actor: User, size: str, purchase_intent: str, sites: list[dict] | None = None,
    **institution_fields,
) -> TechPartner:  # fmt: skip
    """A partner account registers its own company (self-registration): the size class is checked
    before anything is written (only large and mid-sized companies, never an SME), then the company
    is registered (the account becomes its member, as an applicant's does) and made a partner, in
    one transaction. Institutions registered by their own member need no staff confirmation."""
    from accounts.domain.institutions import register_institution

    if size not in PartnerSize.values:
        raise TechPartnersRefused(
            "테크파트너스는 대기업 또는 중견기업만 등록할 수 있습니다. 중소기업은 주관기관(신청자)으로 가입하십시오.",
            "Only large or mid-sized companies can register as Tech Partners; an SME signs up as "
            "an applicant instead.", code="size",
        )  # fmt: skip
    if institution_fields.get("is_sme"):
        raise TechPartnersRefused(
            "중소기업으로 표시된 기업은 테크파트너스(대기업·중견기업)로 등록할 수 없습니다.",
            "A company marked as an SME cannot register as a Tech Partner (large or mid-sized).",
            code="size",
        )
    if institution_fields.get("type") != InstitutionType.COMPANY:
        raise TechPartnersRefused("기업만 등록할 수 있습니다.", "Only companies can register.",
                                  code="type")  # fmt: skip
    if actor.role != "partner" or actor.institution_id:
        raise AlreadyDecided("이미 기업이 등록된 계정입니다.",
                             "This account already belongs to a company.")  # fmt: skip
    with transaction.atomic():
        institution = register_institution(actor=actor, sites=sites, **institution_fields)
        return register_partner(
            institution=institution, size=size, purchase_intent=purchase_intent, actor=actor
        )


def add_need(
    *, partner: TechPartner, field: str, title: str, description: str = "", keywords: str = "",
    purchase_intent: bool = True, actor: User,
) -> TechNeed:  # fmt: skip
    if field not in field_codes():
        raise TechPartnersRefused("기술 분야를 선택하십시오.", "Choose a technology field.",
                                  code="field")  # fmt: skip
    if not title.strip():
        raise TechPartnersRefused("제목을 입력하십시오.", "Enter a title.", code="title")
    with transaction.atomic():
        need = TechNeed.objects.create(
            partner=partner, field=field, title=title.strip()[:200], description=description.strip(),
            keywords=keywords.strip()[:300], purchase_intent=purchase_intent,
        )  # fmt: skip
        record_audit(actor=actor, action="tech_partners.need", target=need,
                     after={"field": field, "title": need.title})  # fmt: skip
    return need


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s,;/·()]+", (text or "").lower()) if len(w) >= 2}


def _score(need: TechNeed, app) -> tuple[int, list[str]]:
    """Field (the field's name in the plan's technology classification or keywords) and needs
    (keywords shared with the plan's keywords and title)."""
    plan = " ".join([app.tech_classification or "", app.keywords or "", app.title_ko or "",
                     app.title_en or ""]).lower()  # fmt: skip
    reasons, score = [], 0
    names = {
        need.field.lower(),
        field_label(need.field, "ko").lower(),
        field_label(need.field, "en").lower(),
    }
    if any(n and n.split("(")[0] in plan for n in names):
        score += FIELD_POINTS
        reasons.append(field_label(need.field, "ko"))
    shared = sorted(_words(need.keywords) & _words(plan))
    score += KEYWORD_POINTS * len(shared)
    reasons += shared
    return score, reasons


def propose_matches(
    *, need: TechNeed, actor: User, limit: int = MATCHES_PER_NEED
) -> list[TechMatch]:
    """Match the need to Seoul R&D funded startups (lead companies of running or finished
    agreements), best first; already proposed pairs are kept. Returns the new matches."""
    agreements = (
        Agreement.objects.filter(status__in=FUNDED_STATUSES, lead_institution__type="company")
        .exclude(lead_institution_id=need.partner.institution_id)
        .select_related("application")
        .order_by("-selection_notified_on", "-pk")
    )
    best: dict[int, tuple[int, list[str], Agreement]] = {}
    for agreement in agreements:
        score, reasons = _score(need, agreement.application)
        known = best.get(agreement.lead_institution_id)
        if score > 0 and (known is None or score > known[0]):
            best[agreement.lead_institution_id] = (score, reasons, agreement)
    existing = set(need.matches.values_list("startup_id", flat=True))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    made = []
    with transaction.atomic():
        for startup_id, (score, reasons, agreement) in ranked[:limit]:
            if startup_id in existing:
                continue
            match, created = TechMatch.objects.get_or_create(
                need=need, startup_id=startup_id,
                defaults={"agreement": agreement, "score": score, "reason": ", ".join(reasons)[:300]},
            )  # fmt: skip
            if created:
                made.append(match)
                _notify(match, f"tech_match:{match.pk}:proposed", "새 테크파트너스 매칭 제안",
                        "New Tech Partners match proposed", sides=("partner", "startup"))  # fmt: skip
        record_audit(actor=actor, action="tech_partners.match", target=need,
                     after={"proposed": [m.pk for m in made]})  # fmt: skip
    return made


def side_of(user: User, match: TechMatch) -> str | None:
    """Which side of the match the user acts for (None: neither)."""
    if not user.is_authenticated or not user.institution_id:
        return None
    if user.role == "partner" and user.institution_id == match.need.partner.institution_id:
        return "partner"
    if user.role == "applicant" and user.institution_id == match.startup_id:
        return "startup"
    return None


def decide_match(*, match: TechMatch, side: str, accept: bool, actor: User) -> TechMatch:
    """The one place a match's status changes. Locks the match; a decision the table does not
    allow (this side already decided, or the match is closed) is refused as already decided."""
    with transaction.atomic():
        locked = lock(TechMatch.objects.select_related("need__partner", "startup"), match.pk)
        target = TRANSITIONS.get((locked.status, side, bool(accept)))
        if target is None:
            raise AlreadyDecided(
                "이 매칭은 이미 결정되었습니다.", "This match has already been decided."
            )
        before = locked.status
        locked.status = target
        locked.decided_at = timezone.now() if target in (S.ACCEPTED, S.DECLINED) else None
        locked.save(update_fields=["status", "decided_at"])
        record_audit(actor=actor, action="tech_partners.decide", target=locked,
                     before={"status": before}, after={"status": target, "side": side})  # fmt: skip
        if target == S.ACCEPTED:
            _notify(locked, f"tech_match:{locked.pk}:accepted", "테크파트너스 매칭 성사",
                    "Tech Partners match accepted by both", sides=("partner", "startup"))  # fmt: skip
        elif target == S.DECLINED:
            _notify(locked, f"tech_match:{locked.pk}:declined", "테크파트너스 매칭 거절",
                    "Tech Partners match declined", sides=("partner", "startup"))  # fmt: skip
        else:
            other = "startup" if side == "partner" else "partner"
            _notify(locked, f"tech_match:{locked.pk}:{side}_accepted", "테크파트너스 매칭 수락 요청",
                    "The other side accepted a Tech Partners match", sides=(other,))  # fmt: skip
    match.status, match.decided_at = locked.status, locked.decided_at
    return locked


def record_outcome(
    *, match: TechMatch, kind: str, amount_krw: int, dated_on: dt.date, note: str = "", actor: User
) -> TechOutcome:
    if kind not in OutcomeKind.values:
        raise TechPartnersRefused(
            "구매 또는 PoC를 선택하십시오.", "Choose purchase or PoC.", code="kind"
        )
    if amount_krw < 0:
        raise TechPartnersRefused("금액은 0원 이상이어야 합니다.", "The amount cannot be negative.",
                                  code="amount")  # fmt: skip
    with transaction.atomic():
        locked = lock(TechMatch, match.pk)
        if locked.status != S.ACCEPTED:
            raise TechPartnersRefused("양측이 수락한 매칭에만 성과를 기록합니다.",
                                      "Outcomes are recorded only for matches both sides accepted.",
                                      code="not_accepted")  # fmt: skip
        outcome = TechOutcome.objects.create(match=locked, kind=kind, amount_krw=amount_krw,
                                             dated_on=dated_on, note=note.strip()[:300], recorded_by=actor)  # fmt: skip
        record_audit(actor=actor, action="tech_partners.outcome", target=locked,
                     after={"kind": kind, "amount_krw": amount_krw, "dated_on": dated_on.isoformat()})  # fmt: skip
    return outcome


def outcome_summary(*, year: int | None = None) -> dict:
    """Counts and amounts of Tech Partners results, for dashboards (three queries)."""
    outcomes = TechOutcome.objects.all()
    if year:
        outcomes = outcomes.filter(dated_on__year=year)
    by_kind = {
        row["kind"]: row
        for row in outcomes.values("kind").annotate(n=Count("pk"), krw=Sum("amount_krw"))
    }
    matches = TechMatch.objects.aggregate(
        proposed=Count("pk"), accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
        declined=Count("pk", filter=Q(status=S.DECLINED)),
    )  # fmt: skip
    return {
        "partners": TechPartner.objects.count(),
        **matches,
        "purchases": by_kind.get("purchase", {}).get("n", 0),
        "purchase_krw": by_kind.get("purchase", {}).get("krw") or 0,
        "pocs": by_kind.get("poc", {}).get("n", 0),
        "poc_krw": by_kind.get("poc", {}).get("krw") or 0,
    }


def _notify(match: TechMatch, key: str, ko: str, en: str, *, sides: tuple[str, ...]) -> None:
    institutions = []
    if "partner" in sides:
        institutions.append((match.need.partner.institution_id, "partner"))
    if "startup" in sides:
        institutions.append((match.startup_id, "applicant"))
    for institution_id, role in institutions:
        for user in User.objects.filter(institution_id=institution_id, role=role, is_active=True):
            send_notice(recipient=user, subject=f"{ko} / {en}: {match.need.title}",
                        body=f"{match.need.title} ↔ {match.startup.name}", event_key=key)  # fmt: skip
