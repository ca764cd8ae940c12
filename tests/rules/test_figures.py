"""The one formatter: every figure at its own precision, rounded half up as councils do."""

from decimal import Decimal as D

import pytest

from indicators.rules.figures import exact, figure, number_format, places_for, stored, target_text


@pytest.mark.parametrize(
    "number, places, text",
    [
        (D("83.25"), 1, "83.3"),  # half up, not Python's half even (83.2)
        (D("0.125"), 2, "0.13"),
        (D("-3.45"), 1, "-3.5"),  # half away from zero, as the councils print
        (D("1177.5"), 0, "1,178"),
        (D("69.3"), 0, "69"),
        (None, 1, ""),
    ],
)
def test_a_figure_is_rounded_half_up_at_its_places(number, places, text):
    assert figure(number, places) == text


def test_a_stored_figure_drops_the_databases_trailing_zeros():
    assert stored(D("9.10000000")) == "9.1"
    assert stored(D("90.00000000")) == "90"
    assert stored(D("-0E-8")) == "0"
    assert stored(None) == ""
    assert exact(D("1415.00000000")) == "1,415"


@pytest.mark.parametrize(
    "printed, places", [("69.3", 1), ("8.8*", 1), ("<20%", 0), ("1,876", 0), ("Tracker", 3)]
)
def test_a_comparator_keeps_the_places_it_was_printed_with(printed, places):
    assert places_for(printed, 3) == places  # 3: the indicator's, used when none is printed


def test_a_target_entered_without_its_printed_form_reads_like_a_councils():
    assert target_text("value", D("85.00000000"), decimal_places=1, percent=True) == "85.0%"
    assert target_text("at_most", D("20"), inclusive=False, decimal_places=0, percent=True) == (
        "<20%"
    )
    assert target_text("range", D("80"), D("100"), decimal_places=0, percent=True) == "80-100%"
    assert target_text("tracker", None) == "Tracker"


def test_a_spreadsheet_shows_a_figure_as_the_table_prints_it():
    assert number_format("1522", 0) == "0"  # Norfolk printed 1522, never 1,522
    assert number_format("1,178", 0) == "#,##0"
    assert number_format("63.6", 1) == "#,##0.0"
    assert number_format("80.8%", 1) == '0.0"%"'


def test_a_remembered_figure_is_written_as_its_own_number_says():
    # figure() remembers its answers; numbers equal to one already written still print
    # as themselves: the sign of a negative zero, and the same value at other places.
    assert figure(D("0.04"), 1) == "0.0"
    assert figure(D("-0.04"), 1) == "-0.0"
    assert figure(D("0"), 1) == "0.0"
    assert figure(D("-0"), 1) == "-0.0"
    assert figure(D("83.25"), 1) == "83.3"
    assert figure(D("83.250"), 2) == "83.25"
