"""R02 global scale-up and R04 Hongneung screening and bonus rules at their boundaries (seed 000 Ⅳ-②, ④)."""

from decimal import Decimal

import pytest

from applications.models import ApplicationClaim, Attachment
from evaluation.domain.aggregation import BonusFacts, bonus_points
from programs.models import Program
from tests.factories import CallFactory, InstitutionFactory
from tests.screening.factories import ApplicationFactory, call_2023, eligible_application, seoul
from tests.screening.helpers import check

pytestmark = pytest.mark.django_db


def _r02_app(**kwargs):
    program = Program.objects.get(code="R02")
    return eligible_application(call=call_2023(programs=["R02"]), program=program, **kwargs)


def _evidence(app) -> Attachment:
    return Attachment.objects.create(
        application=app, doc_code="evidence", file="x.pdf", original_name="x.pdf",
        content_type_detected="pdf", size=10, sha256="0" * 64,
    )  # fmt: skip


def test_r02_selects_its_rules_in_the_catalogue(catalogue):
    codes = [r["code"] for r in Program.objects.get(code="R02").eligibility]
    assert {"global_partner", "institutional_investment", "duplicate_sba_application"} <= set(codes)
    r04 = Program.objects.get(code="R04")
    assert "consortium_required_type" in [r["code"] for r in r04.eligibility]
    assert r04.min_trl == 4


def test_global_partner_needs_a_foreign_company_university_or_institute(catalogue):
    app = _r02_app()
    assert check(app, "global_partner")["outcome"] == "fail"
    app.institutions.create(institution=InstitutionFactory(), role="co")  # domestic partner
    assert check(app, "global_partner")["outcome"] == "fail"
    foreign = InstitutionFactory(
        name="Stanford University", type="university", is_foreign=True, country="US",
        business_no="", foreign_registration_no="EIN-94-1156365", seoul_hq=False,
    )  # fmt: skip
    app.institutions.create(institution=foreign, role="co")
    res = check(app, "global_partner")
    assert res["outcome"] == "pass" and "Stanford University(US)" in res["reason_ko"]


def test_institutional_investment_boundary_and_evidence(catalogue):
    app = _r02_app()
    assert check(app, "institutional_investment")["outcome"] == "fail"  # nothing stated
    claim = ApplicationClaim.objects.create(
        application=app, kind="institutional_investment", amount_krw=2_999_999_999
    )
    res = check(app, "institutional_investment")
    assert res["outcome"] == "fail" and "2,999,999,999" in res["reason_ko"]
    claim.amount_krw = 3_000_000_000
    claim.save()
    assert check(app, "institutional_investment")["outcome"] == "needs_review"  # no evidence
    claim.evidence = _evidence(app)
    claim.save()
    assert check(app, "institutional_investment")["outcome"] == "needs_review"  # not checked
    claim.verified = True
    claim.save()
    res = check(app, "institutional_investment")
    assert res["outcome"] == "pass" and "3,000,000,000" in res["reason_en"]


def test_duplicate_application_to_another_sba_call_of_the_same_year(catalogue):
    app = _r02_app()
    assert check(app, "duplicate_sba_application")["outcome"] == "pass"
    other_call = call_2023(title="2023 AI 양재 공모", programs=["R05"])
    other = ApplicationFactory(call=other_call, lead_institution=app.lead_institution,
                               program=Program.objects.get(code="R05"), receipt_no="R05-2023-0007")  # fmt: skip
    res = check(app, "duplicate_sba_application")
    assert res["outcome"] == "fail"
    assert "2023 AI 양재 공모" in res["reason_ko"] and "R05-2023-0007" in res["reason_ko"]
    other.status = "withdrawn"  # a withdrawn draft is not an application
    other.save()
    assert check(app, "duplicate_sba_application")["outcome"] == "pass"
    # the year is the call's year in Seoul: a call opening at 00:30 on 1 Jan 2024 KST is 2024
    next_year = CallFactory(opens_at=seoul(2024, 1, 1, 0, 30), closes_at=seoul(2024, 2, 1, 16, 0),
                            status="closed", programs=["R02"])  # fmt: skip
    ApplicationFactory(call=next_year, lead_institution=app.lead_institution)
    assert check(app, "duplicate_sba_application")["outcome"] == "pass"


