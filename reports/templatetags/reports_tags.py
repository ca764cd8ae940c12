"""Formatting only: the ratings and directions shown here were decided by the rules."""

from django import template

from reports import charts
from reports.formatting import direction_parts, rating_parts
from reports.plotly_js import plotly_js_url

register = template.Library()


@register.inclusion_tag("reports/includes/rating.html")
def rating_badge(rating, published="", differs=False):
    css, shape, word = rating_parts(rating)
    printed = rating_parts(published)[2] if differs else ""
    return {"css": css, "shape": shape, "word": word, "printed": printed}


@register.inclusion_tag("reports/includes/direction.html")
def direction_arrow(direction, against=""):
    glyph, words = direction_parts(direction)
    return {"direction": direction or "none", "glyph": glyph, "words": words, "against": against}


@register.simple_tag
def sparkline(trend):
    return charts.sparkline_svg([figure for _, figure in trend])


@register.simple_tag
def plotly_script_url():
    return plotly_js_url()


@register.filter
def caveats_beyond(cell, record):
    """A comparison cell's published quirks that the row's own flag does not already show
    (the comparator's: Durham CYP S33's "12 months earlier" equal to its target)."""
    if not cell:
        return []
    return [q for q in cell.quirks if q not in record.quirks]
