"""Figures on officers' pages as the council writes them, through the one formatter."""

from django import template

from indicators.rules.figures import as_printed

register = template.Library()


@register.filter
def as_written(value):
    """A stored value as the council's paper writes it: its printed form where it has one,
    else the figure at the indicator's decimal places (83.2, 1,415), never 83.20000000.
    The unit is beside the indicator's name."""
    if value is None:
        return ""
    return as_printed(value.value, value.printed, value.indicator.decimal_places)
