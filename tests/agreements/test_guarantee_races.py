"""Races on guarantee insurance (PostgreSQL, threads): two staff verify the same policy at once,
verify and reject at once, and two institutions register the same policy number at once."""

from unittest import mock

import pytest

from accounts.enums import Role
from accounts.models import AuditEntry
from agreements.domain import guarantees as domain
from agreements.enums import AgreementStatus as S
from agreements.models import Guarantee, GuaranteeStatus
from config.locking import AlreadyDecided
from tests.agreements.factories import agreement_for
from tests.agreements.guarantee_helpers import register
from tests.factories import UserFactory
from tests.races import needs_postgresql, race, slow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("catalogue")]


def test_verify_twice_at_once_decides_once():
    needs_postgresql()
    agreement = agreement_for(status=S.AWAITING_GUARANTEE)
    g = register(agreement, agreement.application.applicant)
    a, b = UserFactory(role=Role.STAFF), UserFactory(role=Role.STAFF)
    with mock.patch.object(domain, "record_audit", slow(domain.record_audit)):
        outcomes = race(
            lambda: domain.verify_guarantee(guarantee=g, actor=a),
            lambda: domain.reject_guarantee(guarantee=g, actor=b, reason="중복"),
        )
    errors = [e for _v, e in outcomes if e is not None]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyDecided)
    g.refresh_from_db()
    assert g.status in (GuaranteeStatus.VERIFIED, GuaranteeStatus.REJECTED)
    assert (
        AuditEntry.objects.filter(action__in=["guarantee.verify", "guarantee.reject"]).count() == 1
    )
    agreement.refresh_from_db()
    expected = (
        S.AWAITING_SIGNATURES if g.status == GuaranteeStatus.VERIFIED else S.AWAITING_GUARANTEE
    )
    assert agreement.status == expected


def test_same_policy_number_registered_at_once_is_stored_once():
    needs_postgresql()
    first = agreement_for(status=S.AWAITING_GUARANTEE)
    second = agreement_for(status=S.AWAITING_GUARANTEE)
    with mock.patch.object(domain, "record_audit", slow(domain.record_audit)):
        outcomes = race(
            lambda: register(first, first.application.applicant, policy_no="RACE-1"),
            lambda: register(second, second.application.applicant, policy_no="RACE-1"),
        )
    errors = [e for _v, e in outcomes if e is not None]
    assert len(errors) == 1
    assert isinstance(errors[0], AlreadyDecided | domain.GuaranteeRefused)
    assert Guarantee.objects.filter(policy_no="RACE-1").count() == 1
