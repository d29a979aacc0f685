"""Factories and a scenario builder for evaluation tests."""

import factory

from accounts.enums import Role
from tests.factories import CallFactory, InstitutionFactory, ResearcherFactory, UserFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "applications.Application"

    call = factory.SubFactory(CallFactory)
    program = factory.LazyAttribute(lambda o: o.call.programs.first())
    lead_institution = factory.SubFactory(InstitutionFactory)
    applicant = factory.SubFactory(UserFactory, role=Role.APPLICANT)
    pi = factory.SubFactory(ResearcherFactory)
    title_ko = factory.Sequence(lambda n: f"신청과제 {n}")
    city_grant_krw = 400_000_000
    status = "in_evaluation"
    receipt_no = factory.Sequence(lambda n: f"2023-INV-{n:04d}")


class EvaluatorFactory(UserFactory):
    role = Role.EVALUATOR
    username = factory.Sequence(lambda n: f"evaluator{n}")
    last_name = factory.Sequence(lambda n: f"평가위원{n}")


class EvaluatorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.EvaluatorProfile"

    user = factory.SubFactory(EvaluatorFactory)
    technical_fields = ["bio"]


def committee_with_members(
    call, *, n: int = 7, stage: str = "document", actor=None, sign: bool = True
):
    """A committee of n evaluators (with profiles), pledges signed when `sign`."""
    from django.utils import timezone

    from evaluation.domain.committees import add_member, create_committee

    committee = create_committee(call=call, stage=stage, name=f"{stage} 위원회", actor=actor)
    for _ in range(n):
        profile = EvaluatorProfileFactory()
        member = add_member(committee=committee, evaluator=profile.user, actor=actor)
        if sign:
            member.pledge_signed_at = timezone.now()
            member.save()
    return committee


def score_all(committee, application, totals_per_criterion: list[list[int]]):
    """Every active assignment of `application` scores the given points and submits."""
    from evaluation.domain.scoring import save_scores, submit_sheet
    from evaluation.models import Assignment

    criteria = application.program.stage(committee.stage)["criteria"]
    assignments = Assignment.objects.filter(
        application=application, stage=committee.stage, status="active"
    )
    for assignment, points in zip(assignments, totals_per_criterion, strict=False):
        save_scores(assignment=assignment, actor=assignment.evaluator, comment="",
                    criteria=[{"code": c["code"], "points": p} for c, p in zip(criteria, points, strict=True)])  # fmt: skip
        submit_sheet(assignment=assignment, actor=assignment.evaluator)
