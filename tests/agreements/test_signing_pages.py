"""Signing through the pages: the PDF framed inline, errors next to the fields with the input
kept, the hash of the PDF shown recorded, a second post refused, staff countersign and seal."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from agreements.domain.state import set_agreement_status
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus as S
from agreements.management.commands.make_demo_seal_ca import make_demo_ca
from agreements.models import Signature
from tests.agreements.factories import agreement_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue")]


@pytest.fixture(scope="module")
def demo_ca(tmp_path_factory):
    return make_demo_ca(tmp_path_factory.mktemp("seal"))


@pytest.fixture
def agreement(settings, tmp_path, demo_ca):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AGREEMENT_SEAL_KEY = str(demo_ca["key"])
    settings.AGREEMENT_SEAL_CERT = str(demo_ca["cert"])
    settings.AGREEMENT_SEAL_CHAIN = str(demo_ca["ca_cert"])
    agreement = agreement_for(status=S.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    return agreement


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_sign_page_frames_the_pdf_and_keeps_input_on_error(agreement):
    client = logged_in(agreement.application.applicant)
    url = reverse("agreements:sign", args=[agreement.pk])
    page = client.get(url).content.decode()
    version = agreement.versions.get()
    assert f'src="{reverse("agreements:version-pdf", args=[agreement.pk, 1])}"' in page
    assert version.pdf_sha256 in page and 'data-confirm="' in page
    response = client.post(url, {"signer_name": "홍길동", "signer_title": "대표이사",
                                 "pdf_sha256": version.pdf_sha256})  # fmt: skip
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="consent-error"' in html and 'value="홍길동"' in html and 'value="대표이사"' in html
    assert not Signature.objects.exists()


def test_sign_then_countersign_through_the_pages(agreement):
    version = agreement.versions.get()
    client = logged_in(agreement.application.applicant)
    url = reverse("agreements:sign", args=[agreement.pk])
    form = {"signer_name": "홍길동", "signer_title": "대표이사", "consent": "on",
            "pdf_sha256": version.pdf_sha256}  # fmt: skip
    done = client.post(url, form, REMOTE_ADDR="198.51.100.7")
    assert done.status_code == 302
    signature = Signature.objects.get(role="institution")
    assert signature.pdf_sha256 == version.pdf_sha256 and signature.ip == "198.51.100.7"
    again = client.post(url, form)  # double click: refused, not signed twice
    assert again.status_code == 302 and Signature.objects.count() == 1

    staff = UserFactory(role=Role.STAFF)
    set_agreement_status(agreement=agreement, status=S.AWAITING_SIGNATURES, actor=staff)
    bench = logged_in(staff).get(reverse("agreements:workbench")).content.decode()
    assert reverse("agreements:countersign", args=[agreement.pk]) in bench
    counter = logged_in(staff).post(
        reverse("agreements:countersign", args=[agreement.pk]),
        {**form, "signer_name": "김담당", "signer_title": "책임"},
    )
    assert counter.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == S.ACTIVE
    sealed = logged_in(agreement.application.applicant).get(
        reverse("agreements:sealed-pdf", args=[agreement.pk, 1])
    )
    assert sealed.status_code == 200
    assert b"".join(sealed.streaming_content).startswith(b"%PDF-")
    detail = (
        logged_in(staff).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    )
    assert "홍길동" in detail and "김담당" in detail


def test_stale_pdf_hash_is_refused_with_a_message(agreement):
    client = logged_in(agreement.application.applicant)
    response = client.post(
        reverse("agreements:sign", args=[agreement.pk]),
        {"signer_name": "홍길동", "signer_title": "대표", "consent": "on", "pdf_sha256": "0" * 64},
        follow=True,
    )
    assert response.status_code == 200
    assert "최신판이 아닙니다" in response.content.decode()
    assert not Signature.objects.exists()


def test_detail_shows_the_diff_of_a_new_version(agreement):
    year = agreement.years.get()
    year.ends_on = year.ends_on.replace(day=29)
    year.save()
    record_version(agreement=agreement, actor=None, reason="기간 변경")
    staff = UserFactory(role=Role.STAFF)
    html = logged_in(staff).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert 'id="version-2"' in html and "1차년도 종료일" in html


def test_staff_create_from_the_workbench(settings):
    from tests.agreements.factories import selected_application

    app = selected_application()
    staff = UserFactory(role=Role.STAFF)
    bench = logged_in(staff).get(reverse("agreements:workbench")).content.decode()
    create = reverse("agreements:create", args=[app.pk])
    assert f'action="{create}"' in bench and "data-confirm" in bench
    assert logged_in(staff).post(create).status_code == 302
    again = logged_in(staff).post(create, follow=True)
    assert "이미 생성" in again.content.decode()


def test_admin_terms_template_for_staff(agreement):
    from accounts.domain.staff_group import sync_staff_group

    sync_staff_group()
    staff = UserFactory(role=Role.STAFF, is_staff=True)
    client = logged_in(staff)
    assert client.get("/admin/agreements/termstemplate/add/").status_code == 200
    assert client.get("/admin/agreements/agreement/").status_code == 200
    assert client.get(f"/admin/agreements/agreement/{agreement.pk}/change/").status_code == 200


def test_sign_pages_say_when_signing_is_not_open(agreement):
    staff = UserFactory(role=Role.STAFF)
    counter = logged_in(staff).get(reverse("agreements:countersign", args=[agreement.pk]))
    html = counter.content.decode()
    assert 'id="sign-closed"' in html and 'id="sign-form"' not in html
    set_agreement_status(agreement=agreement, status=S.SUSPENDED, actor=staff)
    page = logged_in(agreement.application.applicant).get(
        reverse("agreements:sign", args=[agreement.pk])
    )
    assert 'id="sign-closed"' in page.content.decode()
