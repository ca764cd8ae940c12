"""Year to date from the months (indicators.rules.year_to_date)."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.rules.year_to_date import (
    YearToDateMethod,
    months_to_date,
    year_to_date,
    year_to_date_span,
)

SUM, MEAN, LATEST, NONE = (
    YearToDateMethod.SUM,
    YearToDateMethod.MEAN,
    YearToDateMethod.LATEST,
    YearToDateMethod.NONE,
)


def test_april_is_the_first_month_of_the_year():
    assert year_to_date_span(date(2019, 4, 30)) == (date(2019, 4, 1), date(2019, 4, 30))
    assert months_to_date(date(2019, 4, 30)) == [(2019, 4)]


def test_the_year_runs_across_new_year_to_march():
    assert year_to_date_span(date(2019, 2, 10)) == (date(2018, 4, 1), date(2019, 2, 28))
    months = months_to_date(date(2019, 3, 31))
    assert len(months) == 12 and months[0] == (2018, 4) and months[-1] == (2019, 3)
    assert months[8:10] == [(2018, 12), (2019, 1)]


def test_in_april_every_method_gives_the_april_figure():
    for method in (SUM, MEAN, LATEST):
        assert year_to_date(method, [D("2643")]) == D("2643")


def test_sum_adds_the_months():
    assert year_to_date(SUM, [D("2643"), D("2500"), 3]) == D("5146")


def test_mean_is_unrounded():
    assert year_to_date(MEAN, ["1", "2", "2"]) == D(5) / 3


def test_latest_is_the_last_month():
    assert year_to_date(LATEST, [D("10.5"), D("11.5")]) == D("11.5")


@pytest.mark.parametrize("method", [SUM, MEAN, LATEST])
def test_a_missing_month_gives_no_year_to_date(method):
    assert year_to_date(method, [D("1"), None, D("3")]) is None


@pytest.mark.parametrize("method", [SUM, MEAN, LATEST, NONE])
def test_no_months_give_no_year_to_date(method):
    assert year_to_date(method, []) is None


def test_an_indicator_that_says_none_is_never_computed():
    assert year_to_date(NONE, [D("1"), D("2")]) is None
    assert year_to_date("none", [D("1")]) is None


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        year_to_date("median", [D("1")])
