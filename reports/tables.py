"""The dashboard's committee table: each column renders a cell's HTML from a dashboard row
(reports/cells.py), in the council's own layout; the exports lay the same rows out in
reports/exports.

Rows are rendered by body_html() as plain strings: django-tables2's per-cell machinery (an
accessor and a signature inspection for every cell) cost more than the cells themselves on
a dashboard with hundreds of rows.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString

from indicators.models import ComparisonKind, SubArea, Value
from indicators.rules.types import SchemeKind

from . import cells
from .dashboard import build_rows
from .formatting import ref_slug


def _flagged(html, cell, record):
    return SafeString(html + cells.caveat_flag(cell, record))


LOCAL_KINDS = (ComparisonKind.REGIONAL, ComparisonKind.STATISTICAL_NEIGHBOURS)
# Norfolk's MI benchmark columns, in the paper's order (reports/exports/mi_table.py).
MI_BENCHMARKS = (
    ("neighbours", "Statistical neighbour average", ComparisonKind.STATISTICAL_NEIGHBOURS),
    ("best_neighbour", "Best statistical neighbour", ComparisonKind.BEST_STATISTICAL_NEIGHBOUR),
    ("england", "England", ComparisonKind.NATIONAL),
    ("top_quartile", "National top quartile", ComparisonKind.NATIONAL_TOP_QUARTILE),
    ("region", "Region", ComparisonKind.REGIONAL),
)
NO_LOCAL_RATING = SafeString('<span class="muted">–</span>')
GOOD_PERFORMANCE = {"higher": "High", "lower": "Low", "none": "Info"}


@dataclass
class Column:
    name: str  # the cell's class, col-<name>
    header: str
    render: object  # render(row) -> HTML
    used: object = None  # used(row) -> bool: a column no row uses is hidden


def _named(cells_, name):
    return next((c for c in cells_ if c.name == name), None)


class DashboardTable:
    """The dashboard's table in the council's own layout, as its committee-table export
    (reports/exports/layout.py) lays it out: Durham's Appendix 3 columns (one "North East* /
    nearest neighbour**" column), Norfolk's MI columns (DOT, county and locality ratings,
    its four benchmarks), and for other councils each comparison they use, their own
    comparator groups ("other", Stockton's Tees Valley) included. A column no row uses is
    not shown."""

    def __init__(self, data, period_param="", layout="", localities=None, local_rows=None):
        self.data = list(data)
        # Links to an indicator keep the period the member chose.
        self.query = f"?period={period_param}" if period_param else ""
        self._urls = {}
        self.localities = list(localities or [])
        self.local_rows = local_rows or {}  # {(indicator id, area id): row}
        self.layout = layout
        columns = self._layout_columns(layout)
        self.columns = [c for c in columns if c.used is None or any(c.used(r) for r in self.data)]

    # The layouts ----------------------------------------------------------------------

    def _layout_columns(self, layout):
        indicator = Column("indicator", "Indicator", self.render_indicator)
        latest = Column("latest", "Latest value", self.render_latest)
        target = Column(
            "target", "Target and rating", self.render_target, lambda r: r.target is not None
        )
        previous_period = Column(
            "previous_period",
            "Previous period",
            self.render_previous_period,
            lambda r: r.previous_period is not None,
        )
        previous_year = Column(
            "previous_year",
            "12 months earlier",
            self.render_previous_year,
            lambda r: r.previous_year is not None,
        )
        trend = Column("trend", "Trend", self.render_trend)
        if layout == "mi":
            return [
                indicator,
                Column("good", "Good performance is", self.render_good),
                latest,
                target,
                Column("previous_period", "DOT (month on month)", self.render_previous_period),
                *(
                    Column(
                        f"locality-{area.pk}",
                        f"{area.name} rating",
                        self._locality_render(area),
                        self._locality_used(area),
                    )
                    for area in self.localities
                ),
                previous_year,
                *(self._kind_column(name, header, kind) for name, header, kind in MI_BENCHMARKS),
                trend,
            ]
        england = self._kind_column("england", "England", ComparisonKind.NATIONAL)
        if layout == "appendix3":
            local = Column("region", self._local_header(), self.render_local, self._local_used)
            return [indicator, latest, target, previous_year, england, local, trend]
        return [
            indicator,
            latest,
            target,
            previous_period,
            previous_year,
            england,
            self._kind_column("region", "Region", ComparisonKind.REGIONAL),
            self._kind_column(
                "neighbours", "Statistical neighbours", ComparisonKind.STATISTICAL_NEIGHBOURS
            ),
            self._kind_column(
                "best_neighbour",
                "Best statistical neighbour",
                ComparisonKind.BEST_STATISTICAL_NEIGHBOUR,
            ),
            *self._other_columns(),
            trend,
        ]

    def _kind_column(self, name, header, kind):
        names = {r.benchmark(kind).name for r in self.data if r.benchmark(kind)}
        if len(names) == 1:  # the group's own name: "North East", "Eastern region"
            header = names.pop()
        return Column(
            name,
            header,
            lambda r: self._benchmark(r, kind),
            lambda r: r.benchmark(kind) is not None or kind in r.ranks,
        )

    def _other_columns(self):
        """One column for each of the council's own groups (Stockton's Tees Valley)."""
        names = []
        for row in self.data:
            for cell in row.all_benchmarks:
                if cell.kind == ComparisonKind.OTHER and cell.name not in names:
                    names.append(cell.name)
        return [
            Column(
                f"other-{cells.escape(ref_slug(name))}",
                name,
                lambda r, name=name: _flagged(
                    cells.benchmark(_named(r.all_benchmarks, name), r.show_statistics),
                    _named(r.all_benchmarks, name),
                    r,
                ),
            )
            for name in names
        ]

    def _local_cell(self, row):
        return row.benchmark(LOCAL_KINDS[0]) or row.benchmark(LOCAL_KINDS[1])

    def _local_used(self, row):
        return self._local_cell(row) is not None

    def _local_header(self):
        """Durham's single column: "North East* / Nearest statistical neighbours**"."""
        names = []
        for row in self.data:
            cell = self._local_cell(row)
            if cell is not None and (cell.name, cell.marker) not in names:
                names.append((cell.name, cell.marker))
        return " / ".join(f"{n}{m}" for n, m in names) or "Region"

    def render_local(self, record):
        cell = self._local_cell(record)
        html = _flagged(cells.benchmark(cell, record.show_statistics), cell, record)
        return _ranked(html, record, cell.kind if cell is not None else None)

    def render_good(self, record):
        return GOOD_PERFORMANCE.get(record.polarity, "")

    def _locality_render(self, area):
        def render(record):
            local = self.local_rows.get((record.indicator_id, area.pk))
            return cells.locality_rating(local.target if local else None, NO_LOCAL_RATING)

        return render

    def _locality_used(self, area):
        return lambda r: (r.indicator_id, area.pk) in self.local_rows

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
        html = _flagged(cells.benchmark(cell, record.show_statistics), cell, record)
        return _ranked(html, record, kind)

    def render_trend(self, record):
        return cells.trend(record)

    def columns_for(self, records=None):
        """The columns `records` (one group's rows; all rows by default) use: a group's table
        does not carry another group's empty columns (Norfolk's localities)."""
        if records is None:
            return self.columns
        return [c for c in self.columns if c.used is None or any(c.used(r) for r in records)]

    def head_html(self, records=None):
        """The column headers' <th> cells for the rows' table."""
        return SafeString(
            "".join(
                f'<th scope="col" class="col-{cells.escape(c.name)}">{cells.escape(c.header)}</th>'
                for c in self.columns_for(records)
            )
        )

    def body_html(self, records=None):
        """<tr> for each row (all the table's rows, or `records`, one group of them): the
        indicator as the row's header, then one <td> a column."""
        columns = [(c.name, c.render) for c in self.columns_for(records)]
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


