"""Rating rules, tested at every boundary and against the councils' published ratings."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.rules.direction import direction_of_travel
from indicators.rules.rating import (
    check_thresholds,
    rate,
    rate_against_comparator,
    rate_against_target,
    rate_against_thresholds,
    relative_gap_percent,
    target_meets,
    variance_from_target_percent,
)
from indicators.rules.types import (
    DURHAM_SCHEME,
    NORFOLK_DASHBOARD_SCHEME,
    NORFOLK_MI_SCHEME,
    Direction,
    Polarity,
    Rating,
    Scheme,
    SchemeKind,
    TargetKind,
    TargetSpec,
)

H, L, NO = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE
G, A, R, NR = Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NOT_RATED

# Durham Q1 2017/18 report, Appendix 3: every one of the 94 rated cells
# (seeds-durham.md §3.2): PI, comparison, Durham value, comparator, polarity, published.
DURHAM_PUBLISHED = [
    ("CYP S1", "12m", "9.1", "8.0", H, G),
    ("CYP S1", "Eng", "9.1", "6.4", H, G),
    ("CYP S1", "NE", "9.1", "8.8", H, G),
    ("CYP S24", "Eng", "49.2", "48.5", H, G),
    ("CYP S24", "NE", "49.2", "48.7", H, G),
    ("CYP S27", "Eng", "31.9", "31.8", H, G),
    ("CYP S27", "NE", "31.9", "30.63", H, G),
    ("CYP S2", "12m", "4.9", "4.7", L, R),
    ("CYP S2", "NE", "4.9", "4", L, R),
    ("CYP S25", "Eng", "-12.5", "-12.3", H, A),
    ("CYP S25", "NE", "-12.5", "-13.3", H, G),
    ("CYP S26", "12m", "69", "63.6", H, G),
    ("CYP S26", "Eng", "69", "69.3", H, A),
    ("CYP S26", "NE", "69", "68.4", H, G),
    ("CYP S29", "Eng", "-16", "-22", H, G),
    ("CYP S29", "NE", "-16", "-23", H, G),
    ("CYP S30", "12m", "91.7", "92", H, A),
    ("CYP S30", "Eng", "91.7", "90", H, G),
    ("CYP S30", "NE", "91.7", "91", H, G),
    ("CYP S31", "12m", "64.5", "70", H, R),
    ("CYP S31", "Eng", "64.5", "79", H, R),
    ("CYP S31", "NE", "64.5", "67", H, R),
    ("CYP S32", "12m", "2", "1.9", L, R),
    ("AHS1", "12m", "25.9", "27.5", L, G),
    ("AHS1", "Eng", "25.9", "20.4", L, R),
    ("AHS1", "NE", "25.9", "27.5", L, G),
    ("AHS2", "Eng", "64.9", "75.2", H, R),
    ("AHS2", "NE", "64.9", "72", H, R),
    ("AHS3", "12m", "67.5", "72.8", L, G),
    ("AHS3", "Eng", "67.5", "37.4", L, R),
    ("AHS3", "NE", "67.5", "66.9", L, A),
    ("AHS4", "12m", "489.4", "504.8", L, G),
    ("AHS4", "Eng", "489.4", "367.3", L, R),
    ("AHS4", "NE", "489.4", "532.2", L, G),
    ("AHS5", "12m", "24.3", "23.0", L, R),
    ("AHS5", "Eng", "24.3", "22.1", L, R),
    ("AHS5", "NE", "24.3", "24.6", L, G),
    ("ASH6", "12m", "37", "36.6", L, A),
    ("ASH6", "Eng", "37", "34.2", L, R),
    ("ASH6", "NE", "37", "37", L, G),
    ("CYP S33", "12m", "66.0", "90.0", H, R),
    ("CYP S33", "Eng", "66.0", "58.6", H, G),
    ("CYP S33", "NE", "66.0", "73.4", H, R),
    ("CYP S22", "Eng", "16.7", "13.2", H, G),
    ("CYP S22", "NE", "16.7", "15.7", H, G),
    ("CYP S23", "12m", "88.1", "86", H, G),
    ("CYP S14", "12m", "85.5", "58.6", H, G),
    ("CYP S15", "12m", "17.0", "24.8", L, G),
    ("CYP S15", "Eng", "17.0", "22.3", L, G),
    ("CYP S15", "NE", "17.0", "20.6", L, G),
    ("CYP S16", "12m", "83.2", "86.8", H, R),
    ("CYP S16", "Eng", "83.2", "83.4", H, A),
    ("CYP S16", "NE", "83.2", "82.1", H, G),
    ("CYP S17", "12m", "48.6", "35.7", L, R),
    ("CYP S17", "Eng", "48.6", "43.1", L, R),
    ("CYP S17", "NE", "48.6", "59.6", L, G),
    ("CYP S19", "12m", "42.6", "75.2", H, R),
    ("CYP S19", "Eng", "42.6", "76.7", H, R),
    ("CYP S19", "NE", "42.6", "82.4", H, R),
    ("CYP S20", "12m", "43.0", "42.0", H, G),
    ("CYP S4", "12m", "17.3", "11.1", H, G),
    ("CYP S4", "Eng", "17.3", "15", H, G),
    ("CYP S4", "NE", "17.3", "13", H, G),
    ("CYP S5", "12m", "81.4", "84.4", H, R),
    ("CYP S6", "12m", "3.2", "2.0", L, R),
    ("CYP S7", "12m", "82.5", "90.9", H, R),
    ("CYP S7", "Eng", "82.5", "84.4", H, R),
    ("CYP S7", "NE", "82.5", "86.3", H, R),
    ("CYP S8", "12m", "86.4", "77.0", H, G),
    ("CYP S8", "Eng", "86.4", "88.4", H, R),
    ("CYP S8", "NE", "86.4", "94.7", H, R),
    ("CYP S9", "12m", "16.0", "14.9", L, R),
    ("CYP S9", "Eng", "16.0", "14", L, R),
    ("CYP S9", "NE", "16.0", "14.5", L, R),
    ("CYP S10", "Eng", "31.3", "22.8", H, G),
    ("CYP S10", "NE", "31.3", "25.9", H, G),
    ("CYP S11", "Eng", "44.0", "25", H, G),
    ("CYP S11", "NE", "44.0", "27", H, G),
    ("CYP S12", "12m", "69.1", "59.3", H, G),
    ("CYP S12", "Eng", "69.1", "52", H, G),
    ("CYP S12", "NE", "69.1", "50", H, G),
    ("CYP S13", "12m", "94.3", "94.5", H, A),
    ("CYP S13", "Eng", "94.3", "84", H, G),
    ("CYP S13", "NE", "94.3", "86", H, G),
    ("AHS12", "12m", "16.5", "18.1", L, G),
    ("AHS12", "Eng", "16.5", "10.5", L, R),
    ("AHS12", "NE", "16.5", "16", L, R),
    ("AHS38", "12m", "28.2", "28.8", H, R),
    ("AHS38", "Eng", "28.2", "44.3", H, R),
    ("AHS38", "NE", "28.2", "30.6", H, R),
    ("CYP S35", "12m", "89", "95", L, G),
    ("CYP S36", "12m", "42.6", "46.9", L, G),
    ("CYP S36", "Eng", "42.6", "37.8", L, R),
    ("CYP S36", "NE", "42.6", "43.4", L, G),
]


@pytest.mark.parametrize(
    ("pi", "versus", "value", "comparator", "polarity", "published"),
    DURHAM_PUBLISHED,
    ids=[f"{row[0]}-{row[1]}" for row in DURHAM_PUBLISHED],
)
def test_durham_rule_reproduces_every_published_rating(
    pi, versus, value, comparator, polarity, published
):
    assert rate_against_comparator(D(value), D(comparator), polarity, DURHAM_SCHEME) == published


def test_durham_table_has_all_94_rated_cells():
    assert len(DURHAM_PUBLISHED) == 94


# --- rate_against_comparator: the 2% boundary -----------------------------------------


def test_same_value_as_comparator_is_green():
    assert rate_against_comparator(D("37"), D("37"), L, DURHAM_SCHEME) == G


def test_better_than_comparator_is_green():
    assert rate_against_comparator(D("101"), D("100"), H, DURHAM_SCHEME) == G
    assert rate_against_comparator(D("99"), D("100"), L, DURHAM_SCHEME) == G


def test_worse_by_exactly_two_percent_is_amber():
    assert rate_against_comparator(D("98"), D("100"), H, DURHAM_SCHEME) == A
    assert rate_against_comparator(D("102"), D("100"), L, DURHAM_SCHEME) == A


def test_worse_by_just_over_two_percent_is_red():
    assert rate_against_comparator(D("97.99"), D("100"), H, DURHAM_SCHEME) == R
    assert rate_against_comparator(D("102.01"), D("100"), L, DURHAM_SCHEME) == R


def test_two_percent_is_relative_to_the_comparator_not_percentage_points():
    # CYP S32: 2 against 1.9 is 0.1 points but 5.26% worse, published RED.
    assert rate_against_comparator(D("2"), D("1.9"), L, DURHAM_SCHEME) == R
    # AHS3 vs NE: 67.5 against 66.9 is 0.6 points but 0.90% worse, published AMBER.
    assert rate_against_comparator(D("67.5"), D("66.9"), L, DURHAM_SCHEME) == A


def test_exactly_two_percent_is_red_when_amber_is_exclusive():
    scheme = Scheme(SchemeKind.RELATIVE_TOLERANCE, amber_inclusive=False)
    assert rate_against_comparator(D("98"), D("100"), H, scheme) == R
    assert rate_against_comparator(D("98.01"), D("100"), H, scheme) == A


def test_float_inputs_keep_the_exact_boundary():
    # In binary floating point 1.0 - 0.98 is 0.020000000000000018, which would be RED.
    assert rate_against_comparator(0.98, 1.0, H, DURHAM_SCHEME) == A
    assert rate_against_comparator(98, 100, H, DURHAM_SCHEME) == A


def test_polarity_can_be_given_as_its_stored_string():
    assert rate_against_comparator(D("98"), D("100"), "higher", DURHAM_SCHEME) == A
    assert rate_against_comparator(D("98"), D("100"), "lower", DURHAM_SCHEME) == G


def test_norfolk_dashboard_band_is_ten_percent_relative():
    assert rate_against_comparator(D("90"), D("100"), H, NORFOLK_DASHBOARD_SCHEME) == A
    assert rate_against_comparator(D("89.99"), D("100"), H, NORFOLK_DASHBOARD_SCHEME) == R
    assert rate_against_comparator(D("110"), D("100"), L, NORFOLK_DASHBOARD_SCHEME) == A
    assert rate_against_comparator(D("110.01"), D("100"), L, NORFOLK_DASHBOARD_SCHEME) == R


def test_negative_gap_measure_slightly_worse_is_amber():
    # CYP S25 vs England: -12.5 against -12.3, higher is better, 1.63% worse.
    assert rate_against_comparator(D("-12.5"), D("-12.3"), H, DURHAM_SCHEME) == A


def test_negative_gap_measure_nearer_zero_is_green():
    # CYP S29 vs England: -16 against -22, higher is better.
    assert rate_against_comparator(D("-16"), D("-22"), H, DURHAM_SCHEME) == G


def test_negative_comparator_measures_tolerance_from_its_magnitude():
    assert rate_against_comparator(D("-10.2"), D("-10"), H, DURHAM_SCHEME) == A
    assert rate_against_comparator(D("-10.21"), D("-10"), H, DURHAM_SCHEME) == R


def test_zero_comparator_equal_value_is_green():
    assert rate_against_comparator(D("0"), D("0"), H, DURHAM_SCHEME) == G


def test_zero_comparator_better_value_is_green():
    assert rate_against_comparator(D("0.1"), D("0"), H, DURHAM_SCHEME) == G
    assert rate_against_comparator(D("-0.1"), D("0"), L, DURHAM_SCHEME) == G


def test_any_worsening_from_a_zero_comparator_is_red():
    assert rate_against_comparator(D("-0.001"), D("0"), H, DURHAM_SCHEME) == R
    assert rate_against_comparator(D("0.001"), D("0"), L, DURHAM_SCHEME) == R


@pytest.mark.parametrize(("value", "comparator"), [(None, D("1")), (D("1"), None), (None, None)])
def test_missing_value_or_comparator_is_not_rated(value, comparator):
    assert rate_against_comparator(value, comparator, H, DURHAM_SCHEME) == NR


def test_no_polarity_is_not_rated_even_with_both_values():
    # CYP S3 LAC rate 78.7 against England 60: printed blank, polarity none.
    assert rate_against_comparator(D("78.7"), D("60"), NO, DURHAM_SCHEME) == NR


def test_comparator_rating_refuses_an_absolute_thresholds_scheme():
    with pytest.raises(ValueError, match="rate_against_thresholds"):
        rate_against_comparator(D("1"), D("1"), H, NORFOLK_MI_SCHEME)


# --- relative_gap_percent ------------------------------------------------------------


def test_relative_gap_is_positive_when_worse():
    assert relative_gap_percent(D("98"), D("100"), H) == D("2")
    assert relative_gap_percent(D("25.9"), D("20.4"), L).quantize(D("0.01")) == D("26.96")


def test_relative_gap_is_negative_when_better():
    assert relative_gap_percent(D("110"), D("100"), H) == D("-10")
    assert relative_gap_percent(D("90"), D("100"), L) == D("-10")


def test_relative_gap_is_zero_when_equal():
    assert relative_gap_percent(D("37"), D("37"), L) == 0
    assert relative_gap_percent(D("0"), D("0"), H) == 0


def test_relative_gap_of_negative_values_uses_the_comparator_magnitude():
    assert relative_gap_percent(D("-12.5"), D("-12.3"), H).quantize(D("0.01")) == D("1.63")


def test_relative_gap_from_zero_comparator_is_undefined():
    assert relative_gap_percent(D("1"), D("0"), H) is None
    assert relative_gap_percent(D("1"), D("0"), L) is None


def test_relative_gap_needs_both_values_and_a_polarity():
    assert relative_gap_percent(None, D("1"), H) is None
    assert relative_gap_percent(D("1"), None, H) is None
    assert relative_gap_percent(D("1"), D("2"), NO) is None


# --- rate_against_thresholds: Norfolk MI ----------------------------------------------

# Norfolk MI county report, April 2018: all 18 rated rows (seeds-stockton-norfolk.md §2.7).
NORFOLK_PUBLISHED = [
    ("2.3", H, "17.7", "15", "25", A),
    ("2.7", L, "28.4", "30", "20", A),
    ("3.3", H, "61.9", "70", "80", R),
    ("3.5p", H, "42.5", "50", "60", R),
    ("5.4", H, "81.7", "80", "90", A),
    ("5.5", H, "65.4", "80", "90", R),
    ("6.4", H, "76.6", "80", "90", R),
    ("6.10b", L, "0.8", "10", "3", G),
    ("6.12", H, "90.8", "85", "95", A),
    ("6.14", H, "51.2", "80", "90", R),
    ("6.15", H, "83.6", "80", "90", A),
    ("7.2", L, "69.7", "65", "55", R),
    ("7.13", H, "88.7", "80", "90", A),
    ("7.14", H, "94.0", "80", "90", G),
    ("7.15", H, "84.0", "80", "90", A),
    ("8.3", H, "91.3", "80", "95", A),
    ("8.4", H, "58.4", "50", "70", A),
    ("9.2", L, "11.5", "20", "11", A),
]


@pytest.mark.parametrize(
    ("ref", "polarity", "value", "red", "green", "published"),
    NORFOLK_PUBLISHED,
    ids=[row[0] for row in NORFOLK_PUBLISHED],
)
def test_norfolk_thresholds_reproduce_every_published_county_rating(
    ref, polarity, value, red, green, published
):
    assert rate_against_thresholds(D(value), polarity, D(red), D(green)) == published


# Locality values quoted in the commentary, rated against the county tolerances (§2.7).
NORFOLK_LOCALITIES = [
    ("3.3 West", "93.3", "70", "80", G),
    ("5.4 Yarmouth", "86.6", "80", "90", A),
    ("5.5 North", "50", "80", "90", R),
    ("5.5 Yarmouth", "76.6", "80", "90", R),
    ("6.14 North", "39", "80", "90", R),
    ("6.14 South", "77.2", "80", "90", R),
    ("7.15 Norwich", "75.7", "80", "90", R),
    ("8.4 Yarmouth", "78.6", "50", "70", G),
    ("8.4 South", "63.2", "50", "70", A),
    ("8.4 Norwich", "60.6", "50", "70", A),
    ("8.4 West", "42.2", "50", "70", R),
    ("8.4 North", "48", "50", "70", R),
]


@pytest.mark.parametrize(
    ("where", "value", "red", "green", "published"),
    NORFOLK_LOCALITIES,
    ids=[row[0] for row in NORFOLK_LOCALITIES],
)
def test_norfolk_thresholds_reproduce_published_locality_ratings(
    where, value, red, green, published
):
    assert rate_against_thresholds(D(value), H, D(red), D(green)) == published


def test_higher_value_exactly_on_green_threshold_is_green():
    assert rate_against_thresholds(D("90"), H, D("80"), D("90")) == G


def test_higher_value_exactly_on_green_threshold_is_amber_when_green_is_exclusive():
    scheme = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, green_inclusive=False)
    assert rate_against_thresholds(D("90"), H, D("80"), D("90"), scheme) == A
    assert rate_against_thresholds(D("90.01"), H, D("80"), D("90"), scheme) == G


def test_higher_value_exactly_on_red_threshold_is_amber():
    assert rate_against_thresholds(D("80"), H, D("80"), D("90")) == A
    assert rate_against_thresholds(D("79.99"), H, D("80"), D("90")) == R


def test_higher_value_exactly_on_red_threshold_is_red_when_red_is_inclusive():
    scheme = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, red_inclusive=True)
    assert rate_against_thresholds(D("80"), H, D("80"), D("90"), scheme) == R
    assert rate_against_thresholds(D("80.01"), H, D("80"), D("90"), scheme) == A


def test_lower_value_exactly_on_green_threshold_is_green():
    assert rate_against_thresholds(D("55"), L, D("65"), D("55")) == G
    assert rate_against_thresholds(D("55.01"), L, D("65"), D("55")) == A


def test_lower_value_exactly_on_green_threshold_is_amber_when_green_is_exclusive():
    scheme = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, green_inclusive=False)
    assert rate_against_thresholds(D("55"), L, D("65"), D("55"), scheme) == A
    assert rate_against_thresholds(D("54.99"), L, D("65"), D("55"), scheme) == G


def test_lower_value_exactly_on_red_threshold_is_amber():
    assert rate_against_thresholds(D("65"), L, D("65"), D("55")) == A
    assert rate_against_thresholds(D("65.01"), L, D("65"), D("55")) == R


def test_lower_value_exactly_on_red_threshold_is_red_when_red_is_inclusive():
    scheme = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, red_inclusive=True)
    assert rate_against_thresholds(D("65"), L, D("65"), D("55"), scheme) == R


def test_equal_thresholds_give_no_amber_band():
    assert rate_against_thresholds(D("90"), H, D("90"), D("90")) == G
    assert rate_against_thresholds(D("89.9"), H, D("90"), D("90")) == R


def test_equal_inclusive_thresholds_rate_the_shared_value_red():
    scheme = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, red_inclusive=True)
    assert rate_against_thresholds(D("90"), H, D("90"), D("90"), scheme) == R


def test_thresholds_work_with_negative_values():
    assert rate_against_thresholds(D("-5"), H, D("-10"), D("-2")) == A
    assert rate_against_thresholds(D("-11"), H, D("-10"), D("-2")) == R


def test_inverted_thresholds_are_not_rated():
    # Norfolk MI 6.5 CP rate (lower is better) prints Red 30 / Green 35 and no rating.
    assert rate_against_thresholds(D("38.2"), L, D("30"), D("35")) == NR
    assert rate_against_thresholds(D("20"), L, D("30"), D("35")) == NR
    assert rate_against_thresholds(D("85"), H, D("90"), D("80")) == NR


@pytest.mark.parametrize(("red", "green"), [(None, D("90")), (D("80"), None), (None, None)])
def test_missing_threshold_is_not_rated(red, green):
    assert rate_against_thresholds(D("85"), H, red, green) == NR


def test_missing_value_against_thresholds_is_not_rated():
    assert rate_against_thresholds(None, H, D("80"), D("90")) == NR


def test_info_measure_is_not_rated_against_thresholds():
    assert rate_against_thresholds(D("85"), NO, D("80"), D("90")) == NR


def test_threshold_rating_refuses_a_relative_scheme():
    with pytest.raises(ValueError):
        rate_against_thresholds(D("85"), H, D("80"), D("90"), DURHAM_SCHEME)


def test_check_thresholds_explains_an_inverted_lower_is_better_pair():
    assert check_thresholds(L, D("30"), D("35")) == (
        "Red tolerance (30) must be above the Green tolerance (35) when lower is better"
    )


def test_check_thresholds_explains_an_inverted_higher_is_better_pair():
    assert check_thresholds(H, D("90"), D("80")) == (
        "Red tolerance (90) must be below the Green tolerance (80) when higher is better"
    )


def test_check_thresholds_accepts_consistent_and_equal_pairs():
    assert check_thresholds(H, D("80"), D("90")) is None
    assert check_thresholds(L, D("65"), D("55")) is None
    assert check_thresholds(H, D("90"), D("90")) is None
    assert check_thresholds(L, D("90"), D("90")) is None


def test_check_thresholds_needs_a_polarity():
    assert check_thresholds(NO, D("80"), D("90")) == "thresholds need a polarity"


def test_check_thresholds_ignores_an_incomplete_pair():
    assert check_thresholds(L, None, D("35")) is None
    assert check_thresholds(NO, D("30"), None) is None


# --- targets --------------------------------------------------------------------------

# Durham's implied target status for the seven targeted rows (seeds-durham.md §3.4).
DURHAM_TARGETS = [
    ("CYP S26", "69", "64.0", H, G),
    ("CYP S33", "66.0", "90.0", H, R),
    ("CYP S22", "16.7", "24.4", H, R),
    ("CYP S23", "88.1", "60", H, G),
    ("CYP S21", "60.9", "80.0", H, R),
    ("AHS12", "16.5", "17.2", L, G),
    ("CYP S35", "89", "146", L, G),
]


@pytest.mark.parametrize(
    ("pi", "value", "target", "polarity", "expected"),
    DURHAM_TARGETS,
    ids=[row[0] for row in DURHAM_TARGETS],
)
def test_durham_targets_rate_as_the_narrative_describes(pi, value, target, polarity, expected):
    spec = TargetSpec(TargetKind.VALUE, D(target))
    assert rate_against_target(D(value), spec, polarity, DURHAM_SCHEME) == expected


def _bound(text):
    """A target as Norfolk's dashboard prints it: "<20%" is strict, a number is a value."""
    if text.startswith("<"):
        return TargetSpec(TargetKind.AT_MOST, D(text[1:]), inclusive=False)
    if text.startswith(">"):
        return TargetSpec(TargetKind.AT_LEAST, D(text[1:]), inclusive=False)
    return TargetSpec(TargetKind.VALUE, D(text))


