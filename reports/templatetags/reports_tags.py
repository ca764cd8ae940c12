"""Formatting only: the ratings and directions shown here were decided by the rules. The
markup comes from reports.cells, so every page shows a cell the same way."""

from django import template

from reports import cells
from reports.exports.pdf import chromium_available
from reports.plotly_js import plotly_js_url

register = template.Library()


@register.simple_tag
def rating_badge(rating, published="", differs=False):
    return cells.rating_badge(rating, published, differs)


@register.simple_tag
def direction_arrow(direction):
    return cells.direction_arrow(direction)


@register.simple_tag
def value_cell(text, period="", provisional=False):
    return cells.value(text, period, provisional)


@register.simple_tag
def benchmark_cell(cell):
    return cells.benchmark(cell)


@register.simple_tag
def comparison_cell(cell):
    return cells.comparison(cell)


@register.simple_tag
def target_cell(cell, tolerance=""):
    return cells.target(cell, tolerance)


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
