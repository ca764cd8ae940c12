"""The vocabulary shared by the rules: polarity, ratings, schemes and targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

Number = Decimal | int | float | str


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    # Durham's volume/demand measures and Norfolk's "Info" rows are never rated.
    NONE = "none"


def as_polarity(polarity: Polarity | str) -> Polarity:
    """Polarity(polarity), without the enum's lookup when it already is one: the rules
    are asked a few thousand times per dashboard."""
    return polarity if type(polarity) is Polarity else Polarity(polarity)


class Rating(StrEnum):
    # Stored as a value, never as a glyph: Norfolk's MI report uses the same glyph for
    # Green and Red on one page (seeds-stockton-norfolk.md §2.7).
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_RATED = ""


class Direction(StrEnum):
    IMPROVED = "improved"
    WORSE = "worse"
    SAME = "same"
    NONE = ""


class SchemeKind(StrEnum):
    RELATIVE_TOLERANCE = "relative_tolerance"  # Durham Appendix 2
    ABSOLUTE_THRESHOLDS = "absolute_thresholds"  # Norfolk MI Red/Green tolerances
    RELATIVE_BAND = "relative_band"  # Norfolk dashboard, 10% of high performers


class TargetKind(StrEnum):
    TRACKER = "tracker"  # Durham prints the word "Tracker": no target is set
    VALUE = "value"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


# The comparison kind "target" (indicators.models.ComparisonKind.TARGET): rated by the
# target rules, every other kind against its comparator's figure.
TARGET = "target"


def to_decimal(x: Number | None) -> Decimal | None:
    """Convert a number to Decimal without binary-float noise; None stays None.

    Floats go through str() so 0.1 becomes Decimal("0.1"), not 0.1000000000000000055...
    """
    if x is None:
        return None
    if type(x) is Decimal and x.is_finite():  # the usual case, first: a dashboard asks ~3,600 times
        return x
    if isinstance(x, bool):
        # bool is an int subclass; True silently becoming 1 would hide a caller's bug.
        raise TypeError(f"{x!r} is a bool, not a number")
    if isinstance(x, Decimal):
        result = x
    elif isinstance(x, int):
        result = Decimal(x)
    elif isinstance(x, float | str):
        try:
            result = Decimal(str(x).strip())
        except ArithmeticError:
            raise ValueError(f"{x!r} is not a number") from None
    else:
        raise TypeError(f"{x!r} ({type(x).__name__}) is not a number")
    if not result.is_finite():
        raise ValueError(f"{x!r} is not a finite number")
    return result


@dataclass(frozen=True)
class Scheme:
    """A council's rating scheme as data: one kind and its parameters."""

    kind: SchemeKind
    # Durham: 2, relative to the comparator, not percentage points (Q1 2017/18
    # report, Appendix 2). Norfolk dashboard: 10 ("10% (not percentage points)").
    tolerance_percent: Decimal = Decimal("2")
    # Durham's "worse ... (within 2% tolerance)" is read as including exactly 2%:
    # no published cell sits on 2.00% (seeds-durham.md §3.1).
    amber_inclusive: bool = True
    # Norfolk MI: "Green if value >= Green"; "Red if value < Red", so a value exactly
    # on the Red tolerance is Amber. Unconfirmed by the papers, hence configurable.
    green_inclusive: bool = True
    red_inclusive: bool = False
    # The comparison kinds the council rates ("target", "previous_year", "national", ...):
    # Durham rates against 12 months earlier and its benchmarks, Norfolk MI its target only.
    rated: frozenset[str] = frozenset({TARGET})

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", SchemeKind(self.kind))
        object.__setattr__(self, "rated", frozenset(str(k) for k in self.rated))
        tolerance = to_decimal(self.tolerance_percent)
        if tolerance is None or tolerance < 0:
            raise ValueError(
                f"tolerance_percent must be zero or more, not {self.tolerance_percent!r}"
            )
        object.__setattr__(self, "tolerance_percent", tolerance)


DURHAM_SCHEME = Scheme(SchemeKind.RELATIVE_TOLERANCE)
NORFOLK_MI_SCHEME = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS)
NORFOLK_DASHBOARD_SCHEME = Scheme(SchemeKind.RELATIVE_BAND, tolerance_percent=Decimal("10"))


@dataclass(frozen=True)
class TargetSpec:
    """A period target: a value, a bound ("<20%", "at least 80%"), a range, or Tracker."""

    kind: TargetKind
    value: Decimal | None = None  # the number, or the bound, or the range's lower end
    upper: Decimal | None = None  # range upper end
    # For bounds and ranges: "<20%" is printed strict (inclusive=False); "at most 20",
    # "no more than 20" and "80-100%" include the bound.
    inclusive: bool = True

    def __post_init__(self) -> None:
        kind = TargetKind(self.kind)
        value, upper = to_decimal(self.value), to_decimal(self.upper)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "upper", upper)
        if kind == TargetKind.TRACKER:
            if value is not None or upper is not None:
                raise ValueError("a Tracker has no target value")
            return
        if value is None:
            raise ValueError(f"a {kind.value} target needs a value")
        if kind == TargetKind.RANGE:
            if upper is None:
                raise ValueError("a range target needs an upper end")
            if upper < value:
                raise ValueError(f"range target {value}-{upper} has its ends the wrong way round")
        elif upper is not None:
            raise ValueError(f"only a range target has an upper end, not a {kind.value} target")

    @classmethod
    def tracker(cls) -> TargetSpec:
        return cls(TargetKind.TRACKER)
