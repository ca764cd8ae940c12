"""Rank and quartile of a council's value within a comparator group."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .types import Number, Polarity, to_decimal


def _suffix(n: int) -> str:
    # 11th, 12th, 13th (and 111th...) break the 1st/2nd/3rd pattern.
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = best given polarity; tied values share the higher position
    tied: bool
    size: int  # how many councils in the group had a value

    def __post_init__(self) -> None:
        if not 1 <= self.position <= self.size:
            raise ValueError(f"position {self.position} is outside a group of {self.size}")

    @property
    def ordinal(self) -> str:
        """As Stockton prints it: "94(2nd)", "96(=3rd)": a tie is marked with "="."""
        return f"{'=' if self.tied else ''}{self.position}{_suffix(self.position)}"

    def __str__(self) -> str:
        return self.ordinal


def rank_in_group(
    value: Number | None, group_values: Iterable[Number | None], polarity: Polarity | str
) -> Rank | None:
    """Competition ranking ("1224"): position = 1 + how many group values are better.

    group_values includes the council's own value; missing values are ignored. None when
    the measure has no polarity or the council has no value.
    """
    polarity = Polarity(polarity)
    v = to_decimal(value)
    if v is None or polarity == Polarity.NONE:
        return None
    values = [d for d in (to_decimal(x) for x in group_values) if d is not None]
    if v not in values:
        raise ValueError(f"{v} is not among the group's values; include the council's own value")
    higher = sum(1 for x in values if x > v)
    equal = sum(1 for x in values if x == v)
    return rank_from_counts(len(values) - higher - equal, equal, len(values), polarity)


def rank_from_counts(lower: int, equal: int, size: int, polarity: Polarity | str) -> Rank | None:
    """The same rule from counts: of the group's `size` values, `lower` are below the
    council's and `equal` level with it (itself included). For a group too large to list
    (England: every council, indicators.ranks). None for a measure without polarity."""
    polarity = Polarity(polarity)
    if polarity == Polarity.NONE:
        return None
    better = size - lower - equal if polarity == Polarity.HIGHER else lower
    return Rank(position=better + 1, tied=equal > 1, size=size)


MIN_GROUP_FOR_QUARTILES = 4


def quartile(rank: Rank) -> int | None:
    """1 (best) to 4: ceil(4 * position / size), on the shared position for ties.

    In a group of 12 (the North East), positions 1-3 are quartile 1 and 10-12 quartile 4.
    None for a group of fewer than four values: the formula would put a lone council in
    the bottom quartile, which no council would print.
    """
    if rank.size < MIN_GROUP_FOR_QUARTILES:
        return None
    return -(-4 * rank.position // rank.size)  # integer ceiling: no float rounding
