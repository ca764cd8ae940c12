"""The HTML of the committee table's cells, built by plain functions from a dashboard row.

One source for the dashboard table, the compare page and the indicator page (through the
template tags). Plain string building on purpose: the same page through django-tables2's own
rows and cells took 702 ms of CPU against 329 (+113%; scripts/time_tricks.py, Durham, seeds
cloned 10x, SQLite, 20 rounds, byte-identical pages). Every piece of text goes through escape();
the ratings and directions were decided by the councils' rules before they got here.
"""

import functools
from html import escape as _escape

from django.utils.safestring import SafeString

from indicators.rules.types import Direction, Rating

from .formatting import direction_parts, figure_with_unit, rating_parts
from .sparkline import sparkline_svg


def escape(text):
    """django.utils.html.escape's output (quotes too), without its lazy-string wrapper:
    this runs a dozen times per row."""
    if type(text) is str and len(text) <= 200:
        return _escape_text(text)
    return _escape(str(text))


# Remembered: ~4,600 calls a dashboard, mostly the same names, labels and figures (short
# texts only, so the memory it holds stays small whatever officers write).
_escape_text = functools.lru_cache(maxsize=8192)(_escape)


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


def paper_rating(cell):
    """The rating a paper printed where no figure is held to recompute it from (Norfolk's
    locality glyphs): the paper's colour, shape and word, said to be as published. A glyph
    that names two colours (page 2's star, "★ (green or red)") shows both words, no colour."""
    if cell.published_rating:
        badge = BADGES[cell.published_rating]
    else:
        words = cell.printed_rating.partition(" (")[2].rstrip(")") or cell.printed_rating
        badge = f'<span class="rating rating--none">{escape(words.capitalize())}</span>'
    return SafeString(f'{badge} <span class="period">as published, no figure</span>')


def locality_rating(cell, empty=NO_DATA):
    """A locality's rating against the county tolerances: the portal's, else the paper's
    where it printed one with no figure, else `empty`."""
    if cell is None:
        return empty
    if cell.paper_only:
        return paper_rating(cell)
    if not cell.rating and not cell.rating_differs:
        return empty
    return rating_badge(cell.rating, cell.published_rating, cell.rating_differs)


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


def benchmark(cell, significance=False):
    """A benchmark with its own period and its rating; with `significance` (the council's
    scheme shows statistics), whether the council differs from it significantly."""
    if not cell:  # None, or "" from a template variable that is missing
        return NO_DATA
    html = _value(cell.text, cell.period_label) + _rated(cell)
    if significance and cell.significance:
        html += "<br>" + significance_badge(cell.significance)
    return SafeString(html)


# Significance, SPC variation and assurance: a glyph and words beside the colour, as the
# ratings. Making Data Count's icons letter the side of the mean (H/L) and the assurance
# (P/F/?); the words say the same.
SIGNIFICANCE_TEXT = {
    "better": ("▲", "Significantly better"),
    "worse": ("▼", "Significantly worse"),
    "higher": ("▲", "Significantly higher"),
    "lower": ("▼", "Significantly lower"),
    "similar": ("=", "Similar"),
    "untested": ("–", "Not tested"),
}
VARIATION_TEXT = {
    "improving": "Improving",
    "concerning": "Concerning",
    "high": "Higher",
    "low": "Lower",
    "common": "Common cause",
}
ASSURANCE_TEXT = {
    "pass": ("P", "Consistently meets target"),
    "fail": ("F", "Consistently misses target"),
    "hit_and_miss": ("?", "Hit and miss"),
}


def significance_badge(verdict):
    glyph, words = SIGNIFICANCE_TEXT.get(verdict, ("", verdict))
    return SafeString(
        f'<span class="sig sig--{escape(verdict)}"><span aria-hidden="true">{glyph}</span> '
        f"{escape(words)}</span>"
    )


def variation_badge(spc):
    """The SPC variation icon for the latest point: H or L for its side of the mean."""
    if not spc.variation:
        return ""
    latest = spc.latest
    letter = "~" if spc.variation == "common" else ("H" if latest.side >= 0 else "L")
    return SafeString(
        f'<span class="spc spc--{escape(spc.variation)}" title="{escape(spc.variation_words)}">'
        f'<span class="spc__icon" aria-hidden="true">{letter}</span> '
        f"Variation: {escape(VARIATION_TEXT[spc.variation])}</span>"
    )


def assurance_badge(spc):
    if not spc.assurance:
        return ""
    letter, words = ASSURANCE_TEXT[spc.assurance]
    return SafeString(
        f'<span class="spc spc--{escape(spc.assurance)}">'
        f'<span class="spc__icon" aria-hidden="true">{letter}</span> '
        f"Assurance: {escape(words)}</span>"
    )


def spc_badges(row):
    """The dashboard's compact SPC icons, where the council's scheme shows statistics."""
    if not (row.show_statistics and row.statistics):
        return ""
    badges = [variation_badge(row.statistics.spc), assurance_badge(row.statistics.spc)]
    return "".join(f"<br>{b}" for b in badges if b)


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
    if row.open_questions:
        n = row.open_questions
        words = f"{n} open committee question{'s' if n != 1 else ''}"
        html += f'<br><a class="questions" href="{escape(url)}#questions">{words}</a>'
    return SafeString(html)


def trend(row):
    """The sparkline is decorative; its text says what it shows, in figures."""
    if len(row.trend) < 2:
        return SafeString('<span class="muted">One value</span>' + spc_badges(row))
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
        sparkline_svg(figures)
        + f'<span class="visually-hidden">{escape(words)}</span>'
        + spc_badges(row)
    )


def rank(group_rank):
    """Where the council stands in the group: "Ranked 3rd of 12, quartile 1"."""
    return SafeString(f'<span class="rank">Ranked {escape(group_rank.text)}</span>')
