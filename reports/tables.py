"""The committee table (django-tables2): render_* for the HTML cell, value_* for the exports,
so the screen and the exports come from the same dashboard rows.

On screen the rows are rendered by body_html(), which calls the same render_* methods
directly: django-tables2's per-cell machinery (an accessor and a signature inspection for
every cell) cost more than the cells themselves on a dashboard with hundreds of rows.
"""

import django_tables2 as tables
from django.urls import reverse
from django.utils.safestring import SafeString

from indicators.models import ComparisonKind

from . import cells
from .formatting import direction_parts, rating_parts


def _rating_word(rating):
    return rating_parts(rating)[2]


def _cell_text(cell, with_direction=False):
    if cell is None:
        return ""
    parts = [cell.text]
    if cell.period_label:
        parts.append(f"({cell.period_label})")
    if with_direction and cell.direction:
        parts.append(direction_parts(cell.direction)[1])
    if cell.rating:
        parts.append(_rating_word(cell.rating))
    if cell.not_comparable:
        parts.append("not comparable")
    return " ".join(p for p in parts if p)


def _flagged(html, cell, record):
    return SafeString(html + cells.caveat_flag(cell, record))


def _column(header, accessor):
    return tables.Column(verbose_name=header, accessor=accessor, default="")


class DashboardTable(tables.Table):
    indicator = _column("Indicator", "ref")
    latest = _column("Latest value", "text")
    target = _column("Target and rating", "target")
    previous_period = _column("Previous period", "previous_period")
    previous_year = _column("12 months earlier", "previous_year")
    england = _column("England", tables.A(f"benchmarks__{ComparisonKind.NATIONAL}"))
    region = _column("Region", tables.A(f"benchmarks__{ComparisonKind.REGIONAL}"))
    neighbours = _column(
        "Statistical neighbours", tables.A(f"benchmarks__{ComparisonKind.STATISTICAL_NEIGHBOURS}")
    )
    trend = _column("Trend", "trend")

    class Meta:
        orderable = False
        template_name = "reports/dashboard_table.html"
        attrs = {"class": "data-table dashboard-table"}

    def __init__(self, data, period_param="", **kwargs):
        super().__init__(data, **kwargs)
        # Links to an indicator keep the period the member chose.
        self.query = f"?period={period_param}" if period_param else ""
        self._urls = {}

    def indicator_url(self, record):
        # reverse() once per council, not once per row.
        if record.authority_slug not in self._urls:
            url = reverse("reports:indicator", args=[record.authority_slug, "0"])
            self._urls[record.authority_slug] = url.rsplit("/0/", 1)
        before, after = self._urls[record.authority_slug]
        return f"{before}/{record.slug}/{after}{self.query}"

    # Screen: HTML from reports.cells ------------------------------------------------------

    def render_indicator(self, record):
        return cells.indicator(record, self.indicator_url(record))

    def render_latest(self, record):
        return cells.value(record.text, record.period_label, record.label, record.stale)

    def render_target(self, record):
        return _flagged(cells.target(record.target, record.tolerance), record.target, record)

    def render_previous_period(self, record):
        return _flagged(cells.comparison(record.previous_period), record.previous_period, record)

    def render_previous_year(self, record):
        return _flagged(cells.comparison(record.previous_year), record.previous_year, record)

    def render_england(self, record):
        return self._benchmark(record, ComparisonKind.NATIONAL)

    def render_region(self, record):
        return self._benchmark(record, ComparisonKind.REGIONAL)

    def render_neighbours(self, record):
        return self._benchmark(record, ComparisonKind.STATISTICAL_NEIGHBOURS)

    def _benchmark(self, record, kind):
        cell = record.benchmark(kind)
        html = _flagged(cells.benchmark(cell), cell, record)
        if kind in record.ranks:
            html = SafeString(f"{html} {cells.rank(record.ranks[kind])}")
        return html

    def render_trend(self, record):
        return cells.trend(record)

    def head_html(self):
        """The column headers' <th> cells, built once for every group's table."""
        return SafeString(
            "".join(
                f'<th scope="col" class="col-{cells.escape(c.name)}">{cells.escape(c.header)}</th>'
                for c in self.columns
            )
        )

    def body_html(self, records=None):
        """<tr> for each row (all the table's rows, or `records`, one group of them): the
        indicator as the row's header, then one <td> a column."""
        columns = [(c.name, getattr(self, f"render_{c.name}")) for c in self.columns]
        (first, render_first), rest = columns[0], columns[1:]
        # Tags built once, each closing the cell before it; join() takes the cells'
        # SafeStrings as they are, where an f-string calls SafeString.__str__ on each.
        first_open = f'<tr><th scope="row" class="col-{first}">'
        closing = ["</th>"] + ["</td>"] * len(rest)
        rest = [(f'{closing[i]}<td class="col-{name}">', r) for i, (name, r) in enumerate(rest)]
        row_end = closing[-1] + "</tr>\n"
        html = []
        add = html.append
        for record in self.data if records is None else records:
            add(first_open)
            add(render_first(record))
            for tag, render in rest:
                add(tag)
                add(render(record))
            add(row_end)
        return SafeString("".join(html))

    # Exports: plain text, the same rows -------------------------------------------------

    def value_indicator(self, record):
        return f"{record.ref} {record.name}"

    def value_latest(self, record):
        label = f" {record.label}" if record.label else ""
        old = f" Old figure: {record.period_label}" if record.stale else ""
        return f"{record.text} ({record.period_label}){label}{old}"

    def value_target(self, record):
        text = _cell_text(record.target)
        return f"{text} {record.tolerance}".strip()

    def value_previous_period(self, record):
        return _cell_text(record.previous_period, with_direction=True)

    def value_previous_year(self, record):
        return _cell_text(record.previous_year, with_direction=True)

    def value_england(self, record):
        return _ranked_text(record, ComparisonKind.NATIONAL)

    def value_region(self, record):
        return _ranked_text(record, ComparisonKind.REGIONAL)

    def value_neighbours(self, record):
        return _ranked_text(record, ComparisonKind.STATISTICAL_NEIGHBOURS)

    def value_trend(self, record):
        return "; ".join(f"{label}: {figure}" for label, figure in record.trend)


def _ranked_text(record, kind):
    text = _cell_text(record.benchmark(kind))
    rank = record.ranks.get(kind)
    return f"{text} (ranked {rank.text})".strip() if rank else text