def test_r04_hospital_must_be_a_general_hospital_or_above(catalogue):
    app = eligible_application(program=Program.objects.get(code="R04"),
                               call=call_2023(programs=["R04"]))  # fmt: skip
    assert check(app, "consortium_required_type")["outcome"] == "fail"
    app.institutions.create(institution=InstitutionFactory(), role="co")  # company + company
    assert check(app, "consortium_required_type")["outcome"] == "fail"
    assert check(app, "consortium")["outcome"] == "pass"  # a company partner is allowed
    clinic = app.institutions.create(
        institution=InstitutionFactory(type="hospital", hospital_grade="clinic"), role="co"
    )
    assert check(app, "consortium_required_type")["outcome"] == "pass"
    res = check(app, "consortium")
    assert res["outcome"] == "fail" and "종합병원 이상" in res["reason_ko"]
    clinic.delete()
    app.institutions.create(
        institution=InstitutionFactory(type="hospital", hospital_grade="general"), role="co"
    )
    assert check(app, "consortium")["outcome"] == "pass"
    assert check(app, "consortium_required_type")["outcome"] == "pass"


@pytest.mark.parametrize(("trl", "outcome"), [(3, "fail"), (4, "pass")])
def test_r04_trl_minimum(catalogue, trl, outcome):
    app = eligible_application(program=Program.objects.get(code="R04"),
                               call=call_2023(programs=["R04"]), current_trl=trl)  # fmt: skip
    assert check(app, "trl_minimum")["outcome"] == outcome


def test_r02_priority_rules_are_explained_bonus_rules(catalogue):
    rules = Program.objects.get(code="R02").bonus_rules
    none, applied = bonus_points(rules, BonusFacts())
    assert none == 0 and applied == []
    just_under = BonusFacts(claims=frozenset({("private_investment_3y", "", 4_999_999_999)}))
    assert bonus_points(rules, just_under)[0] == 0
    facts = BonusFacts(claims=frozenset({
        ("private_investment_3y", "", 5_000_000_000),
        ("purchase_intent_after_testbed", "서울대학교병원", 0),
        ("tech_transfer", "한국과학기술연구원(KIST)", 0),
    }))  # fmt: skip
    total, applied = bonus_points(rules, facts)
    assert total == Decimal(9)
    assert [a["code"] for a in applied] == [
        "private_investment_5bn", "purchase_intent_after_testbed", "listed_tech_transfer",
    ]  # fmt: skip
    unlisted = BonusFacts(claims=frozenset({("tech_transfer", "어느 대학교", 0)}))
    assert bonus_points(rules, unlisted)[0] == 0  # the institute must be on the list


def test_r04_three_bonus_rules(catalogue):
    rules = Program.objects.get(code="R04").bonus_rules
    facts = BonusFacts(
        hubs=frozenset({"seoul_bio_hub"}), seoul_partner=True,
        claims=frozenset({("investment_or_purchase_commitment", "", 100_000_000)}),
    )  # fmt: skip
    total, applied = bonus_points(rules, facts)
    assert [a["code"] for a in applied] == [
        "bio_hub_tenant", "seoul_partner", "investment_or_purchase_commitment",
    ]  # fmt: skip
    assert total == Decimal(4)


def test_ranking_bonus_reads_only_verified_claims_with_evidence(catalogue):
    from evaluation.domain.results import _bonus_facts
    from evaluation.models import Assignment, Committee
    from tests.factories import UserFactory

    app = _r02_app()
    committee = Committee.objects.create(call=app.call, stage="document", name="서류평가")
    Assignment.objects.create(committee=committee, call=app.call, stage="document", application=app,
                              evaluator=UserFactory(role="evaluator"))  # fmt: skip
    ApplicationClaim.objects.create(application=app, kind="private_investment_3y",
                                    amount_krw=6_000_000_000, evidence=_evidence(app))  # fmt: skip
    assert _bonus_facts(app.call, "document", [app.pk])[app.pk].claims == frozenset()
    ApplicationClaim.objects.filter(application=app).update(verified=True)
    facts = _bonus_facts(app.call, "document", [app.pk])[app.pk]
    assert facts.claims == frozenset({("private_investment_3y", "", 6_000_000_000)})
    rules = Program.objects.get(code="R02").bonus_rules
    assert bonus_points(rules, facts)[1] == [{"code": "private_investment_5bn", "points": "3"}]
