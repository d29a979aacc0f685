"""Co-institutions: search by number or name (public fields only, throttled), the invitation flow
(e-mailed signed link → registration awaiting confirmation → staff confirm), expired links, access."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.domain import co_institutions
from accounts.enums import InstitutionStatus, Role
from accounts.models import AuditEntry, Institution, Invitation, Notice
from applications.domain.validation import application_queryset, validate_application
from tests.applications.factories import applicant_with_institution, complete_application
from tests.conftest import client_for
from tests.factories import InstitutionFactory, UserFactory, valid_business_no

pytestmark = pytest.mark.django_db

NEW_NO = valid_business_no(777_001)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the search throttle counts per minute in the cache
    yield
    cache.clear()


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_search_by_number_and_by_name_shows_public_fields_only():
    inst = InstitutionFactory(name="주식회사 서울바이오", corporate_no="", representative="홍길동")
    InstitutionFactory(name="반려된 바이오", status=InstitutionStatus.REJECTED)
    api = client_for(applicant_with_institution())
    hyphenated = f"{inst.business_no[:3]}-{inst.business_no[3:5]}-{inst.business_no[5:]}"
    for query in (inst.business_no, hyphenated, inst.business_no[:5], "서울바이오"):
        body = api.get("/api/v1/institutions/search/", {"q": query}).json()
        assert body["results"] == [{"name": "주식회사 서울바이오", "business_no": inst.business_no,
                                    "region": "서울 중구", "status": "confirmed"}], query  # fmt: skip
    assert (
        api.get("/api/v1/institutions/search/", {"q": "바이오"}).json()["results"][0]["name"]
        == "주식회사 서울바이오"
    )  # fmt: skip  (the rejected one is not found)
    assert api.get("/api/v1/institutions/search/", {"q": "x"}).json() == {"results": []}
    html = (
        _signed_in(applicant_with_institution())
        .get("/accounts/institutions/search/", {"q": "서울바이오"})
        .content.decode()
    )
    assert inst.business_no in html and "홍길동" not in html and "세종대로" not in html


def test_search_is_throttled(monkeypatch):
    monkeypatch.setattr(co_institutions, "SEARCHES_PER_MINUTE", 2)
    user = applicant_with_institution()
    api, page = client_for(user), _signed_in(user)
    assert api.get("/api/v1/institutions/search/", {"q": "테스트"}).status_code == 200
    assert page.get("/accounts/institutions/search/", {"q": "테스트"}).status_code == 200
    assert api.get("/api/v1/institutions/search/", {"q": "테스트"}).status_code == 429
    assert page.get("/accounts/institutions/search/", {"q": "테스트"}).status_code == 429


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), (Role.APPLICANT, 200), (Role.STAFF, 200), (Role.EVALUATOR, 403),
     (Role.OFFICIAL, 403), (Role.OPERATOR, 403)],
)  # fmt: skip
def test_who_may_search(role, status):
    api = client_for(UserFactory(role=role)) if role else Client()
    response = api.get("/api/v1/institutions/search/", {"q": "테스트"})
    assert response.status_code in ((401, 403) if status == 403 else (200,))
    page = _signed_in(UserFactory(role=role)) if role else Client()
    response = page.get("/accounts/institutions/search/", {"q": "테스트"})
    assert response.status_code == (302 if role is None else status)


def _invite(client, **extra):
    data = {"name": "주식회사 새기관", "business_no": NEW_NO, "email": "contact@new.example"}
    return client.post("/accounts/institutions/invite/", {**data, **extra})


def _link_in_mail() -> str:
    return re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)


def test_invitation_flow_end_to_end(catalogue, django_capture_on_commit_callbacks):
    applicant = applicant_with_institution(email="pi@example.kr")
    page = _signed_in(applicant)
    nothing = page.get("/accounts/institutions/search/", {"q": NEW_NO})
    assert "institution-invite" not in nothing.content.decode()  # url name not shown...
    assert 'action="/accounts/institutions/invite/"' in nothing.content.decode()  # ...the form is
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(page).status_code == 302
    invitation = Invitation.objects.get()
    assert (
        mail.outbox[-1].to == ["contact@new.example"]
        and "주식회사 새기관" in mail.outbox[-1].subject
    )
    link = _link_in_mail()
    assert Client().get(link).status_code == 200  # signed out: sign in or sign up first
    invitee = UserFactory(role=Role.APPLICANT, email="contact@new.example")
    client = _signed_in(invitee)
    form = client.get(link).content.decode()
    assert "주식회사 새기관" in form and f'value="{NEW_NO}"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {
            "name": "주식회사 새기관", "type": "company", "business_no": "1111111111",  # ignored
            "hq_address": "서울특별시 성동구 왕십리로 1", "hq_district": "성동구",
            "is_corporation": "on",
        })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    inst = Institution.objects.get(business_no=NEW_NO)
    invitee.refresh_from_db()
    invitation.refresh_from_db()
    assert inst.status == InstitutionStatus.PENDING and invitee.institution == inst
    assert invitation.accepted_at and invitation.institution == inst
    assert client.get(link).status_code == 400  # a used link opens nothing
    # named in a plan it blocks the submission until staff confirm
    app = complete_application(applicant=applicant)
    app.institutions.create(institution=inst, role="co", role_description="시험")
    codes = {p.code for p in validate_application(application_queryset().get(pk=app.pk))}
    assert "institution_unconfirmed" in codes
    staff = _signed_in(UserFactory(role=Role.STAFF))
    assert "주식회사 새기관" in staff.get("/accounts/institutions/pending/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"/accounts/institutions/{inst.pk}/decide/",
                          {"decision": "confirm"}).status_code == 302  # fmt: skip
        # a second click is refused, nothing decided twice
        staff.post(
            f"/accounts/institutions/{inst.pk}/decide/", {"decision": "reject", "reason": "x"}
        )
    inst.refresh_from_db()
    assert inst.status == InstitutionStatus.CONFIRMED
    assert AuditEntry.objects.filter(action="institution.status").count() == 1
    codes = {p.code for p in validate_application(application_queryset().get(pk=app.pk))}
    assert "institution_unconfirmed" not in codes
    # the inviter and the new member are told, once each
    for person in (applicant, invitee):
        assert (
            Notice.objects.filter(
                recipient=person, event_key__startswith=f"institution:{inst.pk}:confirmed"
            ).count()
            == 1
        )


def test_expired_or_forged_link_is_refused():
    page = _signed_in(applicant_with_institution())
    _invite(page)
    invitation = Invitation.objects.get()
    token = co_institutions.invitation_token(invitation)
    invitee = _signed_in(UserFactory(role=Role.APPLICANT))
    assert invitee.get(f"/accounts/invitations/{token}/").status_code == 200
    later = timezone.now() + dt.timedelta(days=co_institutions.invitation_days() + 1)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = invitee.get(f"/accounts/invitations/{token}/")
    assert response.status_code == 400 and "만료" in response.content.decode()
    assert invitee.get(f"/accounts/invitations/{token}x/").status_code == 400
    assert invitee.post(f"/accounts/invitations/{token}x/", {"name": "x"}).status_code == 400
    assert not Institution.objects.filter(business_no=NEW_NO).exists()


def test_invitation_refusals_keep_input():
    existing = InstitutionFactory()
    page = _signed_in(applicant_with_institution())
    response = _invite(page, business_no=existing.business_no)
    assert response.status_code == 400 and "이미 등록된 기관" in response.content.decode()
    response = _invite(page, business_no="1234567890")
    assert response.status_code == 400 and 'value="1234567890"' in response.content.decode()
    assert _invite(page).status_code == 302
    response = _invite(page)  # the same invitation twice the same day
    assert response.status_code == 400 and Invitation.objects.count() == 1


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR, Role.STAFF])
def test_only_applicants_invite_and_only_staff_confirm(role):
    other = _signed_in(UserFactory(role=role))
    assert _invite(other).status_code == 403 and not Invitation.objects.exists()
    inst = InstitutionFactory(status=InstitutionStatus.PENDING)
    applicant = _signed_in(applicant_with_institution())
    for client in (applicant, other) if role != Role.STAFF else (applicant,):
        assert client.get("/accounts/institutions/pending/").status_code == 403
        assert client.post(f"/accounts/institutions/{inst.pk}/decide/",
                           {"decision": "confirm"}).status_code == 403  # fmt: skip
    inst.refresh_from_db()
    assert inst.status == InstitutionStatus.PENDING
    anonymous = Client()
    assert anonymous.get("/accounts/institutions/pending/").status_code == 302
    assert _invite(anonymous).status_code == 302


def test_a_rejection_needs_a_reason_and_blocks_the_plan(catalogue):
    inst = InstitutionFactory(status=InstitutionStatus.PENDING)
    staff = _signed_in(UserFactory(role=Role.STAFF))
    staff.post(f"/accounts/institutions/{inst.pk}/decide/", {"decision": "reject", "reason": ""})
    inst.refresh_from_db()
    assert inst.status == InstitutionStatus.PENDING
    staff.post(
        f"/accounts/institutions/{inst.pk}/decide/", {"decision": "reject", "reason": "휴업"}
    )
    inst.refresh_from_db()
    assert inst.status == InstitutionStatus.REJECTED
    app = complete_application()
    app.institutions.create(institution=inst, role="co")
    problems = validate_application(application_queryset().get(pk=app.pk))
    assert any(p.code == "institution_rejected" and inst.name in p.message_ko for p in problems)


def test_staff_home_lists_institutions_to_confirm(users):
    staff = _signed_in(users[Role.STAFF])
    assert 'id="task-institutions" data-count="0"' in staff.get("/staff/").content.decode()
    InstitutionFactory(status=InstitutionStatus.PENDING)
    body = staff.get("/staff/").content.decode()
    assert 'id="task-institutions" data-count="1"' in body
    assert 'href="/accounts/institutions/pending/"' in body


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.EVALUATOR, 403), (Role.OFFICIAL, 403), (Role.OPERATOR, 403), (Role.STAFF, 403),
     (Role.APPLICANT, 200)],
)  # fmt: skip
def test_who_may_open_an_invitation(role, status):
    _invite(_signed_in(applicant_with_institution()))
    token = co_institutions.invitation_token(Invitation.objects.get())
    assert (
        _signed_in(UserFactory(role=role)).get(f"/accounts/invitations/{token}/").status_code
        == status
    )
    member = _signed_in(applicant_with_institution())  # already in an institution: cannot accept
    assert member.get(f"/accounts/invitations/{token}/").status_code == 409


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_once_decide_once():
    from unittest import mock

    from tests.races import needs_postgresql, one_wins, race, slow

    needs_postgresql()
    inst = InstitutionFactory(status=InstitutionStatus.PENDING)
    a, b = UserFactory(role=Role.STAFF), UserFactory(role=Role.STAFF)
    decide = co_institutions.set_institution_status
    with mock.patch.object(co_institutions, "record_audit", slow(co_institutions.record_audit)):
        # each staff member's request loads its own copy of the row, as two requests would
        outcomes = race(
            lambda: decide(institution=Institution.objects.get(pk=inst.pk),
                           status=InstitutionStatus.CONFIRMED, actor=a),
            lambda: decide(institution=Institution.objects.get(pk=inst.pk),
                           status=InstitutionStatus.REJECTED, actor=b, reason="x"),
        )  # fmt: skip
    winner = one_wins(outcomes)
    inst.refresh_from_db()
    assert inst.status == ("confirmed", "rejected")[winner]
    assert AuditEntry.objects.filter(action="institution.status").count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_invitation_link_used_twice_at_once_registers_one_institution():
    from unittest import mock

    from tests.races import needs_postgresql, race, slow

    needs_postgresql()
    inviter = applicant_with_institution()
    invitation = Invitation.objects.create(invited_by=inviter, name="새 기관", business_no=NEW_NO,
                                           email="n@x.kr")  # fmt: skip
    people = [UserFactory(role=Role.APPLICANT), UserFactory(role=Role.APPLICANT)]
    fields = {"name": "새 기관", "type": "company"}
    with mock.patch.object(co_institutions, "record_audit", slow(co_institutions.record_audit)):
        outcomes = race(*[
            lambda p=p: co_institutions.accept_invitation(invitation=invitation, actor=p, sites=[], **fields)
            for p in people
        ])  # fmt: skip
    assert sum(exc is None for _v, exc in outcomes) == 1, outcomes
    assert Institution.objects.filter(business_no=NEW_NO).count() == 1
