"""Property tests of the pure aggregation, ranking, rounding and budget-cut functions."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluation.domain.aggregation import (
    Entry,
    advance_count,
    aggregate,
    budget_cut,
    mark_advancing,
    q2,
    rank_entries,
    what_if,
)

score = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
scores3 = st.lists(score, min_size=3, max_size=15)


@given(scores3, st.randoms())
def test_trimmed_mean_is_order_independent(values, rnd):
    shuffled = list(values)
    rnd.shuffle(shuffled)
    assert aggregate(values).value == aggregate(shuffled).value


@given(scores3)
def test_trimmed_mean_formula_drops_exactly_one_high_and_one_low(values):
    result = aggregate(values)
    expected = q2((sum(values) - max(values) - min(values)) / (len(values) - 2))
    assert result.value == expected
    assert result.dropped == (max(values), min(values))
    assert result.method == "trimmed_mean" and not result.flagged
    assert min(values) <= result.value <= max(values)


@given(score, st.integers(min_value=3, max_value=10))
def test_ties_all_equal_gives_that_value(value, n):
    assert aggregate([value] * n).value == q2(value)


def test_ties_drop_only_one_of_the_tied_highest():
    # two evaluators gave 90: only one 90 is dropped
    assert aggregate([90, 90, 70, 60]).value == Decimal("80.00")
    assert aggregate([50, 50, 50, 80, 80]).value == Decimal("60.00")


@given(score, score, score)
def test_n_equals_three_is_the_middle_value(a, b, c):
    assert aggregate([a, b, c]).value == q2(sorted([a, b, c])[1])


@given(st.lists(score, min_size=1, max_size=2), st.sampled_from(["mean", "median"]))
def test_fallback_below_three_is_flagged(values, fallback):
    result = aggregate(values, fallback=fallback)
    assert result.flagged and result.method == fallback
    assert result.value == q2(sum(values) / len(values))  # mean == median for n ≤ 2


def test_fallback_none_and_empty():
    assert aggregate([70, 80], fallback="none").value is None
    assert aggregate([]).flagged and aggregate([]).value is None


def test_median_and_mean_methods():
    assert aggregate([1, 2, 10], method="median").value == Decimal("2.00")
    assert aggregate([1, 2, 3, 10], method="median").value == Decimal("2.50")
    assert aggregate([1, 2, 3, 10], method="mean").value == Decimal("4.00")
    with pytest.raises(ValueError):
        aggregate([1, 2, 3], method="max")


@pytest.mark.parametrize(
    ("slots", "multiplier", "rounding", "expected"),
    [(5, 2, "ceil", 10), (5, 1.5, "ceil", 8), (5, 1.5, "floor", 7), (5, 1.5, "half_up", 8),
     (3, 1.5, "ceil", 5), (7, 1.5, "half_up", 11), (1, 1.5, "floor", 1), (10, 1.5, "ceil", 15)],
)  # fmt: skip
def test_multiplier_rounding(slots, multiplier, rounding, expected):
    assert advance_count(slots, multiplier, rounding) == expected


@given(st.integers(min_value=0, max_value=500), st.sampled_from([1, 1.5, 2, 2.5]))
def test_rounding_brackets_the_exact_multiple(slots, multiplier):
    exact = Decimal(str(multiplier)) * slots
    assert (
        advance_count(slots, multiplier, "floor")
        <= exact
        <= advance_count(slots, multiplier, "ceil")
    )
    assert advance_count(slots, multiplier, "ceil") - advance_count(slots, multiplier, "floor") <= 1


def _entries(draw_scores):
    return [
        Entry(application_id=i + 1, receipt_no=f"R{i:03d}", scores=s, aggregate=aggregate(s).value)
        for i, s in enumerate(draw_scores)
    ]


@given(st.lists(scores3, min_size=1, max_size=25), st.randoms())
def test_ranking_is_deterministic_and_total_ordered(all_scores, rnd):
    a = [(e.application_id, e.rank) for e in rank_entries(_entries(all_scores))]
    shuffled = _entries(all_scores)
    rnd.shuffle(shuffled)
    b = [(e.application_id, e.rank) for e in rank_entries(shuffled)]
    assert a == b
    assert [r for _, r in a] == list(range(1, len(all_scores) + 1))


def test_tie_break_is_explained():
    entries = [
        Entry(application_id=2, receipt_no="B", scores=[Decimal(70)] * 3, aggregate=Decimal(70)),
        Entry(application_id=1, receipt_no="A", scores=[Decimal(70)] * 3, aggregate=Decimal(70)),
        Entry(
            application_id=3,
            receipt_no="C",
            scores=[Decimal(70)] * 3,
            aggregate=Decimal(68),
            bonus=Decimal(2),
        ),
    ]
    ranked = rank_entries(entries)
    assert [e.application_id for e in ranked] == [
        1,
        2,
        3,
    ]  # 3 has the lower stage score before bonus
    assert ranked[1].tie_break == "receipt number" and ranked[2].tie_break == "stage score"


@given(st.lists(scores3, min_size=1, max_size=30), st.integers(min_value=1, max_value=10),
       st.sampled_from([1.5, 2]))  # fmt: skip
def test_advancing_respects_cutoff_and_count(all_scores, slots, multiplier):
    ranked = rank_entries(_entries(all_scores))
    count = advance_count(slots, multiplier, "ceil")
    mark_advancing(ranked, cutoff=60, count=count)
    advancing = [e for e in ranked if e.advances]
    assert len(advancing) == min(count, sum(1 for e in ranked if e.aggregate >= 60))
    assert all(e.aggregate >= 60 for e in advancing)
    # nobody skipped: an eligible entry not advancing ranks below every advancing one
    worst = max((e.rank for e in advancing), default=0)
    assert all(e.rank > worst for e in ranked if e.aggregate >= 60 and not e.advances)


@given(
    st.lists(st.integers(min_value=0, max_value=10**9), max_size=20),
    st.integers(min_value=0, max_value=5 * 10**9),
)
def test_budget_cut(amounts, envelope):
    k = budget_cut(amounts, envelope)
    assert sum(amounts[:k]) <= envelope
    assert k == len(amounts) or sum(amounts[: k + 1]) > envelope


def test_budget_cut_stops_at_first_misfit():
    assert budget_cut([300, 300, 500, 100], 1000) == 2  # 100 after the misfit is not pulled in


@given(st.lists(scores3, min_size=1, max_size=10))
def test_what_if_has_no_side_effects(all_scores):
    entries = rank_entries(_entries(all_scores))
    before = [(e.application_id, e.aggregate, e.rank, e.advances) for e in entries]
    what_if(
        entries, method="median", fallback="mean", cutoff=0, slots=1, multiplier=1, rounding="floor"
    )
    assert [(e.application_id, e.aggregate, e.rank, e.advances) for e in entries] == before