# Norfolk vital-signs dashboard, latest period, under its printed 10% rule with the
# printed target as the reference (seeds-stockton-norfolk.md §2.2, "Literal rule").
NORFOLK_DASHBOARD = [
    ("EH re-referrals", "5.4", "20.0", L, G),
    ("S17 CIN re-referrals", "24.2", "<20", L, R),
    ("CP repeat within 2 years", "7.5", "<15", L, G),
    ("CIN up-to-date plan", "81.7", "100", H, R),
    ("CP children seen", "83.6", "100", H, R),
    ("LAC care plan", "94.0", "100", H, A),
    ("LAC health assessment", "77.4", "100", H, R),
    ("Care leavers pathway plan", "76.3", "100", H, R),
    ("All young people EET", "90.4", "92", H, A),
    ("Care leavers EET", "58.4", "70", H, R),
    ("Starting LAC previously LAC", "6.7", "<15", L, G),
    ("LAC up-to-date PEP", "88.7", "100", H, R),
    ("LAC rate per 10k", "69.7", "<55", L, R),
    ("Schools good or outstanding", "89.0", ">86", H, G),
]


@pytest.mark.parametrize(
    ("sign", "value", "target", "polarity", "expected"),
    NORFOLK_DASHBOARD,
    ids=[row[0] for row in NORFOLK_DASHBOARD],
)
def test_norfolk_dashboard_literal_rule(sign, value, target, polarity, expected):
    spec = _bound(target)
    assert rate_against_target(D(value), spec, polarity, NORFOLK_DASHBOARD_SCHEME) == expected


