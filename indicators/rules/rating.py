"""Rating a value GREEN / AMBER / RED against a comparator, thresholds or a target.

One set of functions evaluates every council's scheme; the scheme is data (types.Scheme).
All arithmetic is Decimal and exact, so a value exactly 2% worse is exactly on the boundary.
"""

from __future__ import annotations

from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact, InvalidOperation

from .types import (
    TARGET,
    Number,
    Polarity,
    Rating,
    Scheme,
    SchemeKind,
    TargetKind,
    TargetSpec,
    as_polarity,
    to_decimal,
)

# Sums and products of Decimals are exact at this precision; Inexact is trapped so a
# boundary comparison can never be decided by silent rounding.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, Inexact])
_HUNDRED = Decimal(100)
_THRESHOLDS_DEFAULT = Scheme(SchemeKind.ABSOLUTE_THRESHOLDS)


def _shortfall(value: Decimal, reference: Decimal, polarity: Polarity) -> Decimal:
    """How much worse value is than reference, in the indicator's units (negative = better)."""
    if polarity == Polarity.HIGHER:
        return _EXACT.subtract(reference, value)
    return _EXACT.subtract(value, reference)


def _within_tolerance(shortfall: Decimal, reference: Decimal, scheme: Scheme) -> bool:
    # Durham Q1 2017/18 report, Appendix 2: the 2% is relative to the comparator, not
    # percentage points (CYP S32 is RED at 0.1 points; AHS3 is AMBER at 0.6 points).
    # Cross-multiplied so no division rounds: shortfall/|reference|*100 <= tolerance.
    # A zero reference makes any real worsening infinitely large, hence RED.
    lhs = _EXACT.multiply(shortfall, _HUNDRED)
    rhs = _EXACT.multiply(scheme.tolerance_percent, reference.copy_abs())
    return lhs <= rhs if scheme.amber_inclusive else lhs < rhs


def _amber_or_red(shortfall: Decimal, reference: Decimal, scheme: Scheme) -> Rating:
    return Rating.AMBER if _within_tolerance(shortfall, reference, scheme) else Rating.RED


def relative_gap_percent(
    value: Number | None, comparator: Number | None, polarity: Polarity | str
) -> Decimal | None:
    """How much worse value is than comparator, as a percent of |comparator|.

    Negative when value is better, 0 when equal. None when either is missing, when the
    polarity is NONE, or when the comparator is 0 and the values differ (a relative gap
    from zero is undefined; the rating functions treat worse-than-zero as RED).
    """
    polarity = as_polarity(polarity)
    v, c = to_decimal(value), to_decimal(comparator)
    if v is None or c is None or polarity == Polarity.NONE:
        return None
    shortfall = _shortfall(v, c, polarity)
    if shortfall == 0:
        return Decimal(0)
    if c == 0:
        return None
    return shortfall * _HUNDRED / abs(c)


def rate_against_comparator(
    value: Number | None,
    comparator: Number | None,
    polarity: Polarity | str,
    scheme: Scheme,
) -> Rating:
    """Durham's rule, also Norfolk's dashboard band: same or better GREEN, within tolerance AMBER.

    Durham Appendix 2: "Same or better than comparable period/comparator group" GREEN;
    "Worse ... (within 2% tolerance)" AMBER; "Worse ... (greater than 2%)" RED. It
    reproduces all 94 published Durham ratings, negative attainment gaps included.
    """
    if scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        raise ValueError(
            "absolute thresholds rate a value against Red and Green tolerances, "
            "not against a comparator: use rate_against_thresholds"
        )
    polarity = as_polarity(polarity)
    v, c = to_decimal(value), to_decimal(comparator)
    if v is None or c is None or polarity == Polarity.NONE:
        return Rating.NOT_RATED
    shortfall = _shortfall(v, c, polarity)
    # Durham's one printed tie (ASH6 37 vs NE 37*) is GREEN: equal counts as "same".
    if shortfall <= 0:
        return Rating.GREEN
    return _amber_or_red(shortfall, c, scheme)


def check_thresholds(
    polarity: Polarity | str, red: Number | None, green: Number | None
) -> str | None:
    """None when a Red/Green tolerance pair suits the polarity, else a message saying why not.

    Norfolk MI 6.5 (CP rate, lower is better) prints Red 30 / Green 35: inverted, and the
    paper shows no rating for it. We flag such pairs rather than guess what was meant.
    """
    polarity = as_polarity(polarity)
    r, g = to_decimal(red), to_decimal(green)
    if r is None or g is None:
        return None
    if polarity == Polarity.NONE:
        return "thresholds need a polarity"
    if polarity == Polarity.HIGHER and r > g:
        return f"Red tolerance ({r}) must be below the Green tolerance ({g}) when higher is better"
    if polarity == Polarity.LOWER and r < g:
        return f"Red tolerance ({r}) must be above the Green tolerance ({g}) when lower is better"
    return None


