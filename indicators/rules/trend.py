"""The recent trend as OHID Fingertips reports it: a chi-squared test for trend on the most
recent five points of a series with numerators and denominators.

Method: the chi-squared test for a linear trend in proportions (Armitage P (1955)
"Tests for linear trends in proportions and frequencies", Biometrics 11:375-386; worked in
Altman DG (1991) "Practical Statistics for Medical Research", section 10.7.4). Points are
scored 1..k in time order; with r_i events in n_i, R = sum r_i, N = sum n_i, p = R/N and
x_bar = sum n_i x_i / N:
    T = sum r_i x_i - R x_bar,  V = p (1 - p) (sum n_i x_i^2 - N x_bar^2),  chi2 = T^2 / V,
on one degree of freedom, so P = erfc(sqrt(chi2 / 2)). The trend is significant when
P < 0.001 (Fingertips tests recent trends at the 99.9% level); its direction is the sign
of T. Without numerators and denominators for all five points there is no trend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .types import Polarity

POINTS = 5
SIGNIFICANCE = 0.001


@dataclass(frozen=True)
class TrendResult:
    chi_squared: float | None
    p_value: float | None
    direction: str  # "increasing", "decreasing" or "" (no significant change / not tested)
    words: str  # as a member reads it

    @property
    def tested(self):
        return self.chi_squared is not None


NOT_TESTED = TrendResult(None, None, "", "")


def chi_squared_for_trend(numerators, denominators):
    """(chi2, P, T) for the series in time order; None where it cannot be worked out (no
    events at all, or every event: p(1 - p) = 0)."""
    r = [float(x) for x in numerators]
    n = [float(x) for x in denominators]
    if len(r) != len(n) or len(r) < 2 or any(d <= 0 for d in n):
        return None
    scores = range(1, len(r) + 1)
    big_r, big_n = sum(r), sum(n)
    p = big_r / big_n
    x_bar = sum(ni * x for ni, x in zip(n, scores, strict=True)) / big_n
    t = sum(ri * x for ri, x in zip(r, scores, strict=True)) - big_r * x_bar
    spread = sum(ni * x * x for ni, x in zip(n, scores, strict=True)) - big_n * x_bar**2
    v = p * (1 - p) * spread
    if v <= 0:
        return None
    chi2 = t * t / v
    return chi2, math.erfc(math.sqrt(chi2 / 2)), t


def recent_trend(points, polarity, significance=SIGNIFICANCE):
    """points: [(numerator, denominator)] oldest first; the last five are tested.
    Not tested (words "") with fewer than five points with both figures."""
    recent = points[-POINTS:]
    if len(recent) < POINTS or any(r is None or d is None for r, d in recent):
        return NOT_TESTED
    found = chi_squared_for_trend([r for r, _ in recent], [d for _, d in recent])
    if found is None:
        return NOT_TESTED
    chi2, p_value, t = found
    if p_value >= significance or t == 0:
        return TrendResult(chi2, p_value, "", "no significant change")
    direction = "increasing" if t > 0 else "decreasing"
    return TrendResult(chi2, p_value, direction, trend_words(direction, polarity))


def trend_words(direction, polarity):
    """ "increasing and getting better", "decreasing and getting worse", or just
    "increasing" for a measure with no better direction."""
    polarity = Polarity(polarity or Polarity.NONE)
    if polarity == Polarity.NONE:
        return direction
    better = (direction == "increasing") == (polarity == Polarity.HIGHER)
    return f"{direction} and getting {'better' if better else 'worse'}"