def test_tracker_is_not_rated():
    assert rate_against_target(D("9.1"), TargetSpec.tracker(), H, DURHAM_SCHEME) == NR
    assert target_meets(D("9.1"), TargetSpec.tracker(), H) is None


def test_tracker_is_not_rated_even_with_thresholds():
    tracker = TargetSpec.tracker()
    assert rate_against_target(D("85"), tracker, H, NORFOLK_MI_SCHEME, D("80"), D("90")) == NR


def test_missing_value_against_a_target_is_not_rated():
    spec = TargetSpec(TargetKind.VALUE, D("90"))
    assert rate_against_target(None, spec, H, DURHAM_SCHEME) == NR
    assert target_meets(None, spec, H) is None


def test_value_target_needs_a_polarity():
    spec = TargetSpec(TargetKind.VALUE, D("90"))
    assert rate_against_target(D("95"), spec, NO, DURHAM_SCHEME) == NR
    assert target_meets(D("95"), spec, NO) is None


def test_value_target_is_polarity_aware():
    spec = TargetSpec(TargetKind.VALUE, D("28"))
    # Durham Cabinet 2014: re-referrals "26.3%, which is achieving target (28%)".
    assert target_meets(D("26.3"), spec, L) is True
    assert target_meets(D("26.3"), spec, H) is False


