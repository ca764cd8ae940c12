"""The spine chart (as OHID Fingertips draws it): one line per indicator with the English
range, the interquartile band, the England figure and the council's value coloured and
shaped by its significance against England; worse to the left, better to the right
whatever the polarity (low left, high right for a measure without one).

The council's rows are the dashboard's (build_rows, the one row source). The English
range and quartiles come from every English council's published whole-authority value
for the same indicator and period, in one query, shown only where at least
MIN_COUNCILS councils have one: a spread of two is no "English range".
"""

from dataclasses import dataclass
from statistics import quantiles

from indicators.latest import latest_values
from indicators.models import ComparisonKind, Value

from .dashboard import build_rows
from .formatting import figure_with_unit
from .indicator_page import interval_text

MIN_COUNCILS = 5
WIDTH, HEIGHT = 300, 24

# Colour, SVG shape and words per significance against England; never colour alone.
MARKERS = {
    "better": ("#005EB8", "up", "Significantly better than England"),
    "worse": ("#A85400", "down", "Significantly worse than England"),
    "similar": ("#ffdd00", "diamond", "Similar to England"),
    "higher": ("#4C2C92", "up", "Significantly higher than England"),
    "lower": ("#4C2C92", "down", "Significantly lower than England"),
    "untested": ("#ffffff", "circle", "Not tested against England"),
}


@dataclass
class SpineLine:
    row: object
    england: object  # the row's England cell, or None
    councils: int = 0  # English councils with a value for the same indicator and period
    lowest: float | None = None
    q1: float | None = None
    q3: float | None = None
    highest: float | None = None
    significance: str = "untested"
    svg: str = ""

    def text(self, number):
        return figure_with_unit(number, self.row.unit, self.row.decimal_places)

    @property
    def interval_text(self):
        stats = self.row.statistics
        found = stats.interval if stats else None
        return interval_text(found, self.row.unit, self.row.decimal_places)

    @property
    def lowest_text(self):
        return self.text(self.lowest)

    @property
    def q1_text(self):
        return self.text(self.q1)

    @property
    def q3_text(self):
        return self.text(self.q3)

    @property
    def highest_text(self):
        return self.text(self.highest)

    @property
    def words(self):
        return MARKERS[self.significance][2]

    @property
    def orientation(self):
        return {
            "higher": "higher is better",
            "lower": "lower is better (axis reversed)",
        }.get(self.row.polarity, "no better direction: low to high")


def spine_lines(council, as_of=None):
    values = [
        v
        for v in latest_values([council], as_of)
        if v.value is not None and v.indicator.unit != "judgement"
    ]
    rows = build_rows(values, [council], as_of, statistics=True)
    spread = _english_spread(values)
    lines = []
    for value, row in zip(values, rows, strict=True):
        england = row.benchmark(ComparisonKind.NATIONAL)
        line = SpineLine(row, england)
        figures = spread.get((value.indicator_id, value.period_id), [])
        if len(figures) >= MIN_COUNCILS:
            q1, _median, q3 = quantiles(figures, n=4, method="inclusive")
            line.councils = len(figures)
            line.lowest, line.q1, line.q3, line.highest = min(figures), q1, q3, max(figures)
        if england is not None and england.significance:
            line.significance = england.significance
        line.svg = spine_svg(line)
        lines.append(line)
    return lines


def _english_spread(values):
    """{(indicator, period): [figure of each English council]}, one query."""
    if not values:
        return {}
    found = (
        Value.objects.published()
        .whole_authority()
        .filter(
            indicator_id__in={v.indicator_id for v in values},
            period_id__in={v.period_id for v in values},
            value__isnull=False,
            authority__ons_code__startswith="E",
        )
        .values_list("indicator_id", "period_id", "value")
    )
    spread = {}
    for indicator_id, period_id, figure in found:
        spread.setdefault((indicator_id, period_id), []).append(float(figure))
    return spread


def spine_svg(line):
    """The line's drawing, decorative (aria-hidden): the table row beside it has every
    figure in words. England is the centre; the scale reaches the furthest of the range,
    the council's value and its interval."""
    row = line.row
    value = float(row.value)
    england = line.england.figure if line.england else None
    if england is None and line.lowest is None:
        return ""  # nothing to place the value against
    centre = float(england) if england is not None else None
    stats = row.statistics
    points = [value]
    if line.lowest is not None:
        points += [line.lowest, line.highest]
    if stats and stats.interval:
        points += [stats.interval.lower, stats.interval.upper]
    if centre is None:
        centre = (min(points) + max(points)) / 2
    reach = max(abs(p - centre) for p in points)
    if line.lowest is None:
        # No English range to scale by: half England's figure either side, so a small
        # difference is not drawn at the edge of the line.
        reach = max(reach, abs(centre) / 2)
    reach = reach or 1.0
    flip = row.polarity == "lower"

    def x(figure):
        offset = (figure - centre) / reach * (WIDTH / 2 - 8)
        return round(WIDTH / 2 + (-offset if flip else offset), 1)

    parts = [f'<line x1="0" y1="{HEIGHT / 2}" x2="{WIDTH}" y2="{HEIGHT / 2}" class="spine__axis"/>']
    if line.lowest is not None:
        parts.append(_band(x(line.lowest), x(line.highest), "spine__range"))
        parts.append(_band(x(line.q1), x(line.q3), "spine__iqr"))
    if line.england and line.england.figure is not None:
        at = x(float(line.england.figure))
        parts.append(f'<line x1="{at}" y1="2" x2="{at}" y2="{HEIGHT - 2}" class="spine__england"/>')
    colour, shape, _ = MARKERS[line.significance]
    parts.append(_marker(x(value), HEIGHT / 2, shape, colour))
    return (
        f'<svg class="spine" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>'
    )


def _band(a, b, css):
    left, right = sorted((a, b))
    return f'<rect x="{left}" y="6" width="{round(right - left, 1)}" height="12" class="{css}"/>'


def _marker(cx, cy, shape, colour):
    r = 6
    common = f'fill="{colour}" stroke="#0b0c0c" stroke-width="1.5"'
    if shape == "circle":
        return f'<circle cx="{cx}" cy="{cy}" r="{r}" {common}/>'
    if shape == "diamond":
        pts = f"{cx},{cy - r - 1} {cx + r + 1},{cy} {cx},{cy + r + 1} {cx - r - 1},{cy}"
    elif shape == "up":
        pts = f"{cx},{cy - r - 1} {cx + r + 1},{cy + r} {cx - r - 1},{cy + r}"
    else:
        pts = f"{cx - r - 1},{cy - r} {cx + r + 1},{cy - r} {cx},{cy + r + 1}"
    return f'<polygon points="{pts}" {common}/>'
