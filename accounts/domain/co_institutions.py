"""Co-institutions: found by business number or name, invited when not registered, confirmed by staff.

An applicant finds a co-institution (name, business number and region only: nothing private) or,
when it is not registered, invites it by e-mail. The invitee follows the signed link, signs in (or
signs up) and registers the institution, which then awaits staff confirmation; a plan may name it
meanwhile, but it cannot be submitted until staff confirm it (applications.domain.validation).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.domain.audit import record_audit, send_notice
from accounts.domain.notices import notice_link
from accounts.enums import InstitutionStatus as St
from accounts.enums import Role, SiteKind
from accounts.models import Institution, InstitutionSite, Invitation, User
from accounts.validators import business_number_is_valid, normalise_number
from config.locking import AlreadyDecided
from config.transitions import StateMachine

# Defaults (the seeds give no figures): invitation links last 14 days; an applicant sends at
# most 10 invitations a day; the search answers 30 queries a minute per account.
DEFAULT_INVITATION_DAYS = 14
INVITATIONS_PER_DAY = 10
SEARCHES_PER_MINUTE = 30
SEARCH_LIMIT = 20
_SALT = "accounts.invitation"


def invitation_days() -> int:
    return getattr(settings, "INVITATION_DAYS", DEFAULT_INVITATION_DAYS)


# ---- search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What the search shows of an institution: never more."""

    pk: int
    name: str
    business_no: str
    region: str
    status: str
    status_label: str


def search_allowed(user: User) -> bool:
    """A fixed-window counter per account in the cache (shared by every worker with Redis)."""
    key = f"inst-search:{user.pk}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        return cache.incr(key) <= SEARCHES_PER_MINUTE
    except ValueError:  # the entry expired between add and incr
        return True


def search_institutions(query: str) -> list[Found]:
    """By business number (digits, hyphens allowed: whole or its first 3+ digits) or by name
    (2+ characters). Rejected registrations are not found."""
    query = (query or "").strip()[:100]
    digits = normalise_number(query)
    if digits.isdigit() and len(digits) >= 3:
        match = Q(business_no=digits) if len(digits) == 10 else Q(business_no__startswith=digits)
    elif len(query) >= 2:
        match = Q(name__icontains=query) | Q(name_en__icontains=query)
    else:
        return []
    hq = InstitutionSite.objects.filter(kind=SiteKind.HQ).only(
        "institution_id", "in_seoul", "district"
    )
    rows = (
        Institution.objects.filter(match)
        .exclude(status=St.REJECTED)
        .only("pk", "name", "business_no", "status")
        .prefetch_related(Prefetch("sites", queryset=hq, to_attr="hq_sites"))
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )
    return [
        Found(i.pk, i.name, i.business_no, _region(i.hq_sites), i.status, i.get_status_display())
        for i in rows
    ]


def _region(sites) -> str:
    if not sites:
        return ""
    site = sites[0]
    return f"서울 {site.district}".strip() if site.in_seoul else "서울 외 / outside Seoul"


# ---- invitations ----------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=_SALT, compress=True)


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation of a link; None when forged, expired or already used."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=invitation_days()))
    except signing.BadSignature:  # SignatureExpired included
        return None
    pk = data.get("i") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        return None
    return Invitation.objects.filter(pk=pk, accepted_at__isnull=True).first()


def invite_institution(
    *, actor: User, name: str, business_no: str, email: str, language: str, site_root: str
) -> Invitation:
    """Invite an unregistered institution; the link is e-mailed once the transaction commits."""
    from accounts.tasks import email_invitation

    business_no = normalise_number(business_no)
    if not business_number_is_valid(business_no):
        raise ValidationError(
            {
                "business_no": "사업자등록번호가 올바르지 않습니다. / Invalid business registration number."
            }
        )
    existing = Institution.objects.filter(business_no=business_no).first()
    if existing is not None:
        raise ValidationError({"business_no": (
            f"이미 등록된 기관입니다: {existing.name}. 검색 결과에서 사업자등록번호를 쓰십시오. / "
            f"Already registered: {existing.name}. Use its business number from the search."
        )})  # fmt: skip
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()  # one at a time per sender
        since = timezone.now() - dt.timedelta(days=1)
        sent = Invitation.objects.filter(invited_by=actor, created_at__gte=since)
        if sent.filter(business_no=business_no, email__iexact=email).exists():
            raise AlreadyDecided(
                "같은 기관을 같은 주소로 오늘 이미 초대했습니다.",
                "You already invited this institution at this address today.",
                code="duplicate",
            )
        if sent.count() >= INVITATIONS_PER_DAY:
            raise ValidationError(
                f"초대는 하루 {INVITATIONS_PER_DAY}건까지 보낼 수 있습니다. / "
                f"At most {INVITATIONS_PER_DAY} invitations a day."
            )
        invitation = Invitation.objects.create(
            invited_by=actor, name=name.strip(), business_no=business_no, email=email.strip()
        )
        record_audit(actor=actor, action="institution.invite", target=invitation,
                     after={"name": invitation.name, "business_no": business_no})  # fmt: skip
        transaction.on_commit(lambda: email_invitation.delay(invitation.pk, language, site_root))
    return invitation


