"""The shared vocabulary: numbers, schemes, and the rules' independence from Django."""

import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from indicators.rules.types import (
    DURHAM_SCHEME,
    NORFOLK_DASHBOARD_SCHEME,
    NORFOLK_MI_SCHEME,
    Rating,
    Scheme,
    SchemeKind,
    to_decimal,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (0.1, D("0.1")),  # via str, not the binary 0.1000000000000000055...
        (69.7, D("69.7")),
        (2, D("2")),
        (D("-12.5"), D("-12.5")),
        ("14.7", D("14.7")),
    ],
)
def test_numbers_become_exact_decimals(given, expected):
    result = to_decimal(given)
    assert isinstance(result, D)
    assert result == expected
    assert str(result) == str(expected)


def test_none_stays_none():
    assert to_decimal(None) is None


@pytest.mark.parametrize("given", [True, object(), [1]])
def test_non_numbers_are_refused(given):
    with pytest.raises(TypeError):
        to_decimal(given)


@pytest.mark.parametrize("given", [float("nan"), float("inf"), D("NaN"), "abc"])
def test_non_finite_or_unreadable_numbers_are_refused(given):
    with pytest.raises(ValueError):
        to_decimal(given)


def test_council_schemes():
    assert DURHAM_SCHEME.kind == SchemeKind.RELATIVE_TOLERANCE
    assert DURHAM_SCHEME.tolerance_percent == D("2")
    assert DURHAM_SCHEME.amber_inclusive is True
    assert NORFOLK_MI_SCHEME.kind == SchemeKind.ABSOLUTE_THRESHOLDS
    assert (NORFOLK_MI_SCHEME.green_inclusive, NORFOLK_MI_SCHEME.red_inclusive) == (True, False)
    assert NORFOLK_DASHBOARD_SCHEME.kind == SchemeKind.RELATIVE_BAND
    assert NORFOLK_DASHBOARD_SCHEME.tolerance_percent == D("10")


def test_scheme_accepts_stored_strings_and_floats():
    scheme = Scheme("relative_band", tolerance_percent=10.0)
    assert scheme.kind == SchemeKind.RELATIVE_BAND
    assert scheme.tolerance_percent == D("10.0")


def test_scheme_refuses_a_negative_tolerance():
    with pytest.raises(ValueError):
        Scheme(SchemeKind.RELATIVE_TOLERANCE, tolerance_percent=D("-1"))


def test_not_rated_is_stored_as_an_empty_value():
    assert Rating.NOT_RATED.value == ""
    assert Rating("red") == Rating.RED


def test_rules_import_without_django():
    modules = "types rating direction exceptions ranking periods printed".split()
    code = "; ".join(
        [f"import indicators.rules.{name}" for name in modules]
        + ["import sys", "assert 'django' not in sys.modules, 'rules imported Django'"]
    )
    project = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 0, result.stderr
