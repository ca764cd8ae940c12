"""Issue 13: a money unit, written by the one formatter."""

from decimal import Decimal

from indicators.rules.figures import figure, with_money
from reports.formatting import figure_with_unit, unit_title


def test_pounds_and_thousands_of_pounds():
    assert figure_with_unit(Decimal("1234.5"), "pounds", 0) == "£1,235"
    assert figure_with_unit(Decimal("1234"), "pounds_000", 0) == "£1,234k"
    assert figure_with_unit(Decimal("-250.25"), "pounds", 2) == "-£250.25"


def test_other_units_are_untouched():
    assert with_money(figure(Decimal("83.2"), 1), "percent") == "83.2"
    assert figure_with_unit(Decimal("83.2"), "percent", 1) == "83.2%"
    assert figure_with_unit(None, "pounds", 0) == ""


def test_charts_name_the_money_unit():
    assert unit_title("pounds_000") == "£000" and unit_title("percent") == "%"