def test_norfolk_tolerances_rate_and_the_target_is_only_shown():
    # MI 7.14: 94.0% against a 100% target, Red 80 / Green 90: published Green.
    spec = TargetSpec(TargetKind.VALUE, D("100"))
    assert rate_against_target(D("94.0"), spec, H, NORFOLK_MI_SCHEME, D("80"), D("90")) == G


def test_norfolk_scheme_without_tolerances_is_not_rated():
    spec = TargetSpec(TargetKind.VALUE, D("100"))
    assert rate_against_target(D("94.0"), spec, H, NORFOLK_MI_SCHEME) == NR


def test_at_least_target_met_exactly_is_green():
    spec = TargetSpec(TargetKind.AT_LEAST, D("80"))
    assert target_meets(D("80"), spec, H) is True
    assert rate_against_target(D("80"), spec, H, DURHAM_SCHEME) == G


def test_at_least_target_missed_by_exactly_two_percent_is_amber():
    spec = TargetSpec(TargetKind.AT_LEAST, D("80"))
    assert rate_against_target(D("78.4"), spec, H, DURHAM_SCHEME) == A
    assert rate_against_target(D("78.39"), spec, H, DURHAM_SCHEME) == R


def test_value_on_a_strict_bound_misses_it_but_is_amber():
    above_86 = TargetSpec(TargetKind.AT_LEAST, D("86"), inclusive=False)
    assert target_meets(D("86"), above_86, H) is False
    assert rate_against_target(D("86"), above_86, H, DURHAM_SCHEME) == A
    assert rate_against_target(D("86.01"), above_86, H, DURHAM_SCHEME) == G


