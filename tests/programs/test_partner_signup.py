"""Tech Partners companies sign up by themselves (issue 15): the ordinary sign-up with the role
partner, the e-mailed link, then the company with its size class (large or mid-sized only; an SME
is told why, in Korean and English, next to the field, input kept), then its needs."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.enums import Role
from accounts.models import Institution, User
from programs.models import TechPartner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "blue-Harbour-2026"


def _company(**overrides) -> dict:
    return {
        "name": "주식회사 한빛전자", "name_en": "Hanbit Electronics", "type": "company",
        "business_no": "124-81-00998", "corporate_no": "130111-0006246", "representative": "이대표",
        "incorporated_on": "1998-03-02", "is_corporation": "on", "hospital_grade": "",
        "hq_address": "서울특별시 강남구 테헤란로 1", "hq_district": "강남구",
        "size": "large", "purchase_intent": "AI 문서 인식 기술 구매 의향", **overrides,
    }  # fmt: skip


def test_a_partner_signs_up_confirms_registers_its_company_then_its_needs(
    django_capture_on_commit_callbacks,
):
    client = Client()
    page = client.get("/accounts/signup/").content.decode()
    assert 'href="/accounts/signup/partner/"' in page  # reachable from the ordinary sign-up
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/partner/", {
            "username": "hanbit", "name": "김구매", "email": "buyer@hanbit.example",
            "password1": PASSWORD, "password2": PASSWORD,
        })  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(username="hanbit")
    assert (user.role, user.is_active) == (Role.PARTNER, False)
    link = re.search(r"https?://[^/\s]+(/\S+/signup/verify/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/tech-partners/register/"
    assert client.get("/tech-partners/").status_code == 302  # the home waits for the company

    refused = client.post("/tech-partners/register/", _company(size="sme"))
    html = refused.content.decode()
    assert refused.status_code == 422 and 'id="id_size_error"' in html
    assert "대기업 또는 중견기업만" in html and 'value="주식회사 한빛전자"' in html  # input kept
    assert not Institution.objects.exists() and not TechPartner.objects.exists()
    english = client.post("/en/tech-partners/register/", _company(size="sme", is_sme="on"))
    assert "Only large or mid-sized companies" in english.content.decode()

    response = client.post("/tech-partners/register/", _company(size="mid"))
    assert response.status_code == 302 and response["Location"] == "/tech-partners/"
    partner = TechPartner.objects.select_related("institution").get()
    user.refresh_from_db()
    assert (partner.size, partner.registered_by_id, user.institution_id) == (
        "mid",
        user.pk,
        partner.institution_id,
    )
    assert partner.institution.status == "confirmed"  # registered by its own member: no approval
    response = client.post("/tech-partners/", {"field": "ai", "title": "문서 자동 분석",
                                               "keywords": "문서, OCR", "purchase_intent": "on"})  # fmt: skip
    assert response.status_code == 302 and partner.needs.get().title == "문서 자동 분석"
    assert client.get("/tech-partners/register/").status_code == 403  # once only


def test_an_sme_flag_or_a_university_is_refused_next_to_its_field():
    client = Client()
    client.force_login(UserFactory(role=Role.PARTNER))
    sme = client.post("/en/tech-partners/register/", _company(is_sme="on"))
    assert sme.status_code == 422 and "marked as an SME" in sme.content.decode()
    university = client.post("/tech-partners/register/", _company(type="university"))
    assert university.status_code == 422 and 'id="id_type_error"' in university.content.decode()
    assert not Institution.objects.exists()


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.STAFF, Role.EVALUATOR, Role.OFFICIAL])
def test_only_a_partner_without_a_company_reaches_the_registration(role):
    client = Client()
    client.force_login(UserFactory(role=role))
    assert client.get("/tech-partners/register/").status_code == 403
    assert client.post("/tech-partners/register/", _company()).status_code == 403


def test_anonymous_is_sent_to_sign_in():
    response = Client().get("/tech-partners/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
