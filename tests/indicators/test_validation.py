"""Bad input is rejected at model validation with a message naming the field and reason."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Period, SubArea, Target, Tolerance, Value
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def durham():
    return f.authority("Durham")


@pytest.fixture
def percent_indicator(durham):
    return f.indicator(durham, "CYP S16", unit="percent")


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_a_percentage_above_100_is_rejected(percent_indicator):
    v = Value(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        period=f.quarter(2017),
        value=Decimal("100.1"),
    )
    assert "not a percentage between 0 and 100" in errors_of(v)["value"][0]


def test_a_percentage_above_100_is_allowed_where_the_indicator_allows_it(durham):
    allocations = f.indicator(durham, "1.6", unit="percent", allows_over_100=True)
    Value(
        indicator=allocations, authority=durham, period=f.quarter(2017), value=Decimal("104.5")
    ).full_clean()


def test_a_numerator_larger_than_the_denominator_is_rejected(percent_indicator):
    v = Value(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        period=f.quarter(2017),
        value=Decimal("50"),
        numerator=12,
        denominator=10,
    )
    message = errors_of(v)["numerator"][0]
    assert "12" in message and "10" in message and "larger than the denominator" in message


def test_a_rate_cannot_count_more_children_than_its_population(durham):
    rate = f.indicator(durham, "CYP S17", unit="rate_10000")
    v = Value(
        indicator=rate,
        authority=durham,
        period=f.quarter(2017),
        value=Decimal("11000"),
        numerator=1100,
        denominator=1000,
    )
    assert "larger than the denominator" in errors_of(v)["numerator"][0]


def test_a_value_that_does_not_match_its_fraction_names_both_figures(percent_indicator):
    v = Value(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        period=f.quarter(2017),
        value=Decimal("5.5"),
        numerator=96,
        denominator=906,
    )
    message = errors_of(v)["value"][0]
    assert "numerator 96" in message and "denominator 906" in message and "10.6" in message


def test_fractions_are_rounded_half_up_as_the_councils_print_them(percent_indicator):
    # Norfolk prints 9/144 = 6.25 as 6.3%; banker's rounding would give 6.2.
    Value(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        period=f.quarter(2017),
        value=Decimal("6.3"),
        numerator=9,
        denominator=144,
    ).full_clean()


def test_a_flagged_published_inconsistency_is_kept_as_printed(percent_indicator):
    Value(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        period=f.quarter(2017),
        value=Decimal("5.5"),
        numerator=96,
        denominator=906,
        published_quirk="Printed 5.5% above 96 / 906.",
    ).full_clean()


def test_a_negative_count_is_rejected_but_a_negative_attainment_gap_is_not(durham):
    count = f.indicator(durham, "CYP S34", unit="count", polarity="none")
    v = Value(indicator=count, authority=durham, period=f.quarter(2017), value=Decimal("-1"))
    assert "cannot be negative" in errors_of(v)["value"][0]
    gap = f.indicator(durham, "CYP S25", unit="score")
    Value(
        indicator=gap, authority=durham, period=f.quarter(2017), value=Decimal("-12.5")
    ).full_clean()


def test_an_unknown_indicator_or_period_is_rejected(durham):
    v = Value(indicator_id=987654, authority=durham, period_id=987654, value=Decimal("1"))
    errors = errors_of(v)
    assert "indicator" in errors and "period" in errors


def test_another_councils_indicator_is_rejected(durham, percent_indicator):
    norfolk = f.authority("Norfolk")
    v = Value(
        indicator=percent_indicator, authority=norfolk, period=f.quarter(2017), value=Decimal("50")
    )
    assert "belongs to Durham, not Norfolk" in errors_of(v)["indicator"][0]


def test_a_locality_of_another_council_is_rejected(durham, percent_indicator):
    norfolk = f.authority("Norfolk")
    yarmouth = SubArea.objects.create(authority=norfolk, name="Yarmouth", slug="yarmouth")
    v = Value(
        indicator=percent_indicator,
        authority=durham,
        area=yarmouth,
        period=f.quarter(2017),
        value=Decimal("50"),
    )
    assert "Yarmouth is not part of Durham" in errors_of(v)["area"][0]


def test_thresholds_that_contradict_the_polarity_are_rejected(durham):
    cp_rate = f.indicator(durham, "6.5", polarity="lower", unit="rate_10000")
    inverted = Tolerance(
        indicator=cp_rate, authority=durham, red=Decimal("30"), green=Decimal("35")
    )
    message = errors_of(inverted)["red"][0]
    assert "Red" in message and "Green" in message


def test_inverted_thresholds_are_kept_when_flagged_as_published(durham):
    cp_rate = f.indicator(durham, "6.5", polarity="lower", unit="rate_10000")
    Tolerance(
        indicator=cp_rate,
        authority=durham,
        red=Decimal("30"),
        green=Decimal("35"),
        published_quirk="Printed inverted in the April 2018 MI report.",
    ).full_clean()


def test_a_range_target_needs_its_upper_end_above_the_lower(percent_indicator):
    t = Target(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        kind="range",
        value=Decimal("80"),
        upper=Decimal("70"),
    )
    assert "below the lower end" in errors_of(t)["upper"][0]


def test_a_tracker_has_no_target_figure(percent_indicator):
    t = Target(
        indicator=percent_indicator,
        authority=percent_indicator.authority,
        kind="tracker",
        value=Decimal("80"),
    )
    assert "no target figure" in errors_of(t)["value"][0]


def test_a_snapshot_is_a_single_date():
    p = Period(kind="snapshot", start=date(2017, 6, 1), end=date(2017, 6, 30))
    assert "single date" in errors_of(p)["end"][0]


def test_periods_are_labelled_in_the_councils_style():
    assert f.quarter(2017).label == "Apr - Jun 2017"
    assert Period.objects.from_label("As at Jun 2017").label == "As at Jun 2017"
    assert Period.objects.from_label("2015/16 ac yr").end == date(2016, 8, 31)
