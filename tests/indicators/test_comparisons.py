"""Each value is compared with its target, earlier values and benchmarks, and rated by the
council's scheme, in a fixed number of queries."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.comparisons import comparisons_for
from indicators.models import Period, Value
from tests import factories as f

pytestmark = pytest.mark.django_db


def by_kind(value):
    [(_, rows)] = comparisons_for([Value.objects.for_export().get(pk=value.pk)])
    return {(row.kind, row.group.slug if row.group else None): row for row in rows}


@pytest.fixture
def durham():
    return f.authority("Durham", rating_scheme=f.scheme())


def test_a_durham_value_is_rated_against_target_last_year_and_england(durham):
    s16 = f.indicator(durham, "CYP S16")
    england = f.group("England")
    latest = f.value(s16, f.quarter(2017), "83.2")
    f.value(s16, f.quarter(2016), "86.8")
    f.target(s16, f.quarter(2017), "84")
    f.benchmark(england, s16, Period.objects.from_label("2015/16"), "83.4")

    rows = by_kind(latest)

    assert rows[("target", None)].rating == "amber"  # 0.95% behind: within 2%
    assert rows[("previous_year", None)].rating == "red"  # 4.1% worse than 86.8
    assert rows[("previous_year", None)].direction == "worse"
    assert rows[("previous_year", None)].comparator_period_label == "Apr - Jun 2016"
    assert rows[("national", "england")].rating == "amber"
    assert rows[("national", "england")].comparator_period_label == "2015/16"


def test_a_comparison_marked_not_comparable_is_not_rated(durham):
    s35 = f.indicator(durham, "CYP S35", polarity="lower", unit="rate_100000")
    england = f.group("England")
    latest = f.value(s35, f.quarter(2017), "89")
    f.benchmark(england, s35, Period.objects.from_label("2015/16"), "357")
    f.published(latest, "national", england, not_comparable=True)

    row = by_kind(latest)[("national", "england")]

    assert row.rating == ""
    assert row.not_comparable


def test_a_missing_comparator_keeps_what_the_paper_printed(durham):
    s2 = f.indicator(durham, "CYP S2", polarity="lower")
    england = f.group("England")
    latest = f.value(s2, f.quarter(2017), "4.9")
    f.published(latest, "national", england, printed_comparator="No Data")
    f.published(latest, "previous_year", printed_comparator="New PI", printed_rating="NA")

    rows = by_kind(latest)

    assert rows[("national", "england")].comparator_printed == "No Data"
    assert rows[("national", "england")].rating == ""
    assert rows[("previous_year", None)].comparator_printed == "New PI"


def test_a_published_rating_that_differs_is_shown_beside_the_computed_one(durham):
    s16 = f.indicator(durham, "CYP S16")
    latest = f.value(s16, f.quarter(2017), "83.2")
    f.value(s16, f.quarter(2016), "86.8")
    f.published(latest, "previous_year", published_rating="green")

    row = by_kind(latest)[("previous_year", None)]

    assert row.published_rating == "green" and row.rating == "red"
    assert row.rating_differs


def test_norfolk_rates_against_red_and_green_tolerances_month_on_month():
    mi = f.scheme("absolute_thresholds", "0", rated=["target"])
    norfolk = f.authority("Norfolk", rating_scheme=mi)
    assessments = f.indicator(norfolk, "3.3", frequency="monthly")
    f.tolerance(assessments, red=70, green=80)
    f.target(assessments, f.month(2018, 4), "80")
    f.value(assessments, f.month(2018, 3), "56.0")
    april = f.value(assessments, f.month(2018, 4), "61.9")

    rows = by_kind(april)

    assert rows[("target", None)].rating == "red"
    assert rows[("previous_period", None)].direction == "improved"
    assert rows[("previous_period", None)].rating == ""  # Norfolk does not rate its DOT


def test_inverted_tolerances_are_flagged_and_not_rated():
    mi = f.scheme("absolute_thresholds", "0", rated=["target"])
    norfolk = f.authority("Norfolk", rating_scheme=mi)
    cp_rate = f.indicator(norfolk, "6.5", polarity="lower", unit="rate_10000", frequency="monthly")
    f.tolerance(cp_rate, red=30, green=35, published_quirk="Printed inverted.")
    april = f.value(cp_rate, f.month(2018, 4), "38.2")

    row = by_kind(april)[("target", None)]

    assert row.rating == ""
    assert "Printed inverted." in row.quirks


def test_a_benchmark_sits_beside_the_latest_value_it_is_latest_for(durham):
    s16 = f.indicator(durham, "CYP S16")
    england = f.group("England")
    f.benchmark(england, s16, Period.objects.from_label("2015/16"), "83.4")
    older = f.value(s16, f.quarter(2016), "86.8")
    latest = f.value(s16, f.quarter(2017), "83.2")

    rows = dict(comparisons_for(Value.objects.for_export()))

    assert [r.kind for r in rows[older] if r.group] == []
    assert [r.kind for r in rows[latest] if r.group] == ["national"]


def test_benchmarks_newer_than_the_value_are_not_used(durham):
    s16 = f.indicator(durham, "CYP S16")
    england = f.group("England")
    f.benchmark(
        england,
        s16,
        Period.objects.for_span("snapshot", date(2018, 3, 31), date(2018, 3, 31)),
        "80",
    )
    latest = f.value(s16, f.quarter(2017), "83.2")

    assert ("national", "england") not in by_kind(latest)


def test_the_query_count_does_not_grow_with_the_number_of_indicators(
    durham, django_assert_max_num_queries
):
    england = f.group("England")

    def add_indicators(n, start):
        for i in range(start, start + n):
            ind = f.indicator(durham, f"X{i}")
            f.value(ind, f.quarter(2017), "50")
            f.value(ind, f.quarter(2016), "40")
            f.target(ind, f.quarter(2017), "45")
            f.benchmark(england, ind, Period.objects.from_label("2016/17"), "48")

    add_indicators(1, 0)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        comparisons_for(Value.objects.for_export())
    add_indicators(20, 1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        result = comparisons_for(Value.objects.for_export())
    assert len(result) == 42


def test_the_comparisons_are_at_hand_by_kind_and_in_the_order_pages_show_them(durham):
    s16 = f.indicator(durham, "CYP S16")
    england = f.group("England")
    north_east = f.group("North East", kind="regional")
    latest = f.value(s16, f.quarter(2017), "83.2")
    f.value(s16, f.quarter(2016), "86.8")
    f.value(s16, Period.objects.from_label("Jan - Mar 2017"), "84.0")
    f.target(s16, f.quarter(2017), "84")
    f.benchmark(north_east, s16, Period.objects.from_label("2015/16"), "82.0")
    f.benchmark(england, s16, Period.objects.from_label("2015/16"), "83.4")
    f.published(latest, "other", printed_comparator="No Data")

    [(_, comparisons)] = comparisons_for([Value.objects.for_export().get(pk=latest.pk)])

    assert comparisons.target.comparator_value == 84
    assert comparisons.previous_year.comparator_value == D("86.8")
    assert comparisons.previous_period.comparator_value == 84
    assert comparisons.benchmark("national").comparator_value == D("83.4")
    assert comparisons.benchmark("regional").comparator_value == 82
    assert comparisons.benchmark("statistical_neighbours") is None
    # Target, 12 months earlier, previous period, benchmarks by group kind, then what only
    # the paper printed.
    assert [c.kind for c in comparisons] == [
        "target", "previous_year", "previous_period", "national", "regional", "other",
    ]  # fmt: skip
    assert [c.kind for c in comparisons.benchmarks] == ["national", "regional", "other"]
