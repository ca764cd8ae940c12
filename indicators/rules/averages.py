"""Comparator averages from member councils' values: the mean, the best council and the
national top-quartile threshold, each in the indicator's polarity direction.

Pure functions on Decimals (no database): the portal computes benchmarks in SQL for
speed (indicators.benchmarks) and these functions are the definition it must match.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .types import Number, Polarity, to_decimal

# Benchmarks are stored like any figure: up to 8 decimal places (choices.figure_field).
PLACES = Decimal("0.00000001")


def _present(values: Iterable[Number | None]) -> list[Decimal]:
    return [d for d in (to_decimal(x) for x in values) if d is not None]


def stored(figure: Number | None) -> Decimal | None:
    """A computed figure as the portal stores it: 8 decimal places, rounded half up."""
    d = to_decimal(figure)
    return None if d is None else d.quantize(PLACES, rounding=ROUND_HALF_UP)


def mean(values: Iterable[Number | None]) -> Decimal | None:
    """The average of the councils that have a value (missing ones are left out, as DfE
    and OHID averages do); None when no council has one."""
    present = _present(values)
    if not present:
        return None
    return stored(sum(present) / len(present))


def pooled(
    numerators: Iterable[Number | None], denominators: Iterable[Number | None], scale: int
) -> Decimal | None:
    """A group's share or rate as the DfE and OHID publish it: the members' numerators
    summed over their denominators summed, times the unit's scale (100 for a percentage,
    10,000 for a rate per 10,000), not a mean of the members' rates. None unless every
    member has both and the denominators add up to more than nothing."""
    pairs = list(zip(numerators, denominators, strict=True))
    if not pairs or any(n is None or d is None for n, d in pairs):
        return None
    total = sum(to_decimal(d) for _, d in pairs)
    if not total:
        return None
    return stored(sum(to_decimal(n) for n, _ in pairs) / total * scale)


def best(values: Iterable[Number | None], polarity: Polarity | str) -> Decimal | None:
    """The best council's value: highest when higher is better, lowest when lower is
    better; None for a measure with no polarity (a volume is never "best")."""
    polarity = Polarity(polarity)
    present = _present(values)
    if not present or polarity == Polarity.NONE:
        return None
    return max(present) if polarity == Polarity.HIGHER else min(present)


def top_quartile_position(size: int) -> int:
    """How many councils, counted from the best, make up the top quartile: ceil(size / 4).

    The same boundary as rules.ranking.quartile: in a group of 12 the top quartile is
    positions 1-3, in a group of 153 positions 1-39.
    """
    if size < 1:
        raise ValueError("a quartile needs at least one value")
    return -(-size // 4)


def top_quartile_threshold(
    values: Iterable[Number | None], polarity: Polarity | str
) -> Decimal | None:
    """The value a council must reach to be in the top quartile: the worst value among the
    best quarter of councils, in the polarity's direction. None without a polarity."""
    polarity = Polarity(polarity)
    present = _present(values)
    if not present or polarity == Polarity.NONE:
        return None
    best_first = sorted(present, reverse=polarity == Polarity.HIGHER)
    return best_first[top_quartile_position(len(best_first)) - 1]
