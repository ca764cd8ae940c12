"""Confidence intervals, significance, the recent trend and SPC (indicators/rules), checked
against the methods' own worked examples and hand-worked series."""

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.rules import spc as spc_rules
from indicators.rules.intervals import Interval, interval, poisson_count, wilson, z_for
from indicators.rules.significance import Significance, significance
from indicators.rules.spc import OUTSIDE, SHIFT, TREND, TWO_OF_THREE, assurance, spc
from indicators.rules.trend import chi_squared_for_trend, recent_trend, trend_words

# Newcombe (1998) Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score).
NEWCOMBE = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0000),
]


@pytest.mark.parametrize(("r", "n", "lower", "upper"), NEWCOMBE)
def test_wilson_matches_newcombes_worked_examples(r, n, lower, upper):
    found = wilson(r, n)
    assert (round(found.lower, 4), round(found.upper, 4)) == (lower, upper)


# Exact Poisson limits for small counts (Garwood 1936; as tabulated in the PHE Technical
# Guide "Confidence intervals", 2008, and Documenta Geigy).
EXACT = [(0, 0.0, 3.689), (1, 0.0253, 5.572), (5, 1.6235, 11.668), (9, 4.1150, 17.085)]


@pytest.mark.parametrize(("count", "lower", "upper"), EXACT)
def test_small_counts_use_the_exact_poisson_interval(count, lower, upper):
    found = poisson_count(count)
    assert found.method == "exact_poisson"
    assert found.lower == pytest.approx(lower, abs=6e-4)
    assert found.upper == pytest.approx(upper, abs=6e-4)


def test_ten_or_more_events_use_byars_formula_close_to_exact():
    found = poisson_count(10)
    z = z_for(95)
    assert found.method == "byar"
    # Byar's formula worked by hand, and within 0.2% of the exact limits (4.795, 18.390).
    assert found.lower == pytest.approx(10 * (1 - 1 / 90 - z / (3 * math.sqrt(10))) ** 3)
    assert found.upper == pytest.approx(11 * (1 - 1 / 99 + z / (3 * math.sqrt(11))) ** 3)
    assert found.lower == pytest.approx(4.795, rel=2e-3)
    assert found.upper == pytest.approx(18.390, rel=2e-3)


def test_levels_and_units():
    assert z_for(95) == pytest.approx(1.959964, abs=1e-6)
    assert z_for(99.8) == pytest.approx(3.090232, abs=1e-6)
    wide = interval("percent", numerator=81, denominator=263, level=99.8)
    narrow = interval("percent", numerator=81, denominator=263)
    assert wide.lower < narrow.lower and narrow.upper < wide.upper
    assert (round(narrow.lower, 2), round(narrow.upper, 2)) == (25.53, 36.62)
    # A rate per 100,000: 65 events in 250,000 people is 26.0 (Byar's, scaled).
    rate = interval("rate_100000", numerator=65, denominator=250000)
    count = poisson_count(65)
    assert rate.lower == pytest.approx(count.lower / 2.5)
    assert rate.lower < 26 < rate.upper
    # A count's own interval; a percentage without its parts, or above 100, has none.
    assert interval("count", value=7).method == "exact_poisson"
    assert interval("percent", value=50) is None
    assert interval("percent", numerator=12, denominator=10) is None
    assert interval("score", numerator=1, denominator=2) is None


def test_supplied_interval_is_kept_as_supplied():
    found = interval("percent", numerator=81, denominator=263, supplied=(20, 40))
    assert (found.lower, found.upper, found.method) == (20.0, 40.0, "supplied")


# Significance: the benchmark against the council's interval (Fingertips).
CI = Interval(25.53, 36.62, 95.0, "wilson")


@pytest.mark.parametrize(
    ("benchmark", "polarity", "verdict"),
    [
        (20, "higher", "better"),
        (20, "lower", "worse"),
        (20, "none", "higher"),
        (40, "higher", "worse"),
        (40, "lower", "better"),
        (40, "none", "lower"),
        (30, "higher", "similar"),
        (25.53, "higher", "similar"),  # on the edge of the interval: similar
        (36.62, "lower", "similar"),
    ],
)
def test_significance_against_a_benchmark(benchmark, polarity, verdict):
    assert significance(CI, benchmark, polarity) == verdict


def test_no_interval_is_untested():
    assert significance(None, 20, "higher") == Significance.UNTESTED
    assert significance(CI, None, "higher") == Significance.UNTESTED


SWAP = {"better": "worse", "worse": "better", "similar": "similar"}


