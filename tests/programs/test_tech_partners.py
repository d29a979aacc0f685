"""Tech Partners (seed 001): partners' needs matched to Seoul R&D funded startups by field and
needs; both sides accept or decline through one locked transition; outcomes recorded."""

import datetime as dt
from unittest import mock

import pytest

from accounts.enums import Role
from accounts.models import Notice
from config.locking import AlreadyDecided
from programs.domain import tech_partners
from programs.domain.tech_partners import (
    TechPartnersRefused,
    decide_match,
    outcome_summary,
    propose_matches,
    record_outcome,
    register_partner,
    side_of,
)
from tests.factories import InstitutionFactory, UserFactory
from tests.programs.rules_2024_helpers import need_of, partner_with_user, r01_call, scored_agreement
from tests.races import needs_postgresql, race, slow


def _matched():
    partner, partner_user, staff = partner_with_user()
    funded = scored_agreement(
        r01_call(), None
    )  # plan: "정보통신-인공지능", keywords "AI, 문서, 한글"
    need = need_of(partner, staff)
    (match,) = propose_matches(need=need, actor=staff)
    startup_user = funded.application.applicant
    return match, partner_user, startup_user, staff, funded


@pytest.mark.django_db
def test_only_large_or_mid_sized_companies_register(catalogue):
    staff = UserFactory(role=Role.STAFF)
    with pytest.raises(TechPartnersRefused):
        register_partner(
            institution=InstitutionFactory(), size="small", purchase_intent="", actor=staff
        )
    other_staff = UserFactory(role=Role.STAFF)
    partner, _user, _staff = partner_with_user(size="mid")
    with pytest.raises(AlreadyDecided):
        register_partner(
            institution=partner.institution, size="mid", purchase_intent="", actor=staff
        )
    # every staff member is told once (the refused second registration tells nobody again)
    told = Notice.objects.filter(event_key=f"tech_partner:{partner.pk}:registered")
    assert {n.recipient_id for n in told} >= {staff.pk, other_staff.pk}
    assert told.count() == told.values("recipient").distinct().count()
    assert all(n.link == "/tech-partners/staff/" for n in told)
    assert partner.institution.name in told.first().subject


@pytest.mark.django_db
def test_funded_startups_are_matched_by_field_and_needs(catalogue):
    match, partner_user, startup_user, staff, funded = _matched()
    assert match.startup_id == funded.lead_institution_id and match.agreement_id == funded.pk
    assert match.score == 5 + 2 * 2  # field (인공지능) + two shared keywords (문서, 한글)
    assert "인공지능" in match.reason and "문서" in match.reason
    unrelated = need_of(match.need.partner, staff, field="quantum", keywords="큐비트")
    assert propose_matches(need=unrelated, actor=staff) == []
    assert propose_matches(need=match.need, actor=staff) == []  # no duplicate proposals
    assert side_of(partner_user, match) == "partner" and side_of(startup_user, match) == "startup"
    assert side_of(UserFactory(role=Role.APPLICANT), match) is None
    assert Notice.objects.filter(event_key=f"tech_match:{match.pk}:proposed").count() == 2


@pytest.mark.django_db
def test_both_accept_then_outcomes_are_recorded(catalogue):
    match, partner_user, startup_user, staff, _funded = _matched()
    with pytest.raises(TechPartnersRefused):  # not accepted yet
        record_outcome(
            match=match, kind="poc", amount_krw=0, dated_on=dt.date(2026, 11, 1), actor=staff
        )
    assert (
        decide_match(match=match, side="partner", accept=True, actor=partner_user).status
        == "partner_accepted"
    )
    with pytest.raises(AlreadyDecided):  # the same side twice (a double click)
        decide_match(match=match, side="partner", accept=True, actor=partner_user)
    done = decide_match(match=match, side="startup", accept=True, actor=startup_user)
    assert done.status == "accepted" and done.decided_at is not None
    with pytest.raises(AlreadyDecided):  # closed
        decide_match(match=match, side="startup", accept=False, actor=startup_user)
    record_outcome(match=match, kind="purchase", amount_krw=30_000_000, dated_on=dt.date(2026, 11, 1),
                   actor=staff)  # fmt: skip
    record_outcome(
        match=match, kind="poc", amount_krw=0, dated_on=dt.date(2026, 12, 1), actor=staff
    )
    summary = outcome_summary()
    assert (summary["accepted"], summary["purchases"], summary["purchase_krw"], summary["pocs"]) == (
        1, 1, 30_000_000, 1)  # fmt: skip
    assert outcome_summary(year=2025)["purchases"] == 0


@pytest.mark.django_db
def test_a_decline_by_either_side_closes_the_match(catalogue):
    match, partner_user, startup_user, _staff, _funded = _matched()
    decide_match(match=match, side="startup", accept=True, actor=startup_user)
    assert (
        decide_match(match=match, side="partner", accept=False, actor=partner_user).status
        == "declined"
    )
    assert Notice.objects.filter(event_key=f"tech_match:{match.pk}:declined").count() == 2


@pytest.mark.django_db(transaction=True)
def test_both_sides_accepting_at_once_end_accepted_not_lost(catalogue):
    """Without the row lock both would read "proposed" and one acceptance would be lost."""
    needs_postgresql()
    match, partner_user, startup_user, _staff, _funded = _matched()
    with mock.patch.object(tech_partners, "record_audit", slow(tech_partners.record_audit)):
        outcomes = race(
            lambda: decide_match(match=match, side="partner", accept=True, actor=partner_user),
            lambda: decide_match(match=match, side="startup", accept=True, actor=startup_user),
        )
    assert [e for _v, e in outcomes] == [None, None]
    match.refresh_from_db()
    assert match.status == "accepted"
    assert Notice.objects.filter(event_key=f"tech_match:{match.pk}:accepted").count() == 2
