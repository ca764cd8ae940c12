"""Comparator averages: mean of those with a value, best and top-quartile threshold in the
polarity's direction, stored at 8 decimal places."""

from decimal import Decimal

import pytest

from indicators.rules.averages import (
    best,
    mean,
    pooled,
    stored,
    top_quartile_position,
    top_quartile_threshold,
)

D = Decimal


class TestMean:
    def test_it_averages_the_councils_with_a_value(self):
        assert mean(["10", "20", None, "40"]) == D("23.33333333")

    def test_it_is_exact_on_decimals(self):
        assert mean(["0.1", "0.2"]) == D("0.15")

    def test_it_rounds_half_up_at_eight_places(self):
        assert mean(["0.000000005", "0.000000005"]) == D("0.00000001")
        assert mean(["0.000000004"]) == D("0.00000000")

    def test_it_keeps_negative_values(self):
        # Attainment gaps and Progress 8 go below zero.
        assert mean(["-0.5", "0.1"]) == D("-0.2")

    def test_it_handles_no_values(self):
        assert mean([]) is None
        assert mean([None, None]) is None


class TestBest:
    values = ["12.5", "9.1", None, "30"]

    def test_higher_is_better_takes_the_highest(self):
        assert best(self.values, "higher") == D("30")

    def test_lower_is_better_takes_the_lowest(self):
        assert best(self.values, "lower") == D("9.1")

    def test_a_context_measure_has_no_best(self):
        assert best(self.values, "none") is None

    def test_it_handles_no_values(self):
        assert best([None], "higher") is None


class TestTopQuartile:
    @pytest.mark.parametrize(
        "size, position",
        [(1, 1), (2, 1), (4, 1), (5, 2), (8, 2), (9, 3), (12, 3), (13, 4), (152, 38), (153, 39)],
    )
    def test_the_top_quartile_is_the_best_ceil_n_over_4(self, size, position):
        assert top_quartile_position(size) == position

    def test_an_empty_group_has_no_quartile(self):
        with pytest.raises(ValueError):
            top_quartile_position(0)

    def test_higher_is_better_threshold_is_the_worst_of_the_best_quarter(self):
        values = [str(x) for x in range(1, 13)]  # 12 councils: top quartile is 12, 11, 10
        assert top_quartile_threshold(values, "higher") == D("10")

    def test_lower_is_better_threshold_counts_from_the_lowest(self):
        values = [str(x) for x in range(1, 13)]
        assert top_quartile_threshold(values, "lower") == D("3")

    def test_a_boundary_group_of_five_takes_two(self):
        assert top_quartile_threshold(["5", "1", "4", "2", "3"], "higher") == D("4")
        assert top_quartile_threshold(["5", "1", "4", "2", "3"], "lower") == D("2")

    def test_ties_and_missing_values(self):
        assert top_quartile_threshold(["7", "7", "7", None, "1"], "higher") == D("7")

    def test_a_context_measure_has_no_quartile(self):
        assert top_quartile_threshold(["1", "2"], "none") is None
        assert top_quartile_threshold([], "higher") is None


def test_stored_rounds_to_eight_places_half_up():
    assert stored("1.234567895") == D("1.23456790")
    assert stored(None) is None


def test_a_groups_rate_is_its_numerators_over_its_denominators_not_a_mean_of_rates():
    # A big council with a low rate and a small one with a high rate: 100/20,000 and
    # 30/1,000 per 10,000 are 50 and 300; the group's rate is 130/21,000 = 61.9, not 175.
    assert pooled([100, 30], [20_000, 1_000], 10_000) == Decimal("61.90476190")
    assert mean([50, 300]) == 175


def test_no_pooled_figure_unless_every_member_has_both_parts():
    assert pooled([100, None], [20_000, 1_000], 100) is None
    assert pooled([0, 0], [0, 0], 100) is None
    assert pooled([], [], 100) is None
