"""Statistical process control as NHS England's Making Data Count programme draws it: an XmR
chart with its variation and assurance verdicts. NHSRplotthedots (NHS-R Community, R
package, `ptd_spc`) is the reference implementation; the differences are noted below.

For a series y_1..y_n of at least 12 points (monthly or quarterly):
- mean = the mean of the points; mean moving range (MR) = the mean of |y_i - y_(i-1)|;
- process limits = mean +/- 2.66 x MR (three sigma, sigma = MR / 1.128); two sigma is
  mean +/- (2/3) x 2.66 x MR.
Special cause variation, any point that is
1. outside a process limit (strictly: a point exactly on a limit is inside, as in ptd);
2. in a run of 7 or more points all above, or all below, the mean (a point exactly on the
   mean breaks the run);
3. in a run of 7 or more points each higher (or each lower) than the one before (a repeat
   breaks the run);
4. one of 2 out of 3 consecutive points beyond two sigma on the same side of the mean
   (beyond the process limit counts too; ptd counts only points between 2 and 3 sigma).
Variation verdict, for the latest point: special cause on the better side of the mean
(by polarity) is "improving", on the worse side "concerning"; "high" or "low" without a
polarity; otherwise "common". A point on the mean flagged only by a run of 7 rising or
falling takes the run's direction.
Assurance, from the latest target and the limits (ptd_calculate_assurance_type): higher
is better and the target below the lower limit, or lower is better and the target above
the upper limit: "pass" (consistently); the other way round "fail"; otherwise
"hit_and_miss". No target or no polarity: none.
Recalculation: limits are worked out afresh from a chosen point (a step change, with its
reason recorded); the rules run within each part; the verdicts need 12 points in the
latest part.

Arithmetic is exact (fractions, and whole numbers for the rules): a point exactly on a
limit is decided the same on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from .types import Polarity

MINIMUM_POINTS = 12
RUN = 7
LIMIT = Fraction(266, 100)

OUTSIDE, SHIFT, TREND, TWO_OF_THREE = "outside_limits", "shift", "trend", "two_of_three"
RULE_WORDS = {
    OUTSIDE: "outside the process limits",
    SHIFT: f"{RUN} in a row on one side of the mean",
    TREND: f"{RUN} in a row rising or falling",
    TWO_OF_THREE: "2 of 3 beyond two sigma on one side",
}
VARIATION_WORDS = {
    "improving": "Special cause: improving",
    "concerning": "Special cause: concerning",
    "high": "Special cause: higher",
    "low": "Special cause: lower",
    "common": "Common cause variation",
}
ASSURANCE_WORDS = {
    "pass": "Consistently meets the target",
    "fail": "Consistently misses the target",
    "hit_and_miss": "Hit and miss against the target",
}


@dataclass(frozen=True)
class Point:
    value: Fraction
    mean: Fraction
    lower: Fraction
    upper: Fraction
    rules: tuple[str, ...] = ()

    @property
    def special(self):
        return bool(self.rules)

    @property
    def side(self):
        return (self.value > self.mean) - (self.value < self.mean)


@dataclass(frozen=True)
class SpcResult:
    points: list[Point] = field(default_factory=list)
    variation: str = ""  # improving, concerning, high, low, common; "" not computed
    assurance: str = ""  # pass, fail, hit_and_miss; "" not computed
    reason: str = ""  # why no verdict

    @property
    def latest(self):
        return self.points[-1] if self.points else None

    @property
    def variation_words(self):
        return VARIATION_WORDS.get(self.variation, "")

    @property
    def assurance_words(self):
        return ASSURANCE_WORDS.get(self.assurance, "")


def _fraction(x):
    # A Decimal converts exactly; a float through its printed form (0.1, not 0.1000...055).
    if isinstance(x, Fraction):
        return x
    return Fraction(str(x)) if isinstance(x, float | str) else Fraction(x)


def spc(values, polarity, target=None, recalculate_from=(), minimum=MINIMUM_POINTS):
    """values: the series oldest first (no gaps); recalculate_from: the indexes at which
    the limits start afresh. Returns the points with their limits and rules, and the
    verdicts for the latest point (none with fewer than `minimum` points in its part)."""
    ys = [_fraction(v) for v in values]
    if len(ys) < minimum:
        return SpcResult(
            reason=f"{len(ys)} points: SPC needs at least {minimum} in a row.",
        )
    starts = sorted({0, *(i for i in recalculate_from if 0 < i < len(ys))})
    points = []
    for begin, end in zip(starts, [*starts[1:], len(ys)], strict=True):
        points.extend(_part(ys[begin:end]))
    latest_part = len(ys) - starts[-1]
    if latest_part < minimum:
        return SpcResult(
            points,
            reason=f"The limits were recalculated {latest_part} points ago: the verdicts "
            f"need at least {minimum} points since.",
        )
    return SpcResult(
        points,
        variation=_variation(points[starts[-1] :], polarity),
        assurance=assurance(points[-1], polarity, target),
    )


def _part(ys):
    n = len(ys)
    m = max(n - 1, 1)
    # The rules compare in whole numbers, exactly and fast: every figure scaled by the
    # common denominator of the points and by n (n - 1) 300, so that the mean is S m 300,
    # 2.66 MR is 798 R n and two sigma (2/3 of it) 532 R n.
    scale = math.lcm(*(y.denominator for y in ys))
    whole = [y.numerator * (scale // y.denominator) for y in ys]
    total = sum(whole)
    moving = sum(abs(b - a) for a, b in zip(whole, whole[1:], strict=False))
    mean, mr = Fraction(total, n * scale), Fraction(moving, m * scale)
    lower, upper = mean - LIMIT * mr, mean + LIMIT * mr
    at = [w * n * m * 300 for w in whole]
    centre, limit, near = total * m * 300, 798 * moving * n, 532 * moving * n
    rules = [[] for _ in ys]
    sides = [(a > centre) - (a < centre) for a in at]
    for i, a in enumerate(at):
        if abs(a - centre) > limit:
            rules[i].append(OUTSIDE)
    _runs(sides, SHIFT, rules, lambda i: sides[i] != 0 and sides[i] == sides[i - 1])
    _trend_runs([0] + [(b > a) - (b < a) for a, b in zip(whole, whole[1:], strict=False)], rules)
    beyond = [(a > centre + near) - (a < centre - near) for a in at]
    for i in range(n):
        window = range(max(0, i - 2), i + 1)
        for side in (1, -1):
            hits = [j for j in window if beyond[j] == side]
            if len(hits) >= 2:
                for j in hits:
                    if TWO_OF_THREE not in rules[j]:
                        rules[j].append(TWO_OF_THREE)
    return [Point(y, mean, lower, upper, tuple(r)) for y, r in zip(ys, rules, strict=True)]


def _runs(sides, rule, rules, continues):
    """Flags every point of a run of RUN or more points where continues(i) links point i
    to point i - 1."""
    start = 0
    for i in range(1, len(sides) + 1):
        if i < len(sides) and continues(i):
            continue
        if sides[start] != 0 and i - start >= RUN:
            for j in range(start, i):
                rules[j].append(rule)
        start = i


def _trend_runs(steps, rules):
    """steps[i]: +1 when point i is higher than point i - 1, -1 lower, 0 the same. A run
    of RUN points is RUN - 1 steps the same way; a repeat breaks it."""
    start, way = 0, 0
    for i in range(1, len(steps) + 1):
        step = steps[i] if i < len(steps) else 0
        if i < len(steps) and step != 0 and step == way:
            continue
        if way != 0 and i - start >= RUN:
            for j in range(start, i):
                rules[j].append(TREND)
        # The point before a step begins the run that step starts.
        start, way = (i - 1, step) if step != 0 else (i, 0)


def _variation(points, polarity):
    latest = points[-1]
    if not latest.special:
        return "common"
    side = latest.side
    if side == 0:
        # Flagged only by a run of rising or falling points: the run's direction.
        side = (latest.value > points[-2].value) - (latest.value < points[-2].value)
    polarity = Polarity(polarity or Polarity.NONE)
    if polarity == Polarity.NONE:
        return "high" if side > 0 else "low"
    better = 1 if polarity == Polarity.HIGHER else -1
    return "improving" if side == better else "concerning"


def assurance(point, polarity, target):
    """pass/fail/hit_and_miss for a target against the point's process limits."""
    polarity = Polarity(polarity or Polarity.NONE)
    if target is None or point is None or polarity == Polarity.NONE:
        return ""
    target = _fraction(target)
    higher_better = polarity == Polarity.HIGHER
    if target > point.upper:
        return "fail" if higher_better else "pass"
    if target < point.lower:
        return "pass" if higher_better else "fail"
    return "hit_and_miss"
