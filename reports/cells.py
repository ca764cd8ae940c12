"""The HTML of the committee table's cells, built by plain functions from a dashboard row.

One source for the dashboard table, the compare page and the indicator page (through the
template tags). Plain string building on purpose: a template per cell cost more than the
rest of a dashboard with a hundred indicators. Every piece of text goes through escape();
the ratings and directions were decided by the councils' rules before they got here.
"""

from html import escape as _escape

from django.utils.safestring import SafeString

from indicators.rules.types import Direction, Rating

from .formatting import direction_parts, figure_with_unit, rating_parts
from .sparkline import sparkline_svg


def escape(text):
    """django.utils.html.escape's output (quotes too), without its lazy-string wrapper:
    this runs a dozen times per row."""
    return _escape(str(text))


NO_DATA = SafeString('<span class="muted">No data</span>')
NOT_COMPARABLE = ' <span class="flag">not comparable</span>'


def _badge(rating, printed_word=""):
    css, shape, word = rating_parts(rating)
    html = (
        f'<span class="rating rating--{css}"><span class="rating__shape" aria-hidden="true">'
        f"{shape}</span> {word}</span>"
    )
    if printed_word:
        html += f' <span class="flag">(paper printed {printed_word})</span>'
    return html


# A rating is one of four values: its badge is built once, not once per cell.
BADGES = {r.value: _badge(r) for r in Rating}


def rating_badge(rating, published="", differs=False):
    """Shape and word beside the colour: a rating is never shown by colour alone."""
    if differs:
        return SafeString(_badge(rating, rating_parts(published)[2]))
    return SafeString(BADGES.get(rating or "") or _badge(rating))


def _arrow(direction):
    glyph, words = direction_parts(direction)
    if glyph:
        return (
            f'<span class="direction direction--{escape(direction)}"><span aria-hidden="true">'
            f"{glyph}</span> {words}</span>"
        )
    return f'<span class="direction direction--none">{words}</span>'


# Like the badges: four directions, each arrow built once.
ARROWS = {d.value: _arrow(d) for d in Direction}


def direction_arrow(direction):
    return SafeString(ARROWS.get(direction) or _arrow(direction))


def _value(text, period="", label=""):
    html = f'<span class="figure">{escape(text or "No data")}</span>'
    if period:
        html += f' <span class="period">{escape(period)}</span>'
    if label:  # "provisional" or "revised": never shown looking final
        html += f' <span class="flag">{escape(label)}</span>'
    return html


def value(text, period="", label="", stale=False):
    html = _value(text, period, label)
    if stale:  # a word, not a colour: older than its frequency allows
        html += f' <span class="flag flag--stale">Old figure: {escape(period)}</span>'
    return SafeString(html)


def _rated(cell):
    if cell.not_comparable:
        return NOT_COMPARABLE
    if cell.rating:
        return " " + rating_badge(cell.rating, cell.published_rating, cell.rating_differs)
    return ""


def benchmark(cell):
    """A benchmark with its own period and its rating."""
    if not cell:  # None, or "" from a template variable that is missing
        return NO_DATA
    return SafeString(_value(cell.text, cell.period_label) + _rated(cell))


def comparison(cell):
    """An earlier value (previous period, 12 months earlier) with direction and rating."""
    if not cell:  # None, or "" from a template variable that is missing
        return NO_DATA
    html = _value(cell.text, cell.period_label)
    if cell.direction:
        html += " " + (ARROWS.get(cell.direction) or _arrow(cell.direction))
    return SafeString(html + _rated(cell))


def target(cell, tolerance=""):
    if not cell:
        html = '<span class="muted">No target</span>'
    else:
        html = f'<span class="figure">{escape(cell.text or cell.name)}</span>'
        if cell.period_label:
            html += f' <span class="period">{escape(cell.period_label)}</span>'
        if cell.not_comparable:
            html += NOT_COMPARABLE
        else:
            html += " " + rating_badge(cell.rating, cell.published_rating, cell.rating_differs)
    if tolerance:
        html += f'<br><span class="tolerance">{escape(tolerance)}</span>'
    return SafeString(html)


def caveats_beyond(cell, row):
    """A comparison's published quirks that the row's own flag does not already show (the
    comparator's: Durham CYP S33's "12 months earlier" equal to its target)."""
    if not cell:
        return []
    return [q for q in cell.quirks if q not in row.quirks]


def caveat_flag(cell, row):
    """The flag after a cell whose comparator carries a published quirk, with its words."""
    quirks = caveats_beyond(cell, row)
    if not quirks:
        return ""
    words = escape(" ".join(quirks))
    return f' <span class="flag">caveat<span class="visually-hidden">: {words}</span></span>'


def indicator(row, url):
    html = (
        f'<a href="{escape(url)}"><span class="ref">{escape(row.ref)}</span> {escape(row.name)}</a>'
    )
    if row.exceptions:
        html += f'<br><span class="exception">Exception: {escape("; ".join(row.exceptions))}</span>'
    if row.quirks:
        html += '<br><span class="flag">Data caveat: see indicator page</span>'
    return SafeString(html)


def trend(row):
    """The sparkline is decorative; its text says what it shows, in figures."""
    if len(row.trend) < 2:
        return SafeString('<span class="muted">One value</span>')
    figures = [f for _, f in row.trend if f is not None]
    first_label, first = row.trend[0]
    words = f"{len(row.trend)} values, from {first_label} to {row.period_label}"
    if figures:

        def shown(number):
            return figure_with_unit(number, row.unit, row.decimal_places)

        words += (
            f": first {shown(first) or 'no data'}, latest {shown(row.trend[-1][1]) or 'no data'}"
            f", lowest {shown(min(figures))}, highest {shown(max(figures))}"
        )
    return SafeString(
        sparkline_svg(figures) + f'<span class="visually-hidden">{escape(words)}</span>'
    )


def rank(group_rank):
    """Where the council stands in the group: "Ranked 3rd of 12, quartile 1"."""
    return SafeString(f'<span class="rank">Ranked {escape(group_rank.text)}</span>')