def accept_invitation(
    *, invitation: Invitation, actor: User, sites: list[dict], **fields
) -> Institution:
    """The invitee registers the institution (awaiting confirmation) and joins it.

    The invitation row is locked: a link used twice at once registers one institution."""
    from accounts.domain.institutions import register_institution

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise AlreadyDecided("이미 사용한 초대입니다.", "This invitation was already used.")
        fields["business_no"] = invitation.business_no  # the invited number, whatever was posted
        institution = register_institution(actor=actor, sites=sites, status=St.PENDING, **fields)
        invitation.accepted_at = timezone.now()
        invitation.institution = institution
        invitation.save(update_fields=["accepted_at", "institution"])
        record_audit(actor=actor, action="institution.invitation.accept", target=invitation,
                     after={"institution": institution.pk})  # fmt: skip
        send_notice(
            recipient=invitation.invited_by,
            subject=f"공동기관 등록 / Co-institution registered: {institution.name}",
            body="SBA 담당자의 확인을 기다리고 있습니다. / It now awaits confirmation by SBA staff.",
            event_key=f"invitation:{invitation.pk}:accepted",
        )
    return institution


# ---- staff confirmation ---------------------------------------------------------------------

TRANSITIONS: dict[St, set[St]] = {
    St.PENDING: {St.CONFIRMED, St.REJECTED},
    St.REJECTED: {St.CONFIRMED},  # staff correct a rejection
    St.CONFIRMED: set(),
}
MACHINE = StateMachine(
    model=Institution, field="status", states=St, table=TRANSITIONS,
    refuse=lambda current, target: AlreadyDecided(
        f"'{current.label}' 상태에서는 바꿀 수 없습니다.",
        f"Cannot change an institution that is '{current.label}'.",
    ),
    raced=("방금 다른 담당자가 결정했습니다.", "Another staff member just decided."),
    touch=(),  # no updated_at
    savepoint=True,
)  # fmt: skip


def people_to_tell(institution: Institution) -> list[User]:
    """Its members and whoever invited it (the applicants who may name it in a plan)."""
    inviters = Invitation.objects.filter(institution=institution).values("invited_by")
    return list(User.objects.filter(Q(institution=institution) | Q(pk__in=inviters)).distinct())


def set_institution_status(
    *, institution: Institution, status: str, actor: User, reason: str = ""
) -> Institution:
    """Staff confirm or reject a registration: checked table, conditional update, audit, notices."""
    if not actor.is_sba_staff:
        raise ValidationError("SBA 담당자만 결정할 수 있습니다. / Only SBA staff decide.")
    current, target = St(institution.status), St(status)
    MACHINE.check(current, target)  # before the reason: a decided one is refused as such
    if target == St.REJECTED and not reason.strip():
        raise ValidationError({"reason": "반려 사유를 입력하십시오. / Enter the reason."})
    with MACHINE.move(institution, target):
        entry = record_audit(actor=actor, action="institution.status", target=institution,
                             before={"status": current.value}, after={"status": target.value},
                             reason=reason)  # fmt: skip
        for person in people_to_tell(institution):
            send_notice(
                recipient=person,
                subject=f"기관 등록 {target.label} / Institution {target.value}: {institution.name}",
                body=reason or "",
                link=notice_link("applications:mine") if person.role == Role.APPLICANT else "",
                event_key=f"institution:{institution.pk}:{target.value}:{entry.pk}",
            )
    return institution


def pending_institutions():
    return (
        Institution.objects.filter(status=St.PENDING)
        .select_related("created_by")
        .prefetch_related("sites")
        .order_by("created_at", "pk")
    )
