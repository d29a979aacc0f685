"""The applicant's institution registration page (accounts.domain.institutions.register_institution)."""

import pytest
from django.test import Client

from accounts.enums import Role
from accounts.models import AuditEntry, Institution
from tests.factories import UserFactory, valid_business_no

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "name": "주식회사 서울바이오",
        "name_en": "Seoul Bio Inc.",
        "type": "company",
        "business_no": "124-81-00998",
        "corporate_no": "130111-0006246",
        "representative": "홍길동",
        "incorporated_on": "2021-03-02",
        "is_sme": "on",
        "is_corporation": "on",
        "hospital_grade": "",
        "hq_address": "서울특별시 성북구 화랑로 14길 5",
        "hq_district": "성북구",
    }
    data.update(overrides)
    return data


@pytest.fixture
def newcomer():
    return UserFactory(username="t-newcomer", role=Role.APPLICANT)


def test_applicant_registers_institution_with_hyphenated_numbers(newcomer):
    client = Client()
    client.force_login(newcomer)
    response = client.post("/accounts/institution/", _form())
    assert response.status_code == 302
    institution = Institution.objects.get()
    assert (institution.business_no, institution.corporate_no) == ("1248100998", "1301110006246")
    newcomer.refresh_from_db()
    assert newcomer.institution == institution
    site = institution.sites.get()
    assert (site.kind, site.in_seoul, site.district) == ("hq", True, "성북구")
    assert AuditEntry.objects.filter(action="institution.register").count() == 1
    page = client.get("/accounts/institution/").content.decode()
    assert 'id="my-institution"' in page and "124-81-00998" in page


def test_invalid_business_number_keeps_the_input(newcomer):
    client = Client()
    client.force_login(newcomer)
    response = client.post("/accounts/institution/", _form(business_no="124-81-00997"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_business_no_error"' in html and 'aria-invalid="true"' in html
    assert 'value="주식회사 서울바이오"' in html  # nothing typed is lost
    assert not Institution.objects.exists()


def test_duplicate_business_number_is_refused(newcomer, users):
    taken = users[Role.APPLICANT].institution.business_no
    client = Client()
    client.force_login(newcomer)
    response = client.post("/accounts/institution/", _form(business_no=taken, corporate_no=""))
    assert response.status_code == 200
    assert 'id="id_business_no_error"' in response.content.decode()
    assert Institution.objects.count() == 1


def test_applicant_with_institution_sees_it_instead_of_the_form(users):
    client = Client()
    client.force_login(users[Role.APPLICANT])
    html = client.get("/accounts/institution/").content.decode()
    assert 'id="my-institution"' in html and 'name="business_no"' not in html
    response = client.post(
        "/accounts/institution/", _form(business_no=valid_business_no(99), corporate_no="")
    )
    assert response.status_code == 200  # refused by the domain service, shown as a form error
    assert "portal-msg--error" in response.content.decode()
    assert Institution.objects.count() == 1


def test_staff_registers_without_becoming_a_member(users):
    staff = users[Role.STAFF]
    client = Client()
    client.force_login(staff)
    response = client.post("/accounts/institution/", _form(hq_district=""))
    assert response.status_code == 302
    institution = Institution.objects.get(business_no="1248100998")
    assert institution.sites.get().in_seoul is False
    staff.refresh_from_db()
    assert staff.institution is None