def rate_against_thresholds(
    value: Number | None,
    polarity: Polarity | str,
    red: Number | None,
    green: Number | None,
    scheme: Scheme | None = None,
) -> Rating:
    """Norfolk MI rule: per-indicator absolute Red and Green tolerances.

    Higher is better: Red if value < Red, Green if value >= Green, else Amber; lower is
    better mirrored. Reproduces 18 of 18 county and 12 of 12 locality ratings
    (seeds-stockton-norfolk.md §2.7). Red is tested first, so when both could apply
    (Red == Green with both inclusive) the value is Red.
    """
    scheme = scheme or _THRESHOLDS_DEFAULT
    if scheme.kind != SchemeKind.ABSOLUTE_THRESHOLDS:
        raise ValueError(f"a {scheme.kind.value} scheme has no Red and Green tolerances")
    polarity = as_polarity(polarity)
    v, r, g = to_decimal(value), to_decimal(red), to_decimal(green)
    if v is None or r is None or g is None or polarity == Polarity.NONE:
        return Rating.NOT_RATED
    if check_thresholds(polarity, r, g) is not None:
        return Rating.NOT_RATED
    if polarity == Polarity.HIGHER:
        is_red = v <= r if scheme.red_inclusive else v < r
        is_green = v >= g if scheme.green_inclusive else v > g
    else:
        is_red = v >= r if scheme.red_inclusive else v > r
        is_green = v <= g if scheme.green_inclusive else v < g
    if is_red:
        return Rating.RED
    if is_green:
        return Rating.GREEN
    return Rating.AMBER


def target_meets(value: Number | None, target: TargetSpec, polarity: Polarity | str) -> bool | None:
    """Whether value meets the target; None for a Tracker or a missing value.

    Bounds and ranges carry their own direction, so they are judged even without a
    polarity; a plain value target needs one (None without it).
    """
    polarity = as_polarity(polarity)
    v = to_decimal(value)
    if v is None or target.kind == TargetKind.TRACKER:
        return None
    t = target.value
    if target.kind == TargetKind.VALUE:
        if polarity == Polarity.NONE:
            return None
        return v >= t if polarity == Polarity.HIGHER else v <= t
    if target.kind == TargetKind.AT_LEAST:
        return v >= t if target.inclusive else v > t
    if target.kind == TargetKind.AT_MOST:
        return v <= t if target.inclusive else v < t
    if target.inclusive:
        return t <= v <= target.upper
    return t < v < target.upper


def _target_shortfall(v: Decimal, target: TargetSpec) -> tuple[Decimal, Decimal]:
    """(shortfall, reference) for a value that misses a bound or range target."""
    if target.kind == TargetKind.AT_LEAST:
        return _EXACT.subtract(target.value, v), target.value
    if target.kind == TargetKind.AT_MOST:
        return _EXACT.subtract(v, target.value), target.value
    # A range is missed on one side only; measure from the bound on that side.
    if v <= target.value:
        return _EXACT.subtract(target.value, v), target.value
    return _EXACT.subtract(v, target.upper), target.upper


def rate_against_target(
    value: Number | None,
    target: TargetSpec,
    polarity: Polarity | str,
    scheme: Scheme,
    red: Number | None = None,
    green: Number | None = None,
) -> Rating:
    """Rate a value against its period target.

    Durham's key: "Meeting/Exceeding target"; "Getting there ... (within 2%)";
    ">2% behind target" (seeds-durham.md §3.4). Norfolk MI rates with the tolerance
    pair and shows the target beside it: its Green tolerance is not always the target.
    """
    polarity = as_polarity(polarity)
    v = to_decimal(value)
    if v is None or target.kind == TargetKind.TRACKER:
        return Rating.NOT_RATED
    if scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        return rate_against_thresholds(v, polarity, red, green, scheme)
    if target.kind == TargetKind.VALUE:
        return rate_against_comparator(v, target.value, polarity, scheme)
    if target_meets(v, target, polarity):
        return Rating.GREEN
    shortfall, reference = _target_shortfall(v, target)
    return _amber_or_red(shortfall, reference, scheme)


def variance_from_target_percent(
    value: Number | None, target: TargetSpec, polarity: Polarity | str
) -> Decimal | None:
    """Relative shortfall from target in percent: positive = behind, 0 when meeting.

    Norfolk Performance Monitoring §1.2.3 reports a measure "off-target (... or variance
    of 5% or more)"; e.g. S17 re-referrals 24.2 against <20 is 21% behind. None for a
    Tracker, a missing value, an unpolarised value target, or a missed target of 0.
    """
    polarity = as_polarity(polarity)
    v = to_decimal(value)
    meets = target_meets(v, target, polarity)
    if meets is None:
        return None
    if meets:
        return Decimal(0)
    if target.kind == TargetKind.VALUE:
        return relative_gap_percent(v, target.value, polarity)
    shortfall, reference = _target_shortfall(v, target)
    if shortfall == 0:
        return Decimal(0)  # on a strict bound: missed, but by nothing measurable
    if reference == 0:
        return None
    return shortfall * _HUNDRED / abs(reference)


def rate(
    scheme: Scheme | None,
    comparison: str,
    value: Number | None,
    polarity: Polarity | str,
    *,
    comparator: Number | None = None,
    target: TargetSpec | None = None,
    red: Number | None = None,
    green: Number | None = None,
) -> Rating:
    """The rating of one comparison under a council's scheme: the one entry to the rules.

    comparison is the comparison's kind ("target", "previous_year", "national", ...).
    Not rated without a scheme, or when the scheme does not rate that kind. A target is
    rated against the Red and Green tolerances (red, green) under absolute thresholds
    (Norfolk MI, which shows its target beside the rating), else against the target
    (a TargetSpec); every other kind against its comparator's figure, except under
    absolute thresholds, which rate nothing but the target.
    """
    if scheme is None or comparison not in scheme.rated:
        return Rating.NOT_RATED
    if comparison == TARGET:
        if scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
            return rate_against_thresholds(value, polarity, red, green, scheme)
        if target is None:
            return Rating.NOT_RATED
        return rate_against_target(value, target, polarity, scheme)
    if scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        return Rating.NOT_RATED
    return rate_against_comparator(value, comparator, polarity, scheme)