def test_at_most_target_boundaries():
    at_most_20 = TargetSpec(TargetKind.AT_MOST, D("20"))
    under_20 = TargetSpec(TargetKind.AT_MOST, D("20"), inclusive=False)
    assert rate_against_target(D("20"), at_most_20, L, DURHAM_SCHEME) == G
    assert rate_against_target(D("20"), under_20, L, DURHAM_SCHEME) == A
    assert rate_against_target(D("19.99"), under_20, L, DURHAM_SCHEME) == G
    assert rate_against_target(D("20.4"), under_20, L, DURHAM_SCHEME) == A
    assert rate_against_target(D("20.41"), under_20, L, DURHAM_SCHEME) == R


def test_bounds_rate_without_a_polarity():
    spec = TargetSpec(TargetKind.AT_MOST, D("20"))
    assert rate_against_target(D("19"), spec, NO, DURHAM_SCHEME) == G
    assert rate_against_target(D("30"), spec, NO, DURHAM_SCHEME) == R
    assert target_meets(D("19"), spec, NO) is True


def test_missing_a_zero_bound_is_red():
    spec = TargetSpec(TargetKind.AT_MOST, D("0"))
    assert rate_against_target(D("0"), spec, L, DURHAM_SCHEME) == G
    assert rate_against_target(D("0.001"), spec, L, DURHAM_SCHEME) == R


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("85", G),
        ("80", G),
        ("100", G),
        ("78.4", A),  # 2% of the lower end
        ("78.39", R),
        ("102", A),  # 2% of the upper end
        ("102.01", R),
    ],
)
def test_range_target_80_to_100_percent(value, expected):
    # Durham casefile quality: "80-100% By Mar 2018".
    spec = TargetSpec(TargetKind.RANGE, D("80"), D("100"))
    assert rate_against_target(D(value), spec, H, DURHAM_SCHEME) == expected


