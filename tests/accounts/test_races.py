"""Institution registration sent twice at once (issue 11, races): one institution, no 500."""

from unittest import mock

import pytest
from django.test import Client

from accounts.domain import institutions
from accounts.enums import Role
from accounts.models import Institution
from tests.accounts.test_institution_page import _form
from tests.factories import UserFactory
from tests.races import needs_postgresql, race, slow


def _post_at_once(users, data):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    with mock.patch.object(institutions, "record_audit", slow(institutions.record_audit)):
        outcomes = race(*[lambda c=c: c.post("/accounts/institution/", data) for c in clients])
    assert [exc for _response, exc in outcomes] == [None] * len(users)  # no 500 raised
    return sorted(response.status_code for response, _exc in outcomes)


@pytest.mark.django_db(transaction=True)
def test_one_applicant_sending_the_form_twice_at_once_registers_one_institution():
    needs_postgresql()
    applicant = UserFactory(username="t-double", role=Role.APPLICANT)
    assert _post_at_once([applicant, applicant], _form()) == [200, 302]  # 200: the refusal shown
    assert Institution.objects.count() == 1
    applicant.refresh_from_db()
    assert applicant.institution.business_no == "1248100998"


@pytest.mark.django_db(transaction=True)
def test_two_applicants_registering_one_business_number_at_once_one_wins():
    needs_postgresql()
    first, second = (UserFactory(role=Role.APPLICANT) for _ in range(2))
    assert _post_at_once([first, second], _form()) == [200, 302]
    assert Institution.objects.filter(business_no="1248100998").count() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert [first.institution_id is None, second.institution_id is None].count(True) == 1
