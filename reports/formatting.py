"""Figures as members read them: at their own precision, with the unit and the period.

Pure functions (no database). The numbers themselves are written by
indicators.rules.figures (one rounding rule, half up), shared with the officer pages.
"""

import re

from indicators.rules.direction import arrow, direction_words
from indicators.rules.figures import (  # noqa: F401 (one formatter)
    as_printed,
    exact,
    figure,
    places_for,
    stored,
    with_money,
)
from indicators.rules.types import Rating

UNIT_SUFFIX = {
    "percent": "%",
    "rate_1000": " per 1,000",
    "rate_10000": " per 10,000",
    "rate_100000": " per 100,000",
    "days": " days",
}
# Axis titles and card captions for units written before the figure (money).
UNIT_TITLES = {"pounds": "£", "pounds_000": "£000"}

# Shape and word beside every colour: a rating is never shown by colour alone.
RATING_SHAPES = {
    Rating.GREEN: ("●", "Green"),
    Rating.AMBER: ("▲", "Amber"),
    Rating.RED: ("■", "Red"),
    Rating.NOT_RATED: ("–", "Not rated"),
}


def unit_title(unit):
    """A unit as an axis or caption names it ("%", "per 10,000", "£000"); "" for none."""
    return UNIT_SUFFIX.get(unit, "").strip() or UNIT_TITLES.get(unit, "")


def figure_with_unit(number, unit, decimal_places=1):
    return with_unit(figure(number, decimal_places), unit)


def with_unit(text, unit):
    """A figure already written by figure() with its unit; "" for no figure."""
    return with_money(text, unit) + UNIT_SUFFIX.get(unit, "") if text else ""


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
