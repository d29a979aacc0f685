"""Builders for the rules 2024 tests: agreements of a programme-year with decided scores, Tech
Partners companies and their users."""

import datetime as dt
from decimal import Decimal

from accounts.enums import Role
from agreements.models.closing import EvaluationRound
from evaluation.models import Committee
from programs.domain.tech_partners import add_need, register_partner
from tests.agreements.factories import agreement_for, selected_application
from tests.applications.factories import applicant_with_institution, make_call
from tests.factories import InstitutionFactory, UserFactory


def scored_agreement(call, score: str | None, *, status: str = "active", stage: str = "final"):
    """An agreement of `call`'s programme selected in 2026, with a decided round scoring `score`."""
    app = selected_application(call=call, applicant=applicant_with_institution())
    agreement = agreement_for(app, status=status, selection_notified_on=dt.date(2026, 9, 1))
    if score is not None:
        committee = Committee.objects.filter(
            call=call, stage=stage
        ).first() or Committee.objects.create(call=call, stage=stage, name=f"{stage} committee")
        EvaluationRound.objects.create(
            agreement=agreement, stage=stage, year_no=1, committee=committee, status="decided",
            score=Decimal(score), decision="excellent" if stage == "final" else "continue",
        )  # fmt: skip
    return agreement


def r01_call():
    return make_call(programs=("R01",))


def partner_with_user(*, size: str = "large"):
    company = InstitutionFactory(name="네이버클라우드", is_sme=False)
    staff = UserFactory(role=Role.STAFF)
    partner = register_partner(institution=company, size=size, purchase_intent="AI 문서 기술 구매",
                               actor=staff)  # fmt: skip
    user = UserFactory(role=Role.PARTNER, institution=company)
    return partner, user, staff


def need_of(partner, staff, *, field: str = "ai", keywords: str = "문서, 한글"):
    return add_need(partner=partner, field=field, title="문서 자동 분석", keywords=keywords,
                    actor=staff)  # fmt: skip
