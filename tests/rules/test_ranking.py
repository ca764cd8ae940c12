"""Rank and quartile within a comparator group (Stockton prints "94(2nd)", "96(=3rd)")."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.rules.ranking import Rank, quartile, rank_in_group
from indicators.rules.types import Polarity

H, L, NO = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE


@pytest.mark.parametrize(
    ("position", "tied", "ordinal"),
    [
        (1, False, "1st"),
        (2, False, "2nd"),
        (3, False, "3rd"),
        (4, False, "4th"),
        (3, True, "=3rd"),
        (10, False, "10th"),
        (11, False, "11th"),
        (12, False, "12th"),
        (13, False, "13th"),
        (21, False, "21st"),
        (22, False, "22nd"),
        (23, False, "23rd"),
        (101, False, "101st"),
        (111, False, "111th"),
        (112, False, "112th"),
        (113, True, "=113th"),
    ],
)
def test_ordinal_is_printed_as_stockton_prints_it(position, tied, ordinal):
    rank = Rank(position=position, tied=tied, size=150)
    assert rank.ordinal == ordinal
    assert str(rank) == ordinal


def test_rank_position_must_lie_within_the_group():
    with pytest.raises(ValueError):
        Rank(position=0, tied=False, size=12)
    with pytest.raises(ValueError):
        Rank(position=13, tied=False, size=12)


def test_best_value_ranks_first_when_higher_is_better():
    assert rank_in_group(D("96"), [D("91"), D("96"), D("89")], H) == Rank(1, False, 3)


def test_lowest_value_ranks_first_when_lower_is_better():
    assert rank_in_group(D("89"), [D("91"), D("96"), D("89")], L) == Rank(1, False, 3)


def test_stockton_second_place():
    group = [D("95"), D("94"), D("91"), D("87"), D("85")]
    assert rank_in_group(D("94"), group, H).ordinal == "2nd"


def test_tied_values_share_a_position_and_the_next_is_skipped():
    # Competition ranking: 98, 97, 96, 96, 90 -> 1st, 2nd, =3rd, =3rd, 5th.
    group = [D("98"), D("97"), D("96"), D("96"), D("90")]
    assert rank_in_group(D("96"), group, H) == Rank(3, True, 5)
    assert rank_in_group(D("96"), group, H).ordinal == "=3rd"
    assert rank_in_group(D("90"), group, H) == Rank(5, False, 5)


def test_missing_values_are_left_out_of_the_group():
    assert rank_in_group(D("5"), [D("7"), None, D("5"), None], H) == Rank(2, False, 2)


def test_mixed_number_types_compare_as_decimals():
    assert rank_in_group(0.1, [D("0.1"), 0.2, 1], L) == Rank(1, False, 3)


def test_no_rank_without_a_polarity_or_a_value():
    assert rank_in_group(D("5"), [D("5"), D("6")], NO) is None
    assert rank_in_group(None, [D("5"), D("6")], H) is None


def test_own_value_must_be_in_the_group():
    with pytest.raises(ValueError, match="not among"):
        rank_in_group(D("4"), [D("5"), D("6")], H)


def test_quartiles_of_the_twelve_north_east_councils():
    quartiles = [quartile(Rank(position, False, 12)) for position in range(1, 13)]
    assert quartiles == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


def test_quartile_boundary_in_a_national_group_of_150():
    assert quartile(Rank(37, False, 150)) == 1
    assert quartile(Rank(38, False, 150)) == 2
    assert quartile(Rank(150, False, 150)) == 4


def test_tied_councils_share_a_quartile():
    group = [D("9"), D("8"), D("7"), D("7"), D("7"), D("1"), D("0"), D("0")]
    rank = rank_in_group(D("7"), group, H)
    assert rank == Rank(3, True, 8)
    assert quartile(rank) == 2  # all three share position 3 of 8, not 3rd, 4th and 5th


values = st.lists(
    st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=30,
)


@given(values, st.data())
def test_swapping_polarity_and_signs_keeps_the_rank(group, data):
    own = data.draw(st.sampled_from(group))
    assert rank_in_group(own, group, H) == rank_in_group(-own, [-v for v in group], L)


@given(values)
def test_the_best_value_is_always_first_and_the_worst_last_or_tied(group):
    best = rank_in_group(max(group), group, H)
    worst = rank_in_group(min(group), group, H)
    assert best.position == 1
    assert worst.position + group.count(min(group)) - 1 == len(group)
    if len(group) >= 4:
        assert 1 <= quartile(best) <= quartile(worst) <= 4
    else:
        assert quartile(best) is None


def test_a_group_too_small_for_quartiles_has_none():
    assert quartile(Rank(1, False, 1)) is None
    assert quartile(Rank(3, False, 3)) is None
    assert [quartile(Rank(p, False, 4)) for p in range(1, 5)] == [1, 2, 3, 4]
