"""Formatting only: the ratings and directions shown here were decided by the rules. The
markup comes from reports.cells, so every page shows a cell the same way."""

from django import template

from reports import cells, formatting, indicator_page
from reports.exports.pdf import chromium_available
from reports.plotly_js import plotly_js_url

register = template.Library()


@register.simple_tag
def rating_badge(rating, published="", differs=False):
    return cells.rating_badge(rating, published, differs)


@register.simple_tag
def locality_rating(cell):
    return cells.locality_rating(cell, cells.rating_badge(""))


@register.simple_tag
def direction_arrow(direction):
    return cells.direction_arrow(direction)


@register.simple_tag
def value_cell(text, period="", label=""):
    return cells.value(text, period, label)


@register.simple_tag
def benchmark_cell(cell):
    return cells.benchmark(cell)


@register.simple_tag
def comparison_cell(cell):
    return cells.comparison(cell)


@register.simple_tag
def target_cell(cell, tolerance=""):
    return cells.target(cell, tolerance)


@register.filter
def figure(number, decimal_places=1):
    """A figure at the given decimal places, rounded half up: the one formatter."""
    return formatting.figure(number, decimal_places)


@register.filter
def exact(number):
    """A count, numerator or denominator with separators, never rounded (1,415)."""
    return formatting.exact(number)


@register.filter
def stored(number):
    """A figure exactly as stored (9.1, not 9.10000000), for officers' screens."""
    return formatting.stored(number)


@register.simple_tag
def plotly_script_url():
    return plotly_js_url()


@register.filter
def caveats_beyond(cell, record):
    return cells.caveats_beyond(cell, record)


@register.simple_tag
def pdf_printable():
    """Whether this server can print PDFs: pages offer no download that cannot work."""
    return chromium_available()


@register.simple_tag
def interval_text(interval, indicator):
    return indicator_page.interval_text(interval, indicator.unit, indicator.decimal_places)


@register.simple_tag
def significance_badge(verdict):
    return cells.significance_badge(verdict)


@register.simple_tag
def variation_badge(spc):
    return cells.variation_badge(spc)


@register.simple_tag
def assurance_badge(spc):
    return cells.assurance_badge(spc)
