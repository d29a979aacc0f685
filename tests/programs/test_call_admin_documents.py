"""Staff pick a call's documents by name in the admin; only extras are typed as definitions."""

import pytest

from programs.admin import CallAdminForm
from programs.models import Program


def _data(**extra):
    return {
        "title": "2026 공고", "programs": [Program.objects.get(code="R01").pk],
        "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-20T16:00",
        "intake_mode": "fixed", "slots": 3, "budget_envelope_krw": 100_000_000,
        "objection_days": 7, "status": "draft", **extra,
    }  # fmt: skip


@pytest.mark.django_db
def test_new_call_offers_the_standard_documents_ticked(catalogue):
    form = CallAdminForm()
    assert {c for c, _label in form.fields["standard_documents"].choices} == {
        "plan",
        "registry",
        "financials",
    }
    assert form.initial["standard_documents"] == ["plan", "registry", "financials"]


@pytest.mark.django_db
def test_ticked_documents_and_an_extra_are_saved_as_definitions(catalogue):
    extra = [
        {"code": "lab_cert", "name_ko": "연구소 인정서", "required": False, "formats": ["pdf"]}
    ]
    form = CallAdminForm(
        data=_data(
            standard_documents=["plan"],
            extra_documents='[{"code": "lab_cert", "name_ko": "연구소 인정서", "required": false, "formats": ["pdf"]}]',
        )
    )
    assert form.is_valid(), form.errors
    call = form.save()
    assert [d["code"] for d in call.required_documents] == ["plan", "lab_cert"]
    assert call.required_documents[1] == extra[0]
    again = CallAdminForm(instance=call)
    assert again.initial["standard_documents"] == ["plan"]
    assert again.initial["extra_documents"] == extra


@pytest.mark.django_db
def test_a_bad_extra_document_is_refused_next_to_its_field(catalogue):
    form = CallAdminForm(
        data=_data(standard_documents=["plan"], extra_documents='[{"code": "X Y"}]')
    )
    assert not form.is_valid()
    assert "extra_documents" in form.errors
