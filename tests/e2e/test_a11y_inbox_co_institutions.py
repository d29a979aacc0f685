"""axe-core in Chromium on the inbox and the co-institution pages (search with results and the
invitation form, the invitation link, the staff confirmation list), Korean and English:
0 critical and 0 serious violations; the header shows the unread count."""

import os

import pytest

from accounts.domain.audit import send_notice
from accounts.domain.co_institutions import invitation_token
from accounts.enums import InstitutionStatus, Role
from accounts.models import Invitation
from tests.applications.factories import applicant_with_institution
from tests.e2e.axe import assert_accessible
from tests.factories import InstitutionFactory, UserFactory, valid_business_no

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_inbox_and_co_institution_pages_are_accessible(
    chromium_browser, live_server, e2e_login, catalogue
):
    from playwright.sync_api import expect

    InstitutionFactory(name="주식회사 한강소재")
    InstitutionFactory(name="대기 기관", status=InstitutionStatus.PENDING)
    applicant = applicant_with_institution(username="e2e-a11y-inbox")
    send_notice(recipient=applicant, subject="신청서 접수 / Submitted", body="접수되었습니다.",
                link="/applications/", event_key="e2e:1")  # fmt: skip
    send_notice(recipient=applicant, subject="결과 안내 / Result", body="결과", event_key="e2e:2")
    invitation = Invitation.objects.create(
        invited_by=applicant, name="새 기관", business_no=valid_business_no(4242), email="n@x.kr"
    )
    invitee = UserFactory(role=Role.APPLICANT, username="e2e-a11y-invitee")
    staff = UserFactory(role=Role.STAFF, username="e2e-a11y-staff")
    pages = {
        applicant: ["/accounts/inbox/", "/accounts/institutions/search/?q=한강",
                    "/accounts/institutions/search/?q=없는기관이름"],
        invitee: [f"/accounts/invitations/{invitation_token(invitation)}/"],
        staff: ["/accounts/institutions/pending/"],
    }  # fmt: skip
    for user, paths in pages.items():
        context = chromium_browser.new_context(
            locale="ko-KR", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        e2e_login(page, user)
        for path in paths:
            for prefix in ("", "/en"):
                page.goto(live_server.url + prefix + path)
                assert_accessible(page, context=f"{user.username} {prefix}{path}")
        if user == applicant:
            page.goto(live_server.url + "/accounts/inbox/")
            expect(page.locator(".portal-inbox .krds-badge")).to_contain_text("2")
            page.locator(".inbox-item", has_text="신청서 접수").locator("button").click()
            expect(page).to_have_url(live_server.url + "/applications/")
            expect(page.locator(".portal-inbox .krds-badge")).to_contain_text("1")
        context.close()
