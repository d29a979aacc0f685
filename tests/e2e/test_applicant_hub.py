"""The applicant follows the application in the hub (Chromium): timeline, notice PDF, objection."""

import pytest

from tests.applications.test_hub import owner, published  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_applicant_follows_the_result_and_files_an_objection_from_the_hub(
    browser_page,
    live_server,
    published,  # noqa: F811
    e2e_login,
):
    app = published["apps"][0]
    page = browser_page
    e2e_login(page, published["owner"])
    page.goto(live_server.url + "/applications/")
    card = page.locator(f"#application-{app.pk}")
    assert card.locator("[data-step=result]").get_attribute("data-state") == "done"
    assert "선정" in card.locator("[data-step=result] .hub-step__label").inner_text()
    assert "이의신청" in card.locator(".hub-next").inner_text()
    # the notice PDF opens from the hub
    pdf_href = card.locator("a.hub-link--pdf").get_attribute("href")
    response = page.request.get(live_server.url + pdf_href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    # the objection form is one click away while the period is open
    with page.expect_navigation():
        card.locator("a.hub-link--objection").click()
    page.locator("form[action$='/objection/'] textarea[name=text]").fill("서면평가 점수 이의")
    page.locator("form[action$='/objection/'] select[name=stage]").select_option("document")
    with page.expect_navigation():
        page.locator("form[action$='/objection/'] button[type=submit]").click()
    page.goto(live_server.url + "/applications/")
    objections = page.locator(f"#application-{app.pk} .hub-objections")
    assert "서류평가" in objections.inner_text()  # the stage objected to
    assert "검토" in page.locator(f"#application-{app.pk} .hub-next").inner_text()
    assert page.external_requests == []