def test_strict_range_excludes_its_ends():
    spec = TargetSpec(TargetKind.RANGE, D("80"), D("100"), inclusive=False)
    assert target_meets(D("80"), spec, H) is False
    assert target_meets(D("100"), spec, H) is False
    assert target_meets(D("90"), spec, H) is True
    assert rate_against_target(D("80"), spec, H, DURHAM_SCHEME) == A


def test_target_spec_rejects_incomplete_or_reversed_targets():
    with pytest.raises(ValueError):
        TargetSpec(TargetKind.VALUE)
    with pytest.raises(ValueError):
        TargetSpec(TargetKind.RANGE, D("80"))
    with pytest.raises(ValueError):
        TargetSpec(TargetKind.RANGE, D("100"), D("80"))
    with pytest.raises(ValueError):
        TargetSpec(TargetKind.TRACKER, D("1"))
    with pytest.raises(ValueError):
        TargetSpec(TargetKind.AT_LEAST, D("1"), D("2"))


def test_target_spec_accepts_stored_strings_and_floats():
    spec = TargetSpec("at_most", 0.1)
    assert spec.kind == TargetKind.AT_MOST
    assert spec.value == D("0.1")


# --- variance_from_target_percent -------------------------------------------------------


def test_variance_is_relative_shortfall_from_a_value_target():
    # All young people EET: 90.4 against 92 is 1.7% behind (Norfolk §2.3).
    variance = variance_from_target_percent(D("90.4"), TargetSpec(TargetKind.VALUE, D("92")), H)
    assert variance.quantize(D("0.1")) == D("1.7")


def test_variance_from_a_strict_upper_bound():
    under_20 = TargetSpec(TargetKind.AT_MOST, D("20"), inclusive=False)
    assert variance_from_target_percent(D("24.2"), under_20, L) == D("21")
    under_55 = TargetSpec(TargetKind.AT_MOST, D("55"), inclusive=False)
    assert variance_from_target_percent(D("69.7"), under_55, L).quantize(D("0.1")) == D("26.7")


def test_variance_is_zero_when_meeting_the_target():
    assert variance_from_target_percent(D("95"), TargetSpec(TargetKind.VALUE, D("92")), H) == 0
    assert variance_from_target_percent(D("90"), TargetSpec(TargetKind.RANGE, 80, 100), H) == 0