def dashboard_layout(council, rows):
    """The committee-table layout the council's export takes (reports/exports/layout.py):
    "mi" (Norfolk's MI table), "appendix3" (Durham's numbered Appendix 3), or "" for a
    council with no numbered table (its columns are the comparisons it uses)."""
    scheme = council.rating_scheme
    if scheme and scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
        return "mi"
    return "appendix3" if any(r.table_ref for r in rows) else ""


def locality_rows(council, rows, as_of):
    """(localities, {(indicator id, area id): row}): each locality's row at its county
    row's period, rated against the county tolerances as the MI table does. Two queries
    and the rows' comparisons, however many indicators."""
    localities = list(SubArea.objects.filter(authority=council).order_by("order", "name"))
    wanted = {(r.indicator_id, r.period_end) for r in rows if r.area_id is None}
    found = (
        Value.objects.published()
        .filter(
            authority=council,
            area__isnull=False,
            indicator_id__in={i for i, _ in wanted},
            period__end__in={e for _, e in wanted},
        )
        .for_export()
        .select_related("indicator__theme", "indicator__key_question")
    )
    found = [v for v in found if (v.indicator_id, v.period.end) in wanted]
    built = build_rows(found, [council], as_of) if found else []
    return localities, {(r.indicator_id, r.area_id): r for r in built}


class ContextTable(DashboardTable):
    """Context figures (volumes, infographic numbers, measures without polarity): the
    figure, the earlier one and the benchmarks, never a rating or a target."""

    def render_latest(self, record):
        # A status the paper gives in RAG words (Durham's Ofsted improvement plan) shows
        # as a badge with its shape, named as the plan's status: not a portal rating.
        status = (record.text or "").strip().lower()
        if record.unit == "judgement" and status in ("red", "amber", "green"):
            return SafeString(
                cells.rating_badge(status)
                + f' <span class="period">plan status, {cells.escape(record.period_label)}</span>'
            )
        return super().render_latest(record)

    def _layout_columns(self, layout):
        return [
            Column("indicator", "Context figure", self.render_indicator),
            Column("latest", "Latest value", self.render_latest),
            Column(
                "previous_year",
                "12 months earlier",
                lambda r: _unrated(r.previous_year),
                lambda r: r.previous_year is not None,
            ),
            Column(
                "previous_period",
                "Previous period",
                lambda r: _unrated(r.previous_period),
                lambda r: r.previous_period is not None,
            ),
            *(
                Column(
                    name,
                    header,
                    lambda r, kind=kind: _unrated(r.benchmark(kind), r.show_statistics),
                    lambda r, kind=kind: r.benchmark(kind) is not None,
                )
                for name, header, kind in (
                    ("england", "England", ComparisonKind.NATIONAL),
                    ("region", "Region", ComparisonKind.REGIONAL),
                )
            ),
        ]


def _ranked(html, record, kind):
    """A national indicator's benchmark cell with the council's rank in that group."""
    if kind in record.ranks:
        return SafeString(f"{html} {cells.rank(record.ranks[kind])}")
    return html


def _unrated(cell, significance=False):
    """A context figure's comparison: no rating, but whether the council differs from a
    benchmark significantly where its scheme shows statistics (a statistic, not a RAG)."""
    if cell is None:
        return cells.NO_DATA
    html = cells.value(cell.text, cell.period_label)
    if significance and cell.significance:
        html += "<br>" + cells.significance_badge(cell.significance)
    return SafeString(html)
