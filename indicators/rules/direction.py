"""Direction of travel: has performance improved, worsened or stayed the same?"""

from __future__ import annotations

from .types import Direction, Number, Polarity, as_polarity, to_decimal

_ARROWS = {
    Direction.IMPROVED: "↑",
    Direction.WORSE: "↓",
    Direction.SAME: "→",
    Direction.NONE: "",
}

_WORDS = {
    Direction.IMPROVED: "Improved",
    Direction.WORSE: "Worse",
    Direction.SAME: "No change",
    Direction.NONE: "Not assessed",
}


def direction_of_travel(
    current: Number | None, previous: Number | None, polarity: Polarity | str
) -> Direction:
    """Compare current with previous, given polarity.

    Norfolk MI: "DOT ... represents the direction of 'performance' in relation to the
    polarity of 'good' performance", so ↑ on a lower-is-better measure means the value
    fell. Pass unrounded values: Norfolk prints 7.2 LAC rate 69.7 -> 69.7 with ↓ because
    the count behind it rose 1178 -> 1179 (seeds-stockton-norfolk.md §2.8). Only exact
    equality is "same". Info measures (polarity NONE) have no direction.
    """
    polarity = as_polarity(polarity)
    now, before = to_decimal(current), to_decimal(previous)
    if now is None or before is None or polarity == Polarity.NONE:
        return Direction.NONE
    if now == before:
        return Direction.SAME
    went_up = now > before
    if went_up == (polarity == Polarity.HIGHER):
        return Direction.IMPROVED
    return Direction.WORSE


def arrow(direction: Direction | str) -> str:
    """The arrow glyph; always shown beside direction_words(), never alone."""
    return _ARROWS[Direction(direction)]


def direction_words(direction: Direction | str) -> str:
    return _WORDS[Direction(direction)]
