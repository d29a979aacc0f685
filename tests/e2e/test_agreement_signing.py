"""Signing an agreement in Chromium: the PDF framed inline under the CSP, the consent, the
confirmation, then the staff countersignature and the sealed PDF checked on the public page."""

import pytest

from accounts.enums import Role
from agreements.domain.state import set_agreement_status
from agreements.domain.versions import record_version
from agreements.enums import AgreementStatus as S
from agreements.management.commands.make_demo_seal_ca import make_demo_ca
from agreements.models import Agreement, Signature
from tests.agreements.factories import agreement_for
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COLLECT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


def test_institution_signs_staff_countersigns_anyone_verifies(
    browser_page, live_server, catalogue, e2e_login, settings, tmp_path
):
    seal = make_demo_ca(tmp_path / "seal")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.AGREEMENT_SEAL_KEY = str(seal["key"])
    settings.AGREEMENT_SEAL_CERT = str(seal["cert"])
    settings.AGREEMENT_SEAL_CHAIN = str(seal["ca_cert"])
    agreement = agreement_for(status=S.AWAITING_GUARANTEE)
    record_version(agreement=agreement, actor=None, reason="최초")
    page = browser_page
    page.context.add_init_script(COLLECT)
    page.on("dialog", lambda dialog: dialog.accept())

    e2e_login(page, agreement.application.applicant)
    page.click("text=내 협약")
    page.click(f"#agreement-{agreement.pk} a")
    with page.expect_response(lambda r: r.url.endswith("/v1.pdf")) as pdf:
        page.click("#sign-link")
    assert pdf.value.status == 200
    assert page.locator("iframe.agreement-pdf-frame").count() == 1
    page.fill("#signer_name", "홍길동")
    page.fill("#signer_title", "대표이사")
    page.locator("#consent").dispatch_event("click")  # KRDS draws the box over a hidden input
    assert page.locator("#consent").is_checked()
    page.click("#sign-btn")
    page.wait_for_url(f"**/agreements/{agreement.pk}/")
    assert Signature.objects.filter(agreement=agreement, role="institution").count() == 1
    assert page.evaluate("window.__cspViolations") == []

    staff = UserFactory(role=Role.STAFF)
    set_agreement_status(agreement=agreement, status=S.AWAITING_SIGNATURES, actor=staff)
    page.context.clear_cookies()
    e2e_login(page, staff)
    page.click("text=협약 관리")
    page.click("#countersign-queue a")
    page.fill("#signer_name", "김담당")
    page.fill("#signer_title", "책임")
    page.locator("#consent").dispatch_event("click")  # KRDS draws the box over a hidden input
    assert page.locator("#consent").is_checked()
    page.click("#sign-btn")
    page.wait_for_url(f"**/agreements/{agreement.pk}/")
    assert "전자봉인" in page.inner_text("#agreement-status")
    assert Agreement.objects.get(pk=agreement.pk).status == S.ACTIVE

    sealed = agreement.versions.get().sealed_pdf
    path = tmp_path / "sealed.pdf"
    path.write_bytes(sealed.open("rb").read())
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/verify/{agreement.verify_code}/")
    page.set_input_files("#pdf", str(path))
    page.click("#verify-form button[type=submit]")
    assert "전자봉인 최종본" in page.inner_text("#verify-result")
    assert page.evaluate("window.__cspViolations") == []
