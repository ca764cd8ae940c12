"""Figures as members read them: the indicator's decimal places, its unit and its period.

Pure functions (no database), so the dashboard, the key messages and a later Word or
Excel export print a figure the same way.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from indicators.rules.direction import arrow, direction_words
from indicators.rules.types import Rating

UNIT_SUFFIX = {
    "percent": "%",
    "rate_1000": " per 1,000",
    "rate_10000": " per 10,000",
    "rate_100000": " per 100,000",
    "days": " days",
}

# Shape and word beside every colour: a rating is never shown by colour alone.
RATING_SHAPES = {
    Rating.GREEN: ("●", "Green"),
    Rating.AMBER: ("▲", "Amber"),
    Rating.RED: ("■", "Red"),
    Rating.NOT_RATED: ("–", "Not rated"),
}


# The rounding step for each number of decimal places, built once: a dashboard prints
# a few thousand figures.
_QUANTUMS = [Decimal(1).scaleb(-places) for places in range(10)]


def figure(number, decimal_places=1):
    """83.2, 1,178, -3.4; rounded half up as the councils print; "" for no figure."""
    if number is None:
        return ""
    places = max(int(decimal_places or 0), 0)
    quantum = _QUANTUMS[places] if places < len(_QUANTUMS) else Decimal(1).scaleb(-places)
    if not isinstance(number, Decimal):
        number = Decimal(number)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def figure_with_unit(number, unit, decimal_places=1):
    text = figure(number, decimal_places)
    if not text:
        return ""
    return text + UNIT_SUFFIX.get(unit, "")


def rating_parts(rating):
    """(css name, shape, word) for a rating value."""
    rating = Rating(rating or "")
    shape, word = RATING_SHAPES[rating]
    return (rating.value or "none", shape, word)


def direction_parts(direction):
    """(arrow, words) from the direction rule; the arrow is always shown with the words."""
    return (arrow(direction or ""), direction_words(direction or ""))


def ref_slug(ref):
    """URL-safe indicator reference: "CYP S24" -> "cyp-s24", "6.10b" -> "6-10b"."""
    return re.sub(r"[^a-z0-9]+", "-", ref.lower()).strip("-")
