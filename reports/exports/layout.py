"""Which layout a council's committee table takes. It sits above both layouts so that
neither imports the other: mi_table builds on table's rows, and nothing imports back."""

from indicators.rules.types import SchemeKind

from .mi_table import mi_county_table
from .table import appendix3_table


def committee_table(authority, period_end, period_label="", theme=None):
    """The table as it stood at period_end (a date), titled with the period's label, in the
    council's own layout; `theme` narrows it to one theme (a Theme).

    A council rated against Red and Green tolerances (Norfolk) prints the MI county
    table; every other council Durham's Appendix 3 columns."""
    scheme = authority.rating_scheme
    if scheme and scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        return mi_county_table(authority, period_end, period_label, theme)
    return appendix3_table(authority, period_end, period_label, theme)
