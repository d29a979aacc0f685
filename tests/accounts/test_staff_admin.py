"""The admin is not a dead end for staff: the "staff" group's model permissions (README's role
table: catalogue, calls, budgets, institutions, screening data with import/export)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from accounts.domain.staff_group import STAFF_GROUP, staff_permission_names, sync_staff_group
from accounts.enums import Role
from accounts.models import User

pytestmark = pytest.mark.django_db

# the admin lists README names for staff: catalogue, calls, budgets, institutions, screening data
README_LISTS = [
    "programs_program", "programs_field", "programs_operator", "programs_call",
    "programs_budgetline", "programs_printedtotal",
    "accounts_institution", "accounts_researcher",
    "screening_recommendation", "screening_financialstatement", "screening_creditstatus",
    "screening_obligation", "screening_sanction", "screening_screeningrun",
    "screening_screeningresult", "screening_duplicateflag",
    "agreements_project", "agreements_projectparticipation",
]  # fmt: skip
SCREENING_DATA = [
    "screening_recommendation", "screening_financialstatement", "screening_creditstatus",
    "screening_obligation", "screening_sanction",
]  # fmt: skip

# the parts added since (R03 campus town, R16 national matching, INV adequacy, claims, Tech
# Partners, follow-on, forum records, post-award records): lists staff reach in the admin
PART_LISTS = [
    "accounts_expertprofile", "programs_continuingnationalproject", "programs_techpartner",
    "programs_followonselection", "applications_applicationclaim", "agreements_commitmentrequest",
    "agreements_evaluationround", "evaluation_adequacydecision",
]  # fmt: skip


@pytest.fixture
def demo_staff(catalogue):
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = Client()
    assert client.login(username="demo-staff", password=settings.DEMO_PASSWORD)
    return client


def test_demo_staff_is_in_the_staff_group_with_its_permissions(demo_staff):
    user = User.objects.get(username="demo-staff")
    assert user.groups.filter(name=STAFF_GROUP).exists()
    for app_label, codename in staff_permission_names():
        assert user.has_perm(f"{app_label}.{codename}"), codename
    assert not user.has_perm("accounts.change_user")  # roles and superuser flags stay out of reach
    assert not user.has_perm("screening.change_screeningresult")  # domain functions only
    # the parts added since: their lists, the expert pool import, the claim tick and nothing more
    for name in PART_LISTS:
        assert demo_staff.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert demo_staff.get(reverse("admin:accounts_expertprofile_import")).status_code == 200
    assert user.has_perm("applications.change_applicationclaim")  # the "verified" tick
    assert not user.has_perm("applications.add_applicationclaim")  # claims come from applicants
    assert not user.has_perm("agreements.change_commitmentrequest")  # decided on its page
    assert not user.has_perm("programs.change_techpartner")  # registered through the page (audit)
    assert demo_staff.get(reverse("admin:programs_techpartner_add")).status_code == 403


def test_admin_index_lists_what_readme_names(demo_staff):
    response = demo_staff.get(reverse("admin:index"))
    assert response.status_code == 200
    listed = {
        f"{app['app_label']}_{model['object_name'].lower()}"
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert set(README_LISTS) <= listed


@pytest.mark.parametrize("name", README_LISTS)
def test_demo_staff_reaches_each_admin_list(demo_staff, name):
    assert demo_staff.get(reverse(f"admin:{name}_changelist")).status_code == 200


@pytest.mark.parametrize("name", SCREENING_DATA)
def test_demo_staff_reaches_screening_data_import_and_export(demo_staff, name):
    assert demo_staff.get(reverse(f"admin:{name}_import")).status_code == 200
    assert demo_staff.get(reverse(f"admin:{name}_export")).status_code == 200
    assert demo_staff.get(reverse(f"admin:{name}_add")).status_code == 200


def test_demo_staff_imports_a_sanction_csv(demo_staff):
    from evaluation.screening.models import Sanction

    institution = User.objects.get(username="demo-applicant").institution
    csv = (
        "id,business_no,researcher_no,reason,starts_on,ends_on\n"
        f",{institution.business_no},,제재,2023-01-01,2026-12-31\n"
    )
    response = demo_staff.post(
        reverse("admin:screening_sanction_import"),
        {"resource": 0, "format": _csv_format_index(demo_staff), "import_file": _upload(csv)},
    )
    assert response.status_code == 200, response.content[:500]
    confirm = response.context["confirm_form"]
    assert confirm is not None, response.context.get("result")
    response = demo_staff.post(
        reverse("admin:screening_sanction_process_import"), dict(confirm.initial)
    )
    assert response.status_code == 302
    assert Sanction.objects.filter(institution=institution, reason="제재").count() == 1


def _csv_format_index(client):
    form = client.get(reverse("admin:screening_sanction_import")).context["form"]
    return next(
        value for value, label in form.fields["format"].choices if "csv" in str(label).lower()
    )


def _upload(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("sanctions.csv", text.encode(), content_type="text/csv")


def test_view_only_records_offer_no_add_and_no_import(demo_staff):
    assert demo_staff.get(reverse("admin:screening_screeningresult_add")).status_code == 403
    assert demo_staff.get(reverse("admin:screening_screeningresult_import")).status_code == 403
    assert demo_staff.get(reverse("admin:accounts_user_changelist")).status_code == 403


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.EVALUATOR, Role.OFFICIAL, Role.OPERATOR])
def test_other_roles_get_no_admin(users, role):
    client = Client()
    client.force_login(users[role])
    for url in [reverse("admin:index"), reverse("admin:programs_budgetline_changelist"),
                reverse("admin:screening_sanction_import")]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_group_sync_is_idempotent_and_follows_the_role(users):
    first = set(Group.objects.get(name=STAFF_GROUP).permissions.values_list("pk", flat=True))
    sync_staff_group()
    sync_staff_group()
    group = Group.objects.get(name=STAFF_GROUP)
    assert set(group.permissions.values_list("pk", flat=True)) == first
    assert len(first) == len(staff_permission_names())
    staff = users[Role.STAFF]
    assert staff.groups.filter(pk=group.pk).exists()
    staff.role = Role.OFFICIAL
    staff.save()
    assert not staff.groups.filter(pk=group.pk).exists()
    applicant = User.objects.get(pk=users[Role.APPLICANT].pk)
    applicant.role = Role.STAFF
    applicant.save()
    assert applicant.groups.filter(pk=group.pk).exists()


# framework models whose admin stays with superusers (accounts, groups, tokens, lockouts, beat)
SUPERUSER_ONLY_APPS = {"auth", "authtoken", "axes", "django_celery_beat", "django_celery_results"}


def test_every_admin_model_of_the_portal_is_granted_to_the_staff_group():
    """A model registered in the admin without a staff permission is a dead end for staff: the
    next part added must be granted here too (accounts/domain/staff_group.py)."""
    from django.contrib import admin

    from accounts.domain.staff_group import STAFF_PERMISSIONS

    missing = sorted(
        f"{model._meta.app_label}.{model._meta.model_name}"
        for model in admin.site._registry
        if model._meta.app_label not in SUPERUSER_ONLY_APPS
        and model._meta.model_name not in STAFF_PERMISSIONS.get(model._meta.app_label, {})
        and model._meta.label != "accounts.User"
    )
    assert missing == []
