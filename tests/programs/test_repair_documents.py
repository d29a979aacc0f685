"""The data migration that repairs calls stored with an invalid required-document list."""

import importlib

import pytest
from django.apps import apps as global_apps

from programs.domain.calls import default_documents
from programs.models import Call
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db
repair = importlib.import_module("programs.migrations.0002_repair_required_documents").repair


@pytest.mark.parametrize(
    ("stored", "codes"),
    [
        (["x", 1], ["plan", "registry", "financials"]),  # nothing valid → the seed 002 list
        (["plan", 1, {"code": "bad code"}], ["plan"]),  # known code expanded, junk dropped
        ("not a list", ["plan", "registry", "financials"]),
    ],
    ids=["junk", "mixed", "not-a-list"],
)
def test_invalid_lists_are_repaired(catalogue, stored, codes):
    call = CallFactory()
    Call.objects.filter(pk=call.pk).update(required_documents=stored)
    repair(global_apps, None)
    assert [d["code"] for d in Call.objects.get(pk=call.pk).required_documents] == codes


def test_valid_list_is_untouched(catalogue):
    docs = [{"code": "plan", "name_ko": "계획서", "required": True, "formats": ["pdf"]}]
    call = CallFactory()
    Call.objects.filter(pk=call.pk).update(required_documents=docs)
    repair(global_apps, None)
    assert Call.objects.get(pk=call.pk).required_documents == docs
    assert default_documents() != docs