@given(
    lower=st.floats(0, 100),
    width=st.floats(0, 50),
    benchmark=st.floats(-10, 200),
)
def test_swapping_polarity_swaps_better_and_worse(lower, width, benchmark):
    ci = Interval(lower, lower + width, 95.0, "wilson")
    higher = significance(ci, benchmark, "higher")
    assert significance(ci, benchmark, "lower") == SWAP[higher]
    plain = significance(ci, benchmark, "none")
    assert {"better": "higher", "worse": "lower", "similar": "similar"}[higher] == plain


# Recent trend: Altman (1991) Practical Statistics for Medical Research, 10.7.4:
# caesarean section by mother's shoe size, chi-squared for trend 8.02, P = 0.005.
def test_chi_squared_for_trend_matches_altmans_worked_example():
    caesarean = [5, 7, 6, 7, 8, 10]
    mothers = [22, 35, 42, 48, 54, 150]
    chi2, p_value, t = chi_squared_for_trend(caesarean, mothers)
    assert round(chi2, 2) == 8.02
    assert round(p_value, 3) == 0.005
    assert t < 0  # the share falls as shoe size rises


def test_recent_trend_words():
    rising = [(100, 1000), (130, 1000), (160, 1000), (190, 1000), (220, 1000)]
    assert recent_trend(rising, "higher").words == "increasing and getting better"
    assert recent_trend(rising, "lower").words == "increasing and getting worse"
    assert recent_trend(rising, "none").words == "increasing"
    falling = list(reversed(rising))
    assert recent_trend(falling, "lower").words == "decreasing and getting better"
    flat = [(100, 1000), (103, 1000), (99, 1000), (101, 1000), (102, 1000)]
    assert recent_trend(flat, "higher").words == "no significant change"
    # Only the last five points count; four points, or a missing part, is no test.
    assert recent_trend(flat[:4], "higher").words == ""
    assert recent_trend([*rising[:4], (None, 1000)], "higher").words == ""
    assert recent_trend([(200, 1000)] * 3 + flat, "higher").words == "no significant change"


@pytest.mark.parametrize("direction", ["increasing", "decreasing"])
def test_trend_words_swap_with_polarity(direction):
    better = trend_words(direction, "higher")
    worse = trend_words(direction, "lower")
    assert {better.split()[-1], worse.split()[-1]} == {"better", "worse"}


# SPC: hand-worked series. [10, 12] x 6: mean 11, mean moving range 2, limits
# 11 -/+ 2.66 x 2 = 5.68 and 16.32, two sigma 11 -/+ 3.5467.
STEADY = [10, 12] * 6


def test_xmr_limits_worked_by_hand():
    result = spc(STEADY, "higher")
    point = result.latest
    assert (point.mean, point.lower, point.upper) == (11, Fraction("5.68"), Fraction("16.32"))
    assert not any(p.special for p in result.points)
    assert result.variation == "common"


def test_fewer_than_twelve_points_gives_no_verdict():
    result = spc(STEADY[:11], "higher", target=5)
    assert (result.variation, result.assurance) == ("", "")
    assert "at least 12" in result.reason


def test_constant_series():
    result = spc([5] * 12, "higher", target=5)
    assert result.latest.lower == result.latest.upper == 5
    assert result.variation == "common"
    assert result.assurance == "hit_and_miss"


def _on_upper_limit():
    """The 12th point that lands exactly on the upper limit its own inclusion sets:
    base sums to 120 with moving ranges summing to 20; solve x = mean + 2.66 x MR."""
    base = [10, 12] * 5 + [10]
    x = (10 + Fraction(266, 100) * Fraction(10, 11)) / (
        1 - Fraction(1, 12) - Fraction(266, 100) / 11
    )
    return base, x


def test_a_point_exactly_on_a_limit_is_inside_and_just_above_is_outside():
    base, x = _on_upper_limit()
    on = spc([*base, x], "higher")
    assert on.latest.value == on.latest.upper
    assert OUTSIDE not in on.latest.rules
    assert on.variation == "common"
    above = spc([*base, x + Fraction(1, 1000)], "higher")
    assert OUTSIDE in above.latest.rules
    assert above.variation == "improving"
    assert spc([*base, x + Fraction(1, 1000)], "lower").variation == "concerning"
    assert spc([*base, x + Fraction(1, 1000)], "none").variation == "high"


SHIFT_OF_7 = [8, 10, 8, 10, 8, 10.5, 12.5, 10.5, 12.5, 10.5, 12.5, 10.5]
SHIFT_OF_6 = [8, 10, 8, 10, 8, 10, 10.5, 12.5, 10.5, 12.5, 10.5, 12.5]


