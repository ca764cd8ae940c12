from datetime import date

import pytest

from indicators.rules.staleness import is_stale, months_between, parse_limits, stale_limits

LIMITS = stale_limits()


def test_an_annual_figure_from_2016_17_is_old_on_a_2024_dashboard():
    assert is_stale("annual", date(2017, 3, 31), date(2024, 3, 31), LIMITS)


def test_an_annual_figure_two_years_back_still_counts():
    assert not is_stale("annual", date(2022, 3, 31), date(2024, 3, 31), LIMITS)
    assert is_stale("annual", date(2021, 12, 31), date(2024, 3, 31), LIMITS)


@pytest.mark.parametrize(
    "frequency,end,fresh",
    [
        ("monthly", date(2024, 1, 31), True),
        ("monthly", date(2023, 12, 31), False),
        ("quarterly", date(2023, 12, 31), True),
        ("quarterly", date(2023, 9, 30), False),
    ],
)
def test_each_frequency_has_its_own_limit(frequency, end, fresh):
    assert is_stale(frequency, end, date(2024, 4, 30), LIMITS) is not fresh


def test_occasional_figures_and_undated_pages_are_never_old():
    assert not is_stale("occasional", date(2010, 1, 1), date(2024, 3, 31), LIMITS)
    assert not is_stale("annual", date(2010, 3, 31), None, LIMITS)


def test_a_period_not_yet_ended_is_current():
    # Durham's 2016/17 academic year (to August) on the June dashboard.
    assert not is_stale("annual", date(2017, 8, 31), date(2017, 6, 30), LIMITS)


def test_month_ends_count_whole_months():
    assert months_between(date(2024, 3, 31), date(2024, 6, 30)) == 3
    assert months_between(date(2024, 3, 15), date(2024, 6, 14)) == 2


def test_limits_are_configurable_and_bad_settings_are_named():
    assert stale_limits(parse_limits("annual=36, monthly=4"))["annual"] == 36
    assert not is_stale(
        "annual", date(2021, 3, 31), date(2024, 3, 31), stale_limits({"annual": 36})
    )
    with pytest.raises(ValueError, match="'yearly=3'"):
        parse_limits("yearly=3")
