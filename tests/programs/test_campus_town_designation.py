"""Policy designation (정책지정) of R03 and its evaluation stages as data."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accounts.enums import Role
from accounts.models import AuditEntry
from config.locking import AlreadyDecided
from programs.domain.designation import set_designation_status
from programs.domain.flows import stages_for
from programs.models import PolicyDesignation, Program
from tests.applications import campus_town_factories as ct
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_designation_records_decision_date_basis_and_designator(catalogue):
    actor = ct.designator()
    d = ct.designated(year=2021, actor=actor)
    assert d.legal_basis.startswith("서울시 산학연 협력사업 운영요령 제18조")
    assert d.designated_by == actor and d.decided_on == timezone.localdate()
    entry = AuditEntry.objects.get(action="designation.designate", object_id=str(d.pk))
    assert entry.actor == actor and entry.after["year"] == 2021
    with pytest.raises(ValidationError):  # one live designation per programme and year
        ct.designated(year=2021)
    with pytest.raises(ValidationError) as exc:  # only the designator role designates
        ct.designated(year=2022, actor=UserFactory(role=Role.OFFICIAL))
    assert exc.value.code == "forbidden"


def test_revocation_is_one_transition_with_a_reason(catalogue):
    actor = ct.designator()
    d = ct.designated(actor=actor)
    with pytest.raises(ValidationError):
        set_designation_status(designation_id=d.pk, status="revoked", actor=actor, reason=" ")
    set_designation_status(designation_id=d.pk, status="revoked", actor=actor, reason="재지정")
    with pytest.raises(AlreadyDecided):
        set_designation_status(designation_id=d.pk, status="revoked", actor=actor, reason="again")
    ct.designated(actor=actor)  # a new one may follow a revoked one


def test_designation_page_for_the_designator_only(catalogue):
    lead = ct.tech_platform()
    designator = ct.designator()
    c = Client()
    c.force_login(designator)
    page = c.get("/campus-town/designations/").content.decode()
    assert 'id="designate"' in page and "운영요령 제18조" in page
    r12 = Program.objects.get(code="R03")
    r = c.post("/campus-town/designations/", {"program": r12.pk, "year": "2021",
                                              "lead_institution": lead.pk, "project_title": ""})  # fmt: skip
    assert r.status_code == 400 and "errorlist" in r.content.decode()
    r = c.post("/campus-town/designations/", {
        "program": r12.pk, "year": "2021", "lead_institution": lead.pk, "project_title": "기술매칭",
        "decided_on": "2021-02-01", "legal_basis": "운영요령 제18조", "reason": "정책적 필요",
    })  # fmt: skip
    assert r.status_code == 302 and PolicyDesignation.objects.get().designated_by == designator
    for role in (Role.OFFICIAL, Role.STAFF, Role.INTAKE_AGENCY):
        c.force_login(UserFactory(role=role))
        page = c.get("/campus-town/designations/")
        assert page.status_code == 200 and 'id="designate"' not in page.content.decode()
        assert c.post("/campus-town/designations/", {"year": "2022"}).status_code == 403


def test_r03_stages_are_the_seed_s_three_steps(catalogue):
    stages = stages_for(program=Program.objects.get(code="R03"))
    names = {s["code"]: s["name_ko"] for s in stages}
    assert names["document"].startswith("1차평가(기술평가위원회")
    assert names["presentation"].startswith("2차평가(SBA")
    assert names["committee"].startswith("산학연협력사업심의위원회")
    assert "site_check" not in names
