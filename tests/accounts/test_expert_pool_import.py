"""The campus-town expert pool is imported by staff from a spreadsheet (django-import-export)."""

import pytest
import tablib

from accounts.enums import Role
from accounts.interfaces.expert_pool import ExpertPoolResource
from accounts.models import ExpertProfile, User
from tests.applications import campus_town_factories as ct

pytestmark = pytest.mark.django_db


def _dataset(*rows):
    headers = ["username", "name", "email", "university", "position", "department", "fields",
               "keywords", "bio", "available"]  # fmt: skip
    return tablib.Dataset(*rows, headers=headers)


def test_import_creates_expert_accounts_and_profiles_and_reports_bad_rows():
    uni = ct.university("고려대학교")
    data = _dataset(
        ["kim-prof", "김교수", "kim@example.ac.kr", "고려대학교", "교수", "기계공학부",
         "mechanical, Energy and environment", "배터리, 열관리", "", "1"],
        ["lee-prof", "이교수", "lee@example.ac.kr", "없는대학교", "교수", "", "ai", "", "", "1"],
    )  # fmt: skip
    # the admin's first step (a dry run) shows the unknown university; nothing is kept
    result = ExpertPoolResource().import_data(data, dry_run=True, raise_errors=False)
    assert result.has_validation_errors()
    assert not ExpertProfile.objects.exists()
    result = ExpertPoolResource().import_data(_dataset(data[0]), dry_run=False, raise_errors=False)
    assert not result.has_errors() and not result.has_validation_errors(), [
        (r.validation_error, r.errors) for r in result.rows
    ]
    profile = ExpertProfile.objects.get(user__username="kim-prof")
    assert profile.university == uni and profile.field_list == ["mechanical", "energy"]
    assert profile.user.role == Role.EXPERT and not profile.user.has_usable_password()
    assert not User.objects.filter(username="lee-prof").exists()
    exported = ExpertPoolResource().export()
    assert "kim-prof" in exported.csv and "mechanical, energy" in exported.csv
