"""factory_boy factories for the core models (apps add their own next to their tests)."""

import datetime as dt

import factory
from django.utils import timezone

from accounts.enums import InstitutionType, Role, SiteKind


def valid_business_no(n: int) -> str:
    """A 10-digit business number with a correct check digit, derived from n."""
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    body = f"{(n * 7919) % 10**9:09d}"
    nums = [int(c) for c in body]
    total = sum(a * b for a, b in zip(nums, weights, strict=True)) + (nums[8] * 5) // 10
    return body + str((10 - total % 10) % 10)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Institution"

    name = factory.Sequence(lambda n: f"주식회사 테스트{n}")
    type = InstitutionType.COMPANY
    business_no = factory.Sequence(lambda n: valid_business_no(n + 1))
    incorporated_on = dt.date(2020, 1, 1)
    is_sme = True

    @factory.post_generation
    def seoul_hq(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.sites.create(
                kind=SiteKind.HQ,
                address="서울특별시 중구 세종대로 110",
                in_seoul=True,
                district="중구",
            )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.APPLICANT
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")


class ResearcherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Researcher"

    researcher_no = factory.Sequence(lambda n: f"{10000000 + n}")
    name = factory.Sequence(lambda n: f"연구자{n}")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.Call"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"2023년 테스트 공고 {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    slots = 10
    budget_envelope_krw = 4_000_000_000
    status = "published"

    class Params:
        # CallFactory(closed=True): a call whose close has passed (evaluation may proceed)
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=40)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10)),
        )

    @factory.post_generation
    def programs(self, create, extracted, **kwargs):
        from programs.models import Program

        if not create:
            return
        codes = extracted or ["INV"]
        self.programs.set(Program.objects.filter(code__in=codes))
