"""Follow-on support for the best ≤ 30 % (seed 001): the cap on cohorts of 7, 10 and 11, the
criteria as data and the agreement amendment it makes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.enums import Role
from agreements.models import AgreementBudgetLine
from config.locking import AlreadyDecided
from programs.domain.follow_on import FollowOnRefused, cohort, follow_on_cap, select_follow_on
from programs.models import FollowOnSelection, Program
from tests.factories import UserFactory
from tests.programs.rules_2024_helpers import r01_call, scored_agreement

M = 1_000_000


@pytest.mark.parametrize(("size", "cap"), [(7, 2), (10, 3), (11, 3), (0, 0), (3, 0), (4, 1)])
def test_cap_is_the_floor_of_30_percent(size, cap):
    assert follow_on_cap(size, "0.3") == cap


@given(st.integers(min_value=0, max_value=10_000))
def test_cap_never_exceeds_30_percent_and_misses_it_by_less_than_one(size):
    cap = follow_on_cap(size, "0.3")
    assert cap * 10 <= size * 3 < (cap + 1) * 10


@pytest.mark.django_db
def test_flow_data_gives_the_criteria(catalogue):
    spec = Program.objects.get(code="R01").flow["follow_on"]
    assert spec["share"] == "0.3" and spec["max_amount_krw"] == 200 * M
    assert spec["purposes"] == ["overseas", "special_listing"]


@pytest.mark.django_db
def test_cohort_of_seven_selects_two_and_amends_the_agreement(catalogue):
    staff = UserFactory(role=Role.STAFF)
    call = r01_call()
    scores = ["95", "90", "85", "80", "75", "60", None]
    agreements = [scored_agreement(call, s) for s in scores]
    program = agreements[0].program
    group = cohort(program=program, year=2026)
    assert (group.size, group.cap, group.selected) == (7, 2, 0)
    assert [c.agreement.pk for c in group.candidates[:2]] == [agreements[0].pk, agreements[1].pk]
    low = next(c for c in group.candidates if c.agreement.pk == agreements[5].pk)
    assert not low.eligible and "60" in low.reason_ko  # below the DEFAULT minimum of 70

    top = agreements[0]
    before = top.city_grant_krw
    selection = select_follow_on(agreement=top, purpose="overseas", amount_krw=200 * M, actor=staff)
    top.refresh_from_db()
    assert top.city_grant_krw == before + 200 * M
    assert selection.version_no == top.version_no == 1
    (version,) = top.versions.all()
    assert "후속지원" in version.reason and len(version.pdf_sha256) == 64
    line = AgreementBudgetLine.objects.get(year__agreement=top, category="activity")
    assert line.city_grant_krw == 200 * M
    assert top.years.get(year_no=1).city_grant_krw == 600 * M

    with pytest.raises(AlreadyDecided):  # the same project twice
        select_follow_on(agreement=top, purpose="overseas", amount_krw=1, actor=staff)
    with pytest.raises(FollowOnRefused) as err:  # below the minimum score
        select_follow_on(agreement=agreements[5], purpose="overseas", amount_krw=1, actor=staff)
    assert err.value.code == "criteria"
    with pytest.raises(FollowOnRefused) as err:  # over 200 M
        select_follow_on(agreement=agreements[1], purpose="overseas", amount_krw=200 * M + 1,
                         actor=staff)  # fmt: skip
    assert err.value.code == "amount"
    # a second selection (made directly: one amendment PDF per test is enough)
    FollowOnSelection.objects.create(agreement=agreements[1], program=program, cohort_year=2026,
                                     purpose="special_listing", score=90, amount_krw=150 * M)  # fmt: skip
    with pytest.raises(FollowOnRefused) as err:  # ⌊30 % × 7⌋ = 2 already selected
        select_follow_on(agreement=agreements[2], purpose="overseas", amount_krw=1, actor=staff)
    assert err.value.code == "cap" and "7" in err.value.message_ko
    assert FollowOnSelection.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("size", "cap"), [(10, 3), (11, 3)])
def test_cohorts_of_ten_and_eleven_select_three(catalogue, size, cap):
    call = r01_call()
    for n in range(size):
        scored_agreement(call, str(99 - n) if n < 4 else None)
    group = cohort(program=Program.objects.get(code="R01"), year=2026)
    assert (group.size, group.cap) == (size, cap)
    assert sum(c.eligible for c in group.candidates) == 4  # more eligible than the cap allows


@pytest.mark.django_db
def test_terminated_projects_are_not_in_the_cohort(catalogue):
    staff = UserFactory(role=Role.STAFF)
    call = r01_call()
    stopped = scored_agreement(call, "99", status="terminated")
    scored_agreement(call, "90")
    assert cohort(program=stopped.program, year=2026).size == 1
    with pytest.raises(FollowOnRefused) as err:
        select_follow_on(agreement=stopped, purpose="overseas", amount_krw=1, actor=staff)
    assert err.value.code == "cohort"


@pytest.mark.django_db
def test_cohort_reads_a_constant_number_of_queries(catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = r01_call()
    program = Program.objects.get(code="R01")
    counts = []
    for _round in range(2):
        scored_agreement(call, "90")
        scored_agreement(call, "80")
        with CaptureQueriesContext(connection) as ctx:
            cohort(program=program, year=2026)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 4
