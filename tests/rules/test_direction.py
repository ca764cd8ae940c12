"""Direction of travel, tested against Norfolk's printed DOT arrows."""

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.rules.direction import arrow, direction_of_travel, direction_words
from indicators.rules.types import Direction, Polarity

H, L, NO = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE

# Norfolk MI county report, Mar-18 -> Apr-18 as printed, with the printed arrow
# (seeds-stockton-norfolk.md Appendix A and §2.8).
NORFOLK_ARROWS = [
    ("2.8 re-referral rate", L, "24.1", "24.2", "↓"),
    ("3.3 assessments in 45 WD", H, "56.0", "61.9", "↑"),
    ("3.4 open assessments past 45 WD", L, "165", "128", "↑"),
    ("4.6 S47 substantiated, not at risk", H, "15.9", "20.0", "↑"),
    ("5.1 S17 CIN numbers", L, "1928", "1793", "↑"),
    ("6.1 children on CP plans", L, "612", "646", "↓"),
    ("6.11a CP plans ceased", H, "112", "47", "↓"),
    ("7.1 looked-after children", L, "1178", "1179", "↓"),
    ("7.13 LAC with up-to-date PEP", H, "88.7", "88.7", "→"),
    ("8.4 care leavers EET", H, "58.3", "58.4", "↑"),
    ("11.1 maximum caseload", L, "40", "31", "↑"),
    ("11.5 CWD maximum caseload", L, "26", "26", "→"),
    ("12.1b kinship carers approved", H, "79", "79", "→"),
    ("C1 change of social worker and team", L, "202", "583", "↓"),
]


@pytest.mark.parametrize(
    ("ref", "polarity", "previous", "current", "printed"),
    NORFOLK_ARROWS,
    ids=[row[0] for row in NORFOLK_ARROWS],
)
def test_norfolk_arrows_mean_performance_not_value(ref, polarity, previous, current, printed):
    assert arrow(direction_of_travel(D(current), D(previous), polarity)) == printed


# The five rows whose printed values are equal but whose arrow is not "→" (§2.8): the
# arrow was worked out on unrounded values. The unrounded values here are illustrative,
# chosen to round to the printed ones; 7.2's LAC count did rise 1178 -> 1179.
NORFOLK_TIES = [
    ("6.10b CP plans over 2 years", L, "0.84", "0.78", 1, "↑"),
    ("7.2 LAC rate per 10k", L, "69.66", "69.72", 1, "↓"),
    ("11.2a LAC team average caseload", L, "12.2", "12.4", 0, "↓"),
    ("11.4a FIT team average caseload", L, "15.3", "15.1", 0, "↑"),
    ("11.5a CWD team average caseload", L, "15.8", "16.1", 0, "↓"),
]


@pytest.mark.parametrize(
    ("ref", "polarity", "previous", "current", "places", "printed"),
    NORFOLK_TIES,
    ids=[row[0] for row in NORFOLK_TIES],
)
def test_unrounded_values_decide_a_printed_tie(ref, polarity, previous, current, places, printed):
    def as_printed(value):
        return D(value).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)

    assert as_printed(previous) == as_printed(current)
    assert direction_of_travel(as_printed(current), as_printed(previous), polarity) == (
        Direction.SAME
    )
    assert arrow(direction_of_travel(D(current), D(previous), polarity)) == printed


def test_higher_is_better_rise_is_improved():
    assert direction_of_travel(D("9.1"), D("8.0"), H) == Direction.IMPROVED


def test_higher_is_better_fall_is_worse():
    assert direction_of_travel(D("64.5"), D("70"), H) == Direction.WORSE


def test_lower_is_better_fall_is_improved():
    assert direction_of_travel(D("25.9"), D("27.5"), L) == Direction.IMPROVED


def test_lower_is_better_rise_is_worse():
    assert direction_of_travel(D("48.6"), D("35.7"), L) == Direction.WORSE


def test_exactly_equal_is_same():
    assert direction_of_travel(D("37"), D("37.0"), L) == Direction.SAME
    assert direction_of_travel(0.1, D("0.1"), H) == Direction.SAME


def test_negative_values_follow_polarity():
    # An attainment gap closing from -22 to -16 is an improvement (higher is better).
    assert direction_of_travel(D("-16"), D("-22"), H) == Direction.IMPROVED
    assert direction_of_travel(D("-16"), D("-22"), L) == Direction.WORSE


def test_info_measure_has_no_direction():
    # Norfolk prints "." or "•" for Info measures such as 3.1 assessments authorised.
    assert direction_of_travel(D("711"), D("777"), NO) == Direction.NONE


@pytest.mark.parametrize(("current", "previous"), [(None, D("1")), (D("1"), None)])
def test_missing_value_has_no_direction(current, previous):
    # Durham: a "New PI" has no value 12 months earlier, so the DoT cell is "NA".
    assert direction_of_travel(current, previous, H) == Direction.NONE


def test_polarity_can_be_given_as_its_stored_string():
    assert direction_of_travel(D("2"), D("1"), "lower") == Direction.WORSE


@pytest.mark.parametrize(
    ("direction", "glyph", "words"),
    [
        (Direction.IMPROVED, "↑", "Improved"),
        (Direction.WORSE, "↓", "Worse"),
        (Direction.SAME, "→", "No change"),
        (Direction.NONE, "", "Not assessed"),
    ],
)
def test_each_direction_has_an_arrow_and_words(direction, glyph, words):
    assert arrow(direction) == glyph
    assert direction_words(direction) == words
    assert direction_words(direction.value) == words


numbers = st.decimals(
    min_value=-1_000_000, max_value=1_000_000, places=3, allow_nan=False, allow_infinity=False
)


@given(numbers, numbers)
def test_swapping_polarity_reverses_improved_and_worse(current, previous):
    swap = {
        Direction.IMPROVED: Direction.WORSE,
        Direction.WORSE: Direction.IMPROVED,
        Direction.SAME: Direction.SAME,
    }
    assert (
        direction_of_travel(current, previous, L) == swap[direction_of_travel(current, previous, H)]
    )


@given(numbers, numbers, st.sampled_from([H, L]))
def test_reversing_time_reverses_the_direction(current, previous, polarity):
    forward = direction_of_travel(current, previous, polarity)
    backward = direction_of_travel(previous, current, polarity)
    assert (forward == Direction.SAME) == (backward == Direction.SAME)
    assert (forward == Direction.IMPROVED) == (backward == Direction.WORSE)