def test_variance_on_a_strict_bound_is_zero():
    under_20 = TargetSpec(TargetKind.AT_MOST, D("20"), inclusive=False)
    assert variance_from_target_percent(D("20"), under_20, L) == 0


def test_variance_from_a_range_uses_the_nearer_end():
    spec = TargetSpec(TargetKind.RANGE, D("80"), D("100"))
    assert variance_from_target_percent(D("76"), spec, H) == D("5")
    assert variance_from_target_percent(D("105"), spec, H) == D("5")


def test_variance_is_undefined_for_tracker_missing_value_or_zero_target():
    assert variance_from_target_percent(D("1"), TargetSpec.tracker(), H) is None
    assert variance_from_target_percent(None, TargetSpec(TargetKind.VALUE, D("1")), H) is None
    assert variance_from_target_percent(D("1"), TargetSpec(TargetKind.VALUE, D("1")), NO) is None
    assert variance_from_target_percent(D("1"), TargetSpec(TargetKind.AT_MOST, D("0")), L) is None
    assert variance_from_target_percent(D("1"), TargetSpec(TargetKind.VALUE, D("0")), L) is None


# --- properties -----------------------------------------------------------------------

numbers = st.decimals(
    min_value=-1_000_000, max_value=1_000_000, places=3, allow_nan=False, allow_infinity=False
)
relative_schemes = st.builds(
    Scheme,
    kind=st.sampled_from([SchemeKind.RELATIVE_TOLERANCE, SchemeKind.RELATIVE_BAND]),
    tolerance_percent=st.decimals(min_value=0, max_value=50, places=2),
    amber_inclusive=st.booleans(),
)
threshold_schemes = st.builds(
    Scheme,
    kind=st.just(SchemeKind.ABSOLUTE_THRESHOLDS),
    green_inclusive=st.booleans(),
    red_inclusive=st.booleans(),
)


@given(numbers, numbers, relative_schemes)
def test_swapping_polarity_and_signs_mirrors_the_rating(value, comparator, scheme):
    higher = rate_against_comparator(value, comparator, H, scheme)
    assert higher == rate_against_comparator(-value, -comparator, L, scheme)


@given(numbers, numbers, relative_schemes, st.sampled_from([H, L]))
def test_green_exactly_when_direction_is_improved_or_same(value, comparator, scheme, polarity):
    direction = direction_of_travel(value, comparator, polarity)
    is_green = rate_against_comparator(value, comparator, polarity, scheme) == G
    assert is_green == (direction in (Direction.IMPROVED, Direction.SAME))


@given(numbers, numbers, st.decimals(min_value="0.001", max_value=1000, places=3))
def test_rating_is_unchanged_by_scaling_both_values(value, comparator, factor):
    # The tolerance is relative, so units (per 1,000 or per 10,000) must not matter.
    unscaled = rate_against_comparator(value, comparator, H, DURHAM_SCHEME)
    assert unscaled == rate_against_comparator(
        value * factor, comparator * factor, H, DURHAM_SCHEME
    )


@given(numbers, numbers, numbers, threshold_schemes)
def test_thresholds_mirror_under_polarity_swap(value, red, green, scheme):
    higher = rate_against_thresholds(value, H, red, green, scheme)
    assert higher == rate_against_thresholds(-value, L, -red, -green, scheme)


@given(numbers, numbers, numbers, threshold_schemes, st.sampled_from([H, L]))
def test_thresholds_rate_exactly_when_consistent(value, red, green, scheme, polarity):
    rating = rate_against_thresholds(value, polarity, red, green, scheme)
    consistent = check_thresholds(polarity, red, green) is None
    assert (rating != NR) == consistent


# --- rate: the one entry, for every scheme kind and comparison kind ---------------------

TARGET = "target"
COMPARISON_KINDS = [
    TARGET,
    "previous_year",
    "previous_period",
    "national",
    "regional",
    "statistical_neighbours",
    "best_statistical_neighbour",
    "national_top_quartile",
    "other",
]

# One case that tells the three rules apart: 95 (higher is better) is 5% below a
# comparator of 100 (Red at Durham's 2%, Amber in Norfolk's 10% band), meets a target of
# 90 (Green), and is below a Red tolerance of 96 (Red under Norfolk MI's thresholds).
CASE = {"comparator": D("100"), "target": TargetSpec(TargetKind.VALUE, D("90"))}
CASE_THRESHOLDS = {"red": D("96"), "green": D("99")}
EXPECTED = {
    (SchemeKind.RELATIVE_TOLERANCE, True): G,  # the target, met
    (SchemeKind.RELATIVE_TOLERANCE, False): R,  # the comparator, 5% worse than 2%
    (SchemeKind.RELATIVE_BAND, True): G,
    (SchemeKind.RELATIVE_BAND, False): A,  # within Norfolk's 10% band
    (SchemeKind.ABSOLUTE_THRESHOLDS, True): R,  # the tolerances, not the target
    (SchemeKind.ABSOLUTE_THRESHOLDS, False): NR,  # thresholds rate the target only
}


def _scheme(kind, rated):
    tolerance = D("10") if kind == SchemeKind.RELATIVE_BAND else D("2")
    return Scheme(kind, tolerance_percent=tolerance, rated=rated)


