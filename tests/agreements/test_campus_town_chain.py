"""Chained agreements of R03: SBA ↔ 서울기술연구원 (the parent, made by create_agreement from the selected
joint plan) and 서울기술연구원 ↔ the expert's university (children within the parent's city grant)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.enums import Role
from agreements.domain.chain import create_chained_agreement, set_chained_status
from agreements.domain.creation import create_agreement
from applications.enums import ApplicationStatus
from applications.models import Application
from config.locking import AlreadyDecided
from tests.applications import campus_town_factories as ct
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent(catalogue):
    lead = ct.tech_platform()
    ct.designated(lead=lead)
    ct.r03_call()
    match = ct.accepted_match()
    app = ct.joint_plan(match)
    Application.objects.filter(pk=app.pk).update(status=ApplicationStatus.SELECTED)
    agreement = create_agreement(application=app, actor=UserFactory(role=Role.STAFF))
    return agreement, lead, match


def test_children_stay_within_the_parent_and_name_the_designated_lead(parent):
    agreement, lead, match = parent
    assert agreement.city_grant_krw == 75_000_000
    uni = match.expert.expert_profile.university
    staff = UserFactory(role=Role.STAFF)
    child = create_chained_agreement(parent=agreement, counterparty=uni, amount_krw=50_000_000,
                                     actor=staff, expert=match.expert)  # fmt: skip
    assert child.principal == lead and child.status == "drafting"
    with pytest.raises(ValidationError) as exc:
        create_chained_agreement(
            parent=agreement, counterparty=uni, amount_krw=25_000_001, actor=staff
        )
    assert exc.value.code == "over_parent"
    create_chained_agreement(parent=agreement, counterparty=uni, amount_krw=25_000_000, actor=staff)
    child = set_chained_status(chained_id=child.pk, status="concluded", actor=staff)
    assert child.concluded_on is not None
    with pytest.raises(AlreadyDecided):
        set_chained_status(chained_id=child.pk, status="concluded", actor=staff)
    set_chained_status(chained_id=child.pk, status="cancelled", actor=staff, reason="해지")
    create_chained_agreement(parent=agreement, counterparty=uni, amount_krw=50_000_000, actor=staff)


def test_chain_page_shows_the_chain_and_keeps_bad_input(parent):
    agreement, lead, match = parent
    staff = UserFactory(role=Role.STAFF)
    c = Client()
    c.force_login(staff)
    url = f"/campus-town/agreements/{agreement.pk}/chain/"
    page = c.get(url).content.decode()
    assert f"SBA ↔ {lead.name}" in page and "75,000,000" in page
    r = c.post(url, {"op": "add", "counterparty": "", "amount": "abc"})
    assert r.status_code == 400 and 'value="abc"' in r.content.decode()
    uni = match.expert.expert_profile.university
    r = c.post(url, {"op": "add", "counterparty": uni.pk, "amount": "80,000,000"})
    assert r.status_code == 400 and "75,000,000" in r.content.decode()
    r = c.post(url, {"op": "add", "counterparty": uni.pk, "amount": "60,000,000"})
    assert r.status_code == 302
    page = c.get(url).content.decode()
    assert f"{lead.name} ↔ {uni.name}" in page and "15,000,000" in page
    official = UserFactory(role=Role.OFFICIAL)
    c.force_login(official)
    assert c.get(url).status_code == 200
    assert c.post(url, {"op": "add", "counterparty": uni.pk, "amount": "1"}).status_code == 403


def test_agreement_page_shows_the_chain(parent):
    from django.urls import reverse

    agreement, lead, match = parent
    uni = match.expert.expert_profile.university
    staff = UserFactory(role=Role.STAFF)
    create_chained_agreement(parent=agreement, counterparty=uni, amount_krw=30_000_000, actor=staff)
    c = Client()
    c.force_login(staff)
    page = c.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert 'id="chain-summary"' in page and f"{lead.name} ↔ {uni.name}" in page
    assert f"/campus-town/agreements/{agreement.pk}/chain/" in page
