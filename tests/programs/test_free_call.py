"""Free-call cooperation projects (seed 001, 2024): a private demonstration site joins the consortium
only where the call's flow allows it, and only as a private body."""

import pytest

from applications.domain.drafts import update_draft
from applications.domain.errors import InvalidInput
from applications.domain.validation import application_queryset, validate_application
from applications.models import ApplicationInstitution
from tests.applications.factories import complete_application, make_call
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def _with_demo_site(call, site_type: str = "company"):
    app = complete_application(call=call)
    site = InstitutionFactory(name="㈜서울쇼핑센터", type=site_type)
    update_draft(application=app, actor=app.applicant, data={"institutions": [
        {"institution": site, "role": "demo_site", "role_description": "실증 장소 제공"},
    ]})  # fmt: skip
    app = application_queryset().get(pk=app.pk)
    assert [r.role for r in app.institutions.all() if r.institution_id == site.pk] == ["demo_site"]
    return {p.code: p.field for p in validate_application(app)}


def test_a_demo_site_is_refused_outside_a_free_call(catalogue):
    app = complete_application(call=make_call())
    site = InstitutionFactory(name="㈜서울쇼핑센터", type="company")
    row = {"institution": site, "role": "demo_site", "role_description": "실증 장소 제공"}
    with pytest.raises(InvalidInput) as refused:  # the API and the form refuse it on save
        update_draft(application=app, actor=app.applicant, data={"institutions": [row]})
    assert refused.value.code == "institution_role" and "Allowed: co" in refused.value.message_en
    assert not app.institutions.filter(institution=site).exists()
    # a row stored while the call allowed it is still caught at submission
    ApplicationInstitution.objects.create(application=app, institution=site, role="demo_site")
    problems = {
        p.code: p.field for p in validate_application(application_queryset().get(pk=app.pk))
    }
    assert problems.get("demo_site_not_allowed") == "institutions"


def test_a_free_call_accepts_a_private_demo_site(catalogue):
    problems = _with_demo_site(make_call(flow={"free_call_cooperation": True}))
    assert "demo_site_not_allowed" not in problems and "demo_site_type" not in problems


def test_a_university_is_not_a_private_demo_site(catalogue):
    problems = _with_demo_site(
        make_call(flow={"free_call_cooperation": True}), site_type="university"
    )
    assert problems.get("demo_site_type") == "institutions"