def test_exactly_seven_on_one_side_of_the_mean_is_special_six_is_not():
    seven = spc(SHIFT_OF_7, "higher")
    assert seven.latest.rules == (SHIFT,)
    assert [SHIFT in p.rules for p in seven.points] == [False] * 5 + [True] * 7
    assert seven.variation == "improving"
    assert spc(SHIFT_OF_7, "lower").variation == "concerning"
    six = spc(SHIFT_OF_6, "higher")
    assert not any(p.special for p in six.points)
    assert six.variation == "common"


TREND_OF_7 = [12, 10, 12, 10, 12, 9, 9.5, 10, 10.5, 11, 11.5, 12]
TREND_OF_6 = [12, 10, 12, 10, 12, 10, 9.5, 10, 10.5, 11, 11.5, 12]


def test_exactly_seven_rising_is_special_six_is_not():
    seven = spc(TREND_OF_7, "lower")
    assert seven.latest.rules == (TREND,)
    assert [TREND in p.rules for p in seven.points] == [False] * 5 + [True] * 7
    assert seven.variation == "concerning"  # above the mean, lower is better
    six = spc(TREND_OF_6, "lower")
    assert not any(TREND in p.rules for p in six.points)
    # A repeated value breaks a run.
    flat_step = [12, 10, 12, 10, 12, 9, 9.5, 10, 10, 10.5, 11, 11.5]
    assert not any(TREND in p.rules for p in spc(flat_step, "lower").points)


def test_two_of_three_beyond_two_sigma_on_one_side():
    # [10, 12] x 5, 16, 16: mean 11.83, MR 2, two sigma above at 15.38, limit 17.15.
    result = spc([10, 12] * 5 + [16, 16], "higher")
    assert result.latest.rules == (TWO_OF_THREE,)
    assert result.variation == "improving"
    # One point beyond two sigma is not enough.
    assert spc([10, 12] * 5 + [10, 16], "higher").latest.rules == ()


def test_two_of_three_on_opposite_sides_is_not_special():
    # 17 above and 5 below: each beyond two sigma (11 -/+ 5.16), on opposite sides.
    result = spc([10, 12] * 5 + [17, 5], "higher")
    beyond = [p for p in result.points[-2:] if abs(p.value - p.mean) > 2 * (p.upper - p.mean) / 3]
    assert len(beyond) == 2
    assert all(TWO_OF_THREE not in p.rules for p in result.points)


@pytest.mark.parametrize(
    ("polarity", "target", "verdict"),
    [
        ("higher", 5, "pass"),
        ("higher", 17, "fail"),
        ("higher", 11, "hit_and_miss"),
        ("lower", 17, "pass"),
        ("lower", 5, "fail"),
        ("lower", Fraction("16.32"), "hit_and_miss"),  # exactly on the limit
        ("higher", Fraction("5.68"), "hit_and_miss"),
        ("none", 5, ""),
        ("higher", None, ""),
    ],
)
def test_assurance_from_the_target_against_the_limits(polarity, target, verdict):
    assert spc(STEADY, polarity, target=target).assurance == verdict


def test_recalculating_the_limits_from_a_step_change():
    stepped = STEADY + [20, 22] * 6
    assert spc(stepped, "higher").variation == "improving"
    after = spc(stepped, "higher", recalculate_from=[12])
    assert after.variation == "common"
    assert after.latest.mean == 21 and after.points[0].mean == 11
    too_recent = spc(stepped, "higher", recalculate_from=[20])
    assert too_recent.variation == "" and "recalculated 4 points ago" in too_recent.reason


SWAPPED = {"improving": "concerning", "concerning": "improving", "common": "common"}


@given(st.lists(st.integers(0, 50), min_size=12, max_size=20), st.integers(0, 50))
def test_swapping_polarity_swaps_the_spc_verdicts(values, target):
    higher = spc(values, "higher", target=target)
    lower = spc(values, "lower", target=target)
    assert lower.variation == SWAPPED[higher.variation]
    assert lower.assurance == {"pass": "fail", "fail": "pass"}.get(
        higher.assurance, higher.assurance
    )
    assert [p.rules for p in higher.points] == [p.rules for p in lower.points]


def test_assurance_needs_a_point():
    assert assurance(None, "higher", 5) == ""
    assert spc_rules.ASSURANCE_WORDS["hit_and_miss"].startswith("Hit and miss")


@given(st.lists(st.decimals(-1000, 1000, places=2), min_size=12, max_size=16))
def test_the_rules_agree_with_the_limits_written_out(values):
    """The rules compare in scaled whole numbers; the limits they print are fractions."""
    for point in spc(values, "higher").points:
        outside = point.value > point.upper or point.value < point.lower
        assert (OUTSIDE in point.rules) == outside
        two_sigma = (point.upper - point.mean) * 2 / 3
        if TWO_OF_THREE in point.rules:
            assert abs(point.value - point.mean) > two_sigma
