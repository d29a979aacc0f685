"""Public notices (공지사항) written by staff in the admin, and the help & contact page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.domain.staff_group import staff_permission_names
from accounts.enums import Role
from accounts.models import Announcement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _p(lang: str) -> str:
    return "" if lang == "ko" else f"/{lang}"


def _notice(**fields) -> Announcement:
    data = {
        "title": "2026년 연구개발 공모 안내",
        "title_en": "2026 research call",
        "body": "신청은 포털에서 합니다.",
        "body_en": "Apply on the portal.",
        "is_published": True,
    }
    data.update(fields)
    return Announcement.objects.create(**data)


@pytest.mark.parametrize(
    ("lang", "title"), [("ko", "2026년 연구개발 공모 안내"), ("en", "2026 research call")]
)
def test_published_notices_are_listed_and_shown_in_the_language(lang, title):
    notice = _notice()
    listing = Client().get(f"{_p(lang)}/notices/")
    assert listing.status_code == 200
    assert title in listing.content.decode()
    detail = Client().get(f"{_p(lang)}/notices/{notice.pk}/")
    body = "신청은 포털에서 합니다." if lang == "ko" else "Apply on the portal."
    assert detail.status_code == 200 and body in detail.content.decode()


def test_english_falls_back_to_korean_when_empty():
    notice = _notice(title_en="", body_en="")
    html = Client().get(f"/en/notices/{notice.pk}/").content.decode()
    assert "2026년 연구개발 공모 안내" in html and "신청은 포털에서 합니다." in html


def test_unpublished_and_scheduled_notices_are_hidden():
    draft = _notice(title="초안 공지", is_published=False)
    later = _notice(title="예약 공지", published_at=timezone.now() + timedelta(days=1))
    html = Client().get("/notices/").content.decode()
    assert "초안 공지" not in html and "예약 공지" not in html
    assert "아직 공지사항이 없습니다" in html
    for notice in (draft, later):
        assert Client().get(f"/notices/{notice.pk}/").status_code == 404


def test_pinned_notices_come_first():
    _notice(title="일반 공지")
    _notice(title="고정 공지", pinned=True, published_at=timezone.now() - timedelta(days=30))
    html = Client().get("/notices/").content.decode()
    assert html.index("고정 공지") < html.index("일반 공지")


def test_staff_group_manages_announcements():
    assert ("accounts", "add_announcement") in staff_permission_names()
    assert ("accounts", "change_announcement") in staff_permission_names()


def test_staff_can_add_a_notice_in_the_admin():
    staff = UserFactory(role=Role.STAFF)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/accounts/announcement/add/").status_code == 200
    now = timezone.localtime()
    response = client.post(
        "/admin/accounts/announcement/add/",
        {
            "title": "시스템 점검 안내",
            "title_en": "Maintenance",
            "body": "12월 1일 점검합니다.",
            "body_en": "",
            "is_published": "on",
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": (now - timedelta(minutes=1)).strftime("%H:%M:%S"),
            "pinned": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "시스템 점검 안내" in Client().get("/notices/").content.decode()


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR])
def test_other_roles_cannot_edit_notices_in_the_admin(role):
    client = Client()
    client.force_login(UserFactory(role=role))
    response = client.get("/admin/accounts/announcement/add/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.STAFF, Role.EVALUATOR])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_public_pages_open_for_everyone(role, lang):
    client = Client()
    if role:
        client.force_login(UserFactory(role=role))
    notice = _notice(pinned=True)
    for path in ["/notices/", f"/notices/{notice.pk}/", "/help/"]:
        assert client.get(f"{_p(lang)}{path}").status_code == 200, path


def test_help_page_shows_the_configured_contact(settings):
    settings.SUPPORT_EMAIL = "rnd-help@sba.example"
    settings.SUPPORT_PHONE = "02-0000-0000"
    html = Client().get("/help/").content.decode()
    assert "mailto:rnd-help@sba.example" in html and "02-0000-0000" in html


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_help_page_and_footer_links(lang):
    _notice(title="고정 공지", title_en="Pinned notice", pinned=True)
    html = Client().get(f"{_p(lang)}/help/").content.decode()
    assert 'id="contact"' in html and "mailto:" in html
    assert ("고정 공지" if lang == "ko" else "Pinned notice") in html
    assert f'href="{_p(lang)}/accounts/signup/"' in html
    assert f'href="{_p(lang)}/accounts/password/reset/"' in html
    home = Client().get(f"{_p(lang)}/").content.decode()
    assert f'href="{_p(lang)}/notices/"' in home and f'href="{_p(lang)}/help/"' in home
    assert ("도움말" in html) == (lang == "ko")