@pytest.mark.parametrize("scheme_kind", list(SchemeKind))
@pytest.mark.parametrize("comparison", COMPARISON_KINDS)
def test_rate_chooses_the_rule_by_scheme_kind_and_comparison_kind(scheme_kind, comparison):
    scheme = _scheme(scheme_kind, {comparison})
    rating = rate(scheme, comparison, D("95"), H, **CASE, **CASE_THRESHOLDS)
    assert rating == EXPECTED[(scheme_kind, comparison == TARGET)]


@pytest.mark.parametrize("scheme_kind", list(SchemeKind))
@pytest.mark.parametrize("comparison", COMPARISON_KINDS)
def test_rate_leaves_a_comparison_the_scheme_does_not_rate_unrated(scheme_kind, comparison):
    others = set(COMPARISON_KINDS) - {comparison}
    scheme = _scheme(scheme_kind, others)
    assert rate(scheme, comparison, D("95"), H, **CASE, **CASE_THRESHOLDS) == NR


@pytest.mark.parametrize("comparison", COMPARISON_KINDS)
def test_rate_without_a_scheme_is_not_rated(comparison):
    assert rate(None, comparison, D("95"), H, **CASE, **CASE_THRESHOLDS) == NR


def test_comparison_kinds_are_the_models_kinds():
    from indicators.models import ComparisonKind

    assert sorted(COMPARISON_KINDS) == sorted(ComparisonKind.values)


def test_a_scheme_rates_the_target_only_unless_told():
    assert Scheme(SchemeKind.RELATIVE_TOLERANCE).rated == {TARGET}


def test_a_stored_scheme_carries_its_rated_comparisons_to_the_rule():
    from indicators.models import RatingScheme

    rated = ["previous_year", "national"]
    stored = RatingScheme(kind="relative_tolerance", rated_comparisons=rated)
    rule = stored.as_rule()
    assert rate(rule, "national", D("95"), H, comparator=D("100")) == R
    assert rate(rule, "regional", D("95"), H, comparator=D("100")) == NR
    assert rate(rule, TARGET, D("95"), H, target=TargetSpec(TargetKind.VALUE, D("90"))) == NR


@pytest.mark.parametrize("scheme_kind", [SchemeKind.RELATIVE_TOLERANCE, SchemeKind.RELATIVE_BAND])
def test_rate_a_target_without_its_figure_is_not_rated(scheme_kind):
    # A tolerance with no target (Norfolk's pair under a relative scheme): nothing to rate.
    scheme = _scheme(scheme_kind, {TARGET})
    assert rate(scheme, TARGET, D("95"), H, **CASE_THRESHOLDS) == NR


def test_rate_a_target_without_tolerances_under_thresholds_is_not_rated():
    scheme = _scheme(SchemeKind.ABSOLUTE_THRESHOLDS, {TARGET})
    assert rate(scheme, TARGET, D("95"), H, target=CASE["target"]) == NR


@pytest.mark.parametrize("scheme_kind", [SchemeKind.RELATIVE_TOLERANCE, SchemeKind.RELATIVE_BAND])
def test_rate_a_tracker_is_not_rated(scheme_kind):
    scheme = _scheme(scheme_kind, {TARGET})
    assert rate(scheme, TARGET, D("95"), H, target=TargetSpec.tracker()) == NR


@pytest.mark.parametrize(
    ("pi", "versus", "value", "comparator", "polarity", "published"),
    DURHAM_PUBLISHED,
    ids=[f"{row[0]}-{row[1]}" for row in DURHAM_PUBLISHED],
)
def test_rate_reproduces_every_durham_rating(pi, versus, value, comparator, polarity, published):
    kind = {"12m": "previous_year", "Eng": "national", "NE": "regional"}[versus]
    durham = Scheme(SchemeKind.RELATIVE_TOLERANCE, rated={kind})
    assert rate(durham, kind, D(value), polarity, comparator=D(comparator)) == published


@pytest.mark.parametrize(
    ("ref", "polarity", "value", "red", "green", "published"),
    NORFOLK_PUBLISHED,
    ids=[row[0] for row in NORFOLK_PUBLISHED],
)
def test_rate_reproduces_every_norfolk_county_rating(ref, polarity, value, red, green, published):
    mi = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS, rated={TARGET})
    assert rate(mi, TARGET, D(value), polarity, red=D(red), green=D(green)) == published


@pytest.mark.parametrize(
    ("sign", "value", "target", "polarity", "expected"),
    NORFOLK_DASHBOARD,
    ids=[row[0] for row in NORFOLK_DASHBOARD],
)
def test_rate_reproduces_the_norfolk_dashboard_rule(sign, value, target, polarity, expected):
    band = Scheme(SchemeKind.RELATIVE_BAND, tolerance_percent=D("10"), rated={TARGET})
    assert rate(band, TARGET, D(value), polarity, target=_bound(target)) == expected


@pytest.mark.parametrize("scheme_kind", [SchemeKind.RELATIVE_TOLERANCE, SchemeKind.RELATIVE_BAND])
@pytest.mark.parametrize("comparison", COMPARISON_KINDS[1:])
@given(
    value=st.decimals(min_value=-1000, max_value=1000, places=2),
    comparator=st.decimals(min_value=-1000, max_value=1000, places=2),
    polarity=st.sampled_from(list(Polarity)),
)
def test_rate_against_any_comparator_is_the_comparator_rule(
    scheme_kind, comparison, value, comparator, polarity
):
    scheme = _scheme(scheme_kind, {comparison})
    expected = rate_against_comparator(value, comparator, polarity, scheme)
    assert rate(scheme, comparison, value, polarity, comparator=comparator) == expected
