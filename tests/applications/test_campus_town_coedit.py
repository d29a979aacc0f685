"""Co-editing of a campus-town joint plan: two accounts never silently overwrite each other.

Every save bumps the draft's edit_version and names its author; a save based on an older version is
refused (ko/en message) when someone else saved in between; the editor's own parallel section saves
are no conflict."""

import pytest
from django.test import Client
from django.utils import translation

from applications.domain.drafts import autosave_draft, update_draft
from applications.domain.errors import ApplicationRefused
from applications.interfaces.forms import PlanForm
from applications.models import Application
from tests.applications import campus_town_factories as ct
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(catalogue):
    ct.designated()
    ct.r03_call()
    match = ct.accepted_match()
    return ct.joint_plan(match), match.problem.posted_by, match.expert


def test_stale_save_after_the_other_editor_saved_is_refused(plan):
    app, startup, expert = plan
    base = Application.objects.get(pk=app.pk).edit_version
    update_draft(application=app, actor=expert, data={"content": "전문가 내용"}, base_version=base)
    with pytest.raises(ApplicationRefused) as exc:
        update_draft(
            application=app, actor=startup, data={"content": "덮어쓰기"}, base_version=base
        )
    assert exc.value.code == "edit_conflict"
    assert "공동 작성자" in exc.value.message_ko and "co-author" in exc.value.message_en
    stored = Application.objects.get(pk=app.pk)
    assert stored.content == "전문가 내용" and stored.last_editor == expert
    assert stored.edit_version == base + 1
    # after reloading (the new base) the startup saves
    update_draft(application=app, actor=startup, data={"content": "합친 내용"},
                 base_version=stored.edit_version)  # fmt: skip
    assert Application.objects.get(pk=app.pk).content == "합친 내용"


def test_own_parallel_section_saves_are_no_conflict(plan):
    app, startup, _expert = plan
    base = Application.objects.get(pk=app.pk).edit_version
    update_draft(application=app, actor=startup, data={"summary": "a"}, base_version=base)
    update_draft(application=app, actor=startup, data={"objectives": "b"}, base_version=base)
    stored = Application.objects.get(pk=app.pk)
    assert (stored.summary, stored.objectives, stored.edit_version) == ("a", "b", base + 2)


def test_fast_text_autosave_also_moves_the_version(plan):
    app, startup, expert = plan
    base = Application.objects.get(pk=app.pk).edit_version
    autosave_draft(application_id=app.pk, user=startup, fields={"summary": "빠른 저장"})
    stored = Application.objects.get(pk=app.pk)
    assert stored.edit_version == base + 1 and stored.last_editor == startup
    with pytest.raises(ApplicationRefused):
        update_draft(application=app, actor=expert, data={"summary": "x"}, base_version=base)


def _plan_post(app, **changes) -> dict:
    form = PlanForm(instance=app)
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    return {**data, **changes}


def test_section_autosave_page_refuses_the_stale_editor_with_a_clear_message(plan):
    app, startup, expert = plan
    app = Application.objects.get(pk=app.pk)
    base = app.edit_version
    browsers = {}
    for user in (startup, expert):
        browsers[user] = Client()
        browsers[user].force_login(user)
        page = browsers[user].get(f"/applications/{app.pk}/")
        assert page.status_code == 200 and page.context["editable"] is True
        assert f'data-version="{base}"' in page.content.decode()
    r = browsers[expert].post(f"/applications/{app.pk}/save/plan/",
                              _plan_post(app, content="전문가 수정", base_version=base),
                              HTTP_HX_REQUEST="true")  # fmt: skip
    body = r.content.decode()
    assert 'data-autosave-state="saved"' in body and f'data-version="{base + 1}"' in body
    r = browsers[startup].post(f"/applications/{app.pk}/save/plan/",
                               _plan_post(app, content="창업기업 수정", base_version=base),
                               HTTP_HX_REQUEST="true")  # fmt: skip
    body = r.content.decode()
    assert 'data-autosave-state="refused"' in body and "공동 작성자" in body
    assert Application.objects.get(pk=app.pk).content == "전문가 수정"
    # a plain (no-JS) post keeps the input and the old base, answers 400
    with translation.override("en"):
        r = browsers[startup].post(f"/en/applications/{app.pk}/save/plan/",
                                   _plan_post(app, content="창업기업 수정", base_version=base))  # fmt: skip
    assert r.status_code == 400
    assert "co-author" in r.content.decode() and "창업기업 수정" in r.content.decode()


def test_expert_sees_no_submit_button_and_api_patch_checks_the_base(plan):
    app, startup, expert = plan
    c = Client()
    c.force_login(expert)
    page = c.get(f"/applications/{app.pk}/").content.decode()
    assert "joint-plan-notice" in page and f"/applications/{app.pk}/submit/" not in page
    base = Application.objects.get(pk=app.pk).edit_version
    r = client_for(expert).patch(f"/api/v1/applications/{app.pk}/",
                                 {"summary": "API", "base_version": base}, format="json")  # fmt: skip
    assert r.status_code == 200, r.content
    r = client_for(startup).patch(f"/api/v1/applications/{app.pk}/",
                                  {"summary": "old", "base_version": base}, format="json")  # fmt: skip
    assert r.status_code == 409 and r.json()["code"] == "edit_conflict"
    r = client_for(startup).patch(f"/api/v1/applications/{app.pk}/",
                                  {"summary": "old", "base_version": "x"}, format="json")  # fmt: skip
    assert r.status_code == 400
