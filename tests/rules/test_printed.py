"""Values exactly as the committee papers print them."""

import re
from decimal import Decimal as D

import pytest

from indicators.rules.printed import PrintedValue, parse_printed
from indicators.rules.types import TargetKind, TargetSpec


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("9.1", D("9.1"), 1),
        ("66.0", D("66.0"), 1),
        ("69", D("69"), 0),
        ("30.63", D("30.63"), 2),
        ("1,876", D("1876"), 0),
        ("2,643", D("2643"), 0),
        ("1,234,567.5", D("1234567.5"), 1),
        ("-12.5", D("-12.5"), 1),
        ("+9", D("9"), 0),
        ("\u22120.4", D("-0.4"), 1),  # Unicode minus sign
        ("  163.0 ", D("163.0"), 1),
    ],
)
def test_plain_number_keeps_its_printed_decimal_places(text, value, decimals):
    printed = parse_printed(text)
    assert printed == PrintedValue(value, decimals=decimals)
    assert printed.is_number


def test_percent_sign_is_recorded():
    assert parse_printed("14.7%") == PrintedValue(D("14.7"), percent_sign=True, decimals=1)


def test_count_printed_as_a_percentage_is_kept_for_validation():
    # Norfolk dashboard, permanent exclusions Mar 18: the count 71 printed "7100.0%".
    assert parse_printed("7100.0%") == PrintedValue(D("7100.0"), percent_sign=True, decimals=1)


def test_north_east_marker():
    assert parse_printed("8.8*") == PrintedValue(D("8.8"), marker="*", decimals=1)


def test_nearest_neighbour_marker():
    assert parse_printed("413**") == PrintedValue(D("413"), marker="**", decimals=0)


def test_marker_after_a_percent_sign():
    printed = parse_printed("65%*")
    assert (printed.value, printed.percent_sign, printed.marker) == (D("65"), True, "*")


@pytest.mark.parametrize(
    ("text", "value", "rank", "tied"),
    [
        ("94(2nd)", D("94"), 2, False),
        ("96(=3rd)", D("96"), 3, True),
        ("89 (1st)", D("89"), 1, False),
        ("91 ( = 11th )", D("91"), 11, True),
    ],
)
def test_stockton_value_with_rank(text, value, rank, tied):
    printed = parse_printed(text)
    assert (printed.value, printed.rank, printed.rank_tied) == (value, rank, tied)


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("No Data", "No Data"),
        ("no data", "No Data"),
        ("New PI", "New PI"),
        ("NA", "NA"),
        ("N/A", "NA"),
        ("Tracker", "Tracker"),
        ("-", "-"),
        ("\u2013", "-"),
    ],
)
def test_token_in_place_of_a_number(text, token):
    printed = parse_printed(text)
    assert printed == PrintedValue(None, token=token)
    assert not printed.is_number


def test_empty_cell_has_no_value_and_no_token():
    assert parse_printed("") == PrintedValue(None)
    assert parse_printed("   ") == PrintedValue(None)


@pytest.mark.parametrize(
    ("text", "bound", "value", "percent"),
    [
        ("<20%", "<", D("20"), True),
        (">86%", ">", D("86"), True),
        ("<55", "<", D("55"), False),
        ("<=3%", "<=", D("3"), True),
        ("\u2265 90%", ">=", D("90"), True),
    ],
)
def test_bounded_target(text, bound, value, percent):
    printed = parse_printed(text)
    assert (printed.bound, printed.value, printed.percent_sign) == (bound, value, percent)
    assert printed.upper is None


@pytest.mark.parametrize("text", ["80-100%", "90% - 100%", "80 - 100"])
def test_range_target(text):
    printed = parse_printed(text)
    assert (printed.value, printed.upper) == (D(text[:2]), D("100"))
    assert printed.percent_sign == text.endswith("%")


@pytest.mark.parametrize(
    "text",
    ["c.85%", "abc", "12..5", "\u00a33.980m", "1,87", "12,3456", "<80-100%", "***5", "5 5", "%"],
)
def test_unreadable_text_is_rejected_naming_it(text):
    with pytest.raises(ValueError, match=f"^{re.escape(repr(text))} is not a number"):
        parse_printed(text)


def test_range_with_ends_reversed_is_rejected():
    with pytest.raises(ValueError, match="wrong way round"):
        parse_printed("100-80%")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("90.0", TargetSpec(TargetKind.VALUE, D("90.0"))),
        ("Tracker", TargetSpec.tracker()),
        ("<20%", TargetSpec(TargetKind.AT_MOST, D("20"), inclusive=False)),
        (">86%", TargetSpec(TargetKind.AT_LEAST, D("86"), inclusive=False)),
        ("<=3", TargetSpec(TargetKind.AT_MOST, D("3"))),
        (">=80%", TargetSpec(TargetKind.AT_LEAST, D("80"))),
        ("80-100%", TargetSpec(TargetKind.RANGE, D("80"), D("100"))),
    ],
)
def test_printed_target_cell_becomes_a_target(text, target):
    assert parse_printed(text).as_target() == target


@pytest.mark.parametrize("text", ["", "No Data", "NA"])
def test_cell_without_a_target_gives_none(text):
    assert parse_printed(text).as_target() is None
