"""Confidence intervals for a value with a numerator and a denominator, as OHID Fingertips
computes them, so a member can tell a real difference from noise in a small population.

Methods (each recomputable by hand; README "Statistical methods"):

- Proportions (percentages): the Wilson score interval. Wilson EB (1927) "Probable
  inference, the law of succession, and statistical inference", JASA 22:209-212; as method
  10 of Newcombe RG (1998) "Two-sided confidence intervals for the single proportion",
  Statistics in Medicine 17:857-872, and in PHE's "Technical Guide: Confidence Intervals"
  (APHO Technical Briefing 3, 2008). For r events in n:
  (2r + z^2 -/+ z sqrt(z^2 + 4 r (1 - r/n))) / (2 (n + z^2)).
- Rates and counts, 10 events or more: Byar's approximation to the Poisson interval
  (Breslow NE, Day NE (1987) "Statistical Methods in Cancer Research vol II", IARC, p.69;
  PHE Technical Guide as above): lower = O (1 - 1/(9 O) - z / (3 sqrt O))^3,
  upper = (O + 1) (1 - 1/(9 (O + 1)) + z / (3 sqrt(O + 1)))^3, then divided by the
  denominator and multiplied by the rate's scale.
- Rates and counts, fewer than 10 events: the exact Poisson interval (Garwood F (1936)
  Biometrika 28:437-442): the means L and U with P(X >= O | L) = P(X <= O | U) = alpha/2,
  solved here by bisection on the Poisson distribution (no statistics library needed).

z is the standard normal quantile: 1.959964 for 95%, 3.090232 for 99.8%.
An interval supplied with the data (the Fingertips export carries them) is kept as
supplied: `interval(..., supplied=(lower, upper))`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import NormalDist

LEVELS = (95.0, 99.8)
# Below this many events Byar's approximation is not used (PHE Technical Guide).
EXACT_BELOW = 10
PROPORTION_UNITS = {"percent": 100}
RATE_UNITS = {"rate_1000": 1000, "rate_10000": 10000, "rate_100000": 100000}


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float
    level: float  # 95.0 or 99.8
    method: str  # "wilson", "byar", "exact_poisson", "supplied"
    source: str = ""  # who supplied it ("OHID Fingertips"), for a supplied interval

    def contains(self, figure):
        return self.lower <= figure <= self.upper

    def with_source(self, source):
        return replace(self, source=source or "")

    @property
    def method_words(self):
        words = METHOD_WORDS[self.method]
        return f"{words} by {self.source}" if self.source else words


METHOD_WORDS = {
    "wilson": "Wilson score method",
    "byar": "Byar's method",
    "exact_poisson": "exact Poisson method",
    "supplied": "as supplied with the data",
}


def z_for(level):
    """The two-sided standard normal quantile for a confidence level in percent."""
    return NormalDist().inv_cdf(1 - (1 - level / 100) / 2)


def wilson(numerator, denominator, level=95.0):
    """The Wilson score interval for the proportion numerator/denominator, as a fraction
    (0 to 1). None where there is no proportion (no denominator, more events than people)."""
    r, n = float(numerator), float(denominator)
    if n <= 0 or r < 0 or r > n:
        return None
    z = z_for(level)
    p = r / n
    centre = 2 * r + z * z
    spread = z * math.sqrt(z * z + 4 * r * (1 - p))
    scale = 2 * (n + z * z)
    return Interval((centre - spread) / scale, (centre + spread) / scale, level, "wilson")


def poisson_count(observed, level=95.0):
    """The interval for a Poisson count: exact below 10 events, Byar's from 10."""
    o = float(observed)
    if o < 0:
        return None
    if o < EXACT_BELOW:
        lower, upper = _exact_poisson(o, level)
        return Interval(lower, upper, level, "exact_poisson")
    z = z_for(level)
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    o1 = o + 1
    upper = o1 * (1 - 1 / (9 * o1) + z / (3 * math.sqrt(o1))) ** 3
    return Interval(lower, upper, level, "byar")


def interval(unit, value=None, numerator=None, denominator=None, level=95.0, supplied=None):
    """The interval for a value in the indicator's own unit (a percentage 0-100, a rate per
    its scale, a count), or None where the method has nothing to work from.

    supplied: (lower, upper) published with the data, kept as supplied."""
    if supplied is not None and None not in supplied:
        lower, upper = supplied
        return Interval(float(lower), float(upper), level, "supplied")
    if unit in PROPORTION_UNITS and numerator is not None and denominator:
        found = wilson(numerator, denominator, level)
        return _scaled(found, PROPORTION_UNITS[unit])
    if unit in RATE_UNITS and numerator is not None and denominator:
        found = poisson_count(numerator, level)
        return _scaled(found, RATE_UNITS[unit] / float(denominator))
    if unit == "count":
        count = numerator if numerator is not None else value
        if count is not None and float(count) == int(float(count)):
            return poisson_count(count, level)
    return None


def _scaled(found, factor):
    if found is None:
        return None
    return Interval(found.lower * factor, found.upper * factor, found.level, found.method)


def _poisson_cdf(k, mean):
    """P(X <= k) for a Poisson mean; k is small (under 10) wherever this is used."""
    term = total = math.exp(-mean)
    for i in range(1, int(k) + 1):
        term *= mean / i
        total += term
    return total


def _bisect(f, low, high):
    """The root of an increasing f between low and high, to well below any printed digit."""
    for _ in range(200):
        mid = (low + high) / 2
        if f(mid) < 0:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2


def _exact_poisson(o, level):
    tail = (1 - level / 100) / 2
    k = int(o)
    high = 10 * (k + 10)
    # U: P(X <= k | U) = tail; the CDF falls as the mean grows, so bisect tail - CDF.
    upper = _bisect(lambda m: tail - _poisson_cdf(k, m), 0.0, high)
    if k == 0:
        return 0.0, upper
    # L: P(X >= k | L) = tail, i.e. 1 - P(X <= k - 1 | L) = tail; rises with the mean.
    lower = _bisect(lambda m: (1 - _poisson_cdf(k - 1, m)) - tail, 0.0, high)
    return lower, upper
