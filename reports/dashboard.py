"""The committee rows: one plain dataclass per indicator, built once and read by the
on-screen table, the sparklines, the key messages and every committee-table layout and
format (reports/exports): no other code builds a row's comparisons, ratings or figure texts.

Every rating and direction comes from indicators.comparisons (the councils' rules); this
module only chooses which comparisons a row shows and puts them into plain fields.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings

from indicators.comparisons import ComparisonFinder
from indicators.comparisons.load import council_groups
from indicators.latest import latest_values
from indicators.models import ComparisonKind
from indicators.ranks import ranks_for
from indicators.rules.staleness import is_stale, parse_limits, stale_limits
from indicators.rules.types import Direction, Polarity, Rating
from indicators.statistics import StatisticsFinder, target_figure

from . import queries
from .alongside import alongside
from .formatting import exact, figure, ref_slug, with_unit

# Benchmark columns of the dashboard, in the papers' order; the indicator page shows all.
BENCHMARK_COLUMNS = (
    ComparisonKind.NATIONAL,
    ComparisonKind.REGIONAL,
    ComparisonKind.STATISTICAL_NEIGHBOURS,
)


# Called with the rows of each dashboard (dashboard_rows): apps above reports add to them
# here (meetings: the open questions on each row) without reports importing them.
ROW_HOOKS = []

# Indicators with no theme: the council's own, or national measures it reports.
NO_THEME = {False: "", True: "National indicators"}


@dataclass(slots=True)
class Cell:
    """One comparison as shown: the comparator figure, its own period, rating, direction."""

    name: str
    kind: str
    text: str = ""  # as the member pages show it: at its own precision, with the unit
    figure: Decimal | None = None
    places: int = 0  # the comparator's own precision (indicators.rules.figures)
    printed: str = ""  # as the paper printed it, markers and words included ("8.8*")
    paper_text: str = ""  # as the committee table prints it: printed, else the bare figure
    marker: str = ""  # the comparator group's footnote marker ("*" North East)
    period_label: str = ""
    rating: str = ""
    direction: str = ""
    published_rating: str = ""
    printed_rating: str = ""  # the paper's word where no rating is made ("NA")
    rating_differs: bool = False
    # The paper's rating where no figure is held to recompute it from (Norfolk's locality
    # glyphs): shown as published, never as the portal's rating.
    paper_only: bool = False
    not_comparable: bool = False
    not_comparable_reason: str = ""
    quirks: list[str] = field(default_factory=list)
    significance: str = ""  # a benchmark's: better/similar/worse (indicators.statistics)


@dataclass(slots=True)
class Row:
    indicator_id: int
    authority_slug: str
    ref: str
    slug: str
    name: str
    theme: str
    key_question: str
    group_order: tuple
    polarity: str
    unit: str
    decimal_places: int
    value: Decimal | None
    text: str  # as the member pages show it, with the unit
    period_label: str
    period_end: object
    provisional: bool
    label: str = ""  # "provisional" or "revised": printed beside the figure everywhere
    target: Cell | None = None
    previous_period: Cell | None = None
    previous_year: Cell | None = None
    benchmarks: dict = field(default_factory=dict)
    all_benchmarks: list = field(default_factory=list)
    tolerance: str = ""
    trend: list = field(default_factory=list)  # [(period label, figure)], oldest first
    exceptions: list[str] = field(default_factory=list)
    quirks: list[str] = field(default_factory=list)
    # What the committee-table layouts print besides (reports/exports).
    paper_text: str = ""  # as the paper printed the figure, else the bare figure
    table_ref: str = ""
    footnote: str = ""
    key_question_title: str = ""  # "3. Are children safe?"
    indicator_quirk: str = ""
    tolerance_band: tuple = (None, None)  # (red, green) thresholds as stored
    area_id: int | None = None  # a locality's row (Norfolk's), else the whole council
    national: bool = False  # a national indicator (every council's, e.g. from DfE's files)
    # Interval, trend, SPC (indicators.statistics), and whether the council's rating scheme
    # shows them on the dashboard and in the committee table.
    statistics: object = None
    show_statistics: bool = False
    value_id: int | None = None  # the stored value shown, to tell later revisions of it
    open_questions: int = 0  # the committee's questions awaiting an answer (ROW_HOOKS)
    # Older than its frequency allows (indicators/rules/staleness.py): shown as "Old figure",
    # not counted in the summary, never an exception.
    stale: bool = False
    # National indicators: {kind: indicators.ranks.GroupRank} in England, region, neighbours.
    ranks: dict = field(default_factory=dict)

    @property
    def rating(self):
        return self.target.rating if self.target else ""

    def benchmark(self, kind):
        return self.benchmarks.get(kind)

    def comparison_cells(self):
        """Every comparison the row holds, target first."""
        earlier = (self.target, self.previous_period, self.previous_year)
        return [c for c in earlier if c is not None] + self.all_benchmarks


@dataclass
class Group:
    title: str
    subtitle: str
    rows: list
    body: str = ""  # the rows as HTML, rendered by the view's DashboardTable
    head: str = ""  # the header cells of the columns the group's rows use
    new_heading: bool = True  # False when only the key question changes
    anchor: str = ""  # the id a jump link to the group's theme goes to


@dataclass
class Summary:
    ratings: Counter
    previous_period: Counter
    previous_year: Counter
    exceptions: list
    stale: list = field(default_factory=list)  # rows left out of the counts: old figures

    @property
    def rated(self):
        return sum(self.ratings[r] for r in (Rating.GREEN, Rating.AMBER, Rating.RED))


class Dashboard(NamedTuple):
    rows: list
    # What the rows' comparisons read of the council's comparator groups
    # (comparisons.load.council_groups), for the report key; None with no rows.
    groups: tuple | None


def council_dashboard(authority, as_of=None):
    """The rows for each of the council's indicators as a committee paper dated `as_of`
    showed them (None for latest), and the comparator groups they were compared with. A
    fixed number of queries, however many indicators."""
    groups = alongside(council_groups, [authority.pk])
    values = latest_values([authority], as_of)
    if not values:
        return Dashboard([], None)
    reads = _begin_reads(values, [authority], as_of)
    finder = ComparisonFinder(values, groups.result())
    rows = _rows(values, as_of, finder, reads)
    for hook in ROW_HOOKS:
        hook(authority, rows)
    return Dashboard(rows, finder.council_groups)


def dashboard_rows(authority, as_of=None):
    return council_dashboard(authority, as_of).rows


def build_rows(values, authorities, as_of=None, statistics=False, finder=None, peers=False):
    """statistics: work out the statistical verdicts even where no scheme shows them (the
    indicator page). peers: each rank with the region's and neighbours' figures (the
    indicator page lists them). finder: a ComparisonFinder already loaded for these values
    (the report cards read their figures' targets from it too), else one is loaded here."""
    if not values:
        return []
    reads = _begin_reads(values, authorities, as_of)
    finder = finder or ComparisonFinder(values)
    return _rows(values, as_of, finder, reads, statistics, peers)


def _begin_reads(values, authorities, as_of):
    # The trends and commentaries are read alongside the comparisons' sources.
    return (
        alongside(queries.trends, authorities, {v.indicator_id for v in values}, as_of),
        alongside(queries.commentaries_for, values),
    )


def _rows(values, as_of, finder, reads, statistics=False, peers=False):
    # The ranks are counted alongside the rows' building.
    ranks_read = alongside(ranks_for, values, peers=peers, groups=finder.council_groups)
    limits = stale_limits(parse_limits(settings.SCRUTINY_STALE_AFTER_MONTHS))
    series, commentaries = (read.result() for read in reads)
    # A locality's row (Norfolk's) has no trend or commentary of its own: those are the
    # whole council's.
    rows = [
        _row(
            v,
            finder,
            # The trend and the exception rule read the same points: the value's own kind
            # of period.
            series.get((v.indicator_id, v.authority_id, v.period.kind), [])
            if v.area_id is None
            else [],
            commentaries.get((v.indicator_id, v.authority_id, v.period_id))
            if v.area_id is None
            else None,
            is_stale(v.indicator.frequency, v.period.end, as_of, limits),
        )
        for v in values
    ]
    ranks = ranks_read.result()
    for row, v in zip(rows, values, strict=True):
        row.ranks = ranks.get(v.pk, {})
    add_statistics(rows, values, finder, as_of, statistics)
    return rows


def add_statistics(rows, values, finder, as_of, always=False):
    """The statistical verdicts, where a council's scheme shows them (or `always`): two
    queries for all the rows (indicators.statistics)."""
    shown = [
        bool(getattr(v.indicator.scheme_for(v.authority), "show_statistics", False)) for v in values
    ]
    if not (always or any(shown)):
        return
    stats = StatisticsFinder(values, as_of=as_of)
    for row, value, show in zip(rows, values, shown, strict=True):
        row.show_statistics = show
        row.statistics = stats.statistics(value, target_figure(finder.target_for(value)))
        for cell in row.all_benchmarks:
            cell.significance = str(row.statistics.significance(cell.figure))


def _row(value, finder, recent, commentary, stale=False):
    """recent: [(label, figure)] of the value's kind of period, oldest first."""
    ind = value.indicator
    period = value.period
    theme = ind.theme
    unit, places = ind.unit, ind.decimal_places
    shown = figure(value.value, places)  # once: the row's text and its paper text
    theme_name = theme.name if theme else NO_THEME[ind.authority_id is None]
    key_question = ind.key_question
    row = Row(
        indicator_id=ind.pk,
        authority_slug=value.authority.slug,
        ref=ind.ref,
        slug=ref_slug(ind.ref),
        name=ind.name,
        theme=theme_name,
        key_question=key_question.text if key_question else "",
        group_order=(
            theme.order if theme else 10**6,
            theme_name,
            key_question.number if key_question else 0,
        ),
        polarity=ind.polarity,
        unit=unit,
        decimal_places=places,
        value=value.value,
        text=with_unit(shown, unit) or value.printed,
        period_label=value.period_label,
        period_end=period.end,
        provisional=value.status == value.Status.PROVISIONAL,
        label=status_label(value),
        trend=recent,
        quirks=[q for q in (ind.published_quirk, value.published_quirk) if q],
        paper_text=value.printed or shown,
        table_ref=ind.table_ref,
        footnote=ind.footnote,
        key_question_title=str(key_question) if key_question else "",
        indicator_quirk=ind.published_quirk,
        area_id=value.area_id,
        national=ind.authority_id is None,
        value_id=value.pk,
        stale=stale,
    )
    comparisons = finder.comparisons(value)
    row.target = _cell(comparisons.target, ind)
    row.previous_period = _cell(comparisons.previous_period, ind)
    row.previous_year = _cell(comparisons.previous_year, ind)
    for comparison in comparisons.benchmarks:
        cell = comparison_cell(comparison, ind)
        row.all_benchmarks.append(cell)
        # The first of a kind fills its column (Durham prints one England figure).
        row.benchmarks.setdefault(comparison.kind, cell)
    tolerance = finder.tolerance_for(value)
    if tolerance:
        row.tolerance = tolerance_text(tolerance, ind)
        row.tolerance_band = (tolerance.red, tolerance.green)
    _reasons, row.exceptions = finder.exceptions(
        value, [f for _, f in recent], commentary, comparisons, stale=stale
    )
    return row


def status_label(value):
    """The word a figure carries wherever it is shown: a provisional or revised figure never
    reaches committee papers looking final."""
    if value.status in (value.Status.PROVISIONAL, value.Status.REVISED):
        return str(value.status)
    return ""


def _cell(comparison, indicator):
    return comparison_cell(comparison, indicator) if comparison is not None else None


def comparison_cell(comparison, indicator):
    published = comparison.published
    number = comparison.comparator_value
    printed = comparison.comparator_printed
    places = comparison.comparator_places(indicator.decimal_places)
    target = comparison.kind == ComparisonKind.TARGET
    # Written once for the screen's text and the paper's (as_printed, figure_with_unit).
    shown = figure(number, places)
    paper_only = False
    if published:
        published_rating = published.published_rating
        not_comparable = bool(published.not_comparable)
        reason = published.not_comparable_reason
        # A rating printed for a value with no figure cannot differ from a rule that had
        # nothing to rate: it is the paper's, shown as such.
        paper_only = (
            target
            and comparison.value.value is None
            and not not_comparable
            and bool(published_rating or published.printed_rating)
        )
        rating_differs = (
            bool(published_rating) and not paper_only and published_rating != comparison.rating
        )
    else:
        published_rating, rating_differs, not_comparable, reason = "", False, False, ""
    return Cell(
        name=comparison.name,
        kind=comparison.kind,
        figure=number,
        places=places,
        printed=printed,
        # A target reads as the council set it (">=86%", "Tracker") everywhere.
        text=with_unit(shown, indicator.unit) if shown and not target else printed,
        paper_text=printed if target else printed or shown,
        marker=comparison.group.marker if comparison.group else "",
        period_label=comparison.comparator_period_label,
        rating=str(comparison.rating),
        direction=str(comparison.direction),
        published_rating=published_rating,
        printed_rating=published.printed_rating if published else "",
        rating_differs=rating_differs,
        paper_only=paper_only,
        not_comparable=not_comparable,
        not_comparable_reason=reason,
        quirks=list(dict.fromkeys(comparison.quirks)) if comparison.quirks else [],
    )


def tolerance_text(tolerance, indicator):
    """Red 80%, Green 90%: each threshold as the council set it (its stored precision),
    as Norfolk's MI table prints the tolerances."""
    if tolerance.red is None or tolerance.green is None:
        return ""
    red = with_unit(exact(tolerance.red), indicator.unit)
    green = with_unit(exact(tolerance.green), indicator.unit)
    return f"Red {red}, Green {green}"


def group_rows(rows):
    """As the council groups them: Durham by Altogether theme then key question, Norfolk by
    area. Rows keep the council's own order within a group."""
    groups = []
    # sorted() is stable: the council's own indicator order holds within each group.
    for row in sorted(rows, key=lambda r: r.group_order):
        title = row.theme or "Other indicators"
        if not groups or (groups[-1].title, groups[-1].subtitle) != (title, row.key_question):
            groups.append(Group(title, row.key_question, []))
        groups[-1].rows.append(row)
    return groups


def summarise(rows):
    current = [r for r in rows if not r.stale]

    def directions(attr):
        return Counter(
            getattr(r, attr).direction
            for r in current
            if getattr(r, attr) and getattr(r, attr).direction != Direction.NONE
        )

    return Summary(
        ratings=Counter(r.rating for r in current if r.rating),
        previous_period=directions("previous_period"),
        previous_year=directions("previous_year"),
        exceptions=[r for r in current if r.exceptions],
        stale=[r for r in rows if r.stale],
    )


def is_context(row, council_uses_table_refs):
    """A context figure (a volume, an infographic number, a measure without polarity): shown
    apart from the committee's table and never rated. Where the council numbers its table's
    rows (Durham's Appendix 3, Norfolk's MI table), a row without a number or a target is
    context, as the paper has it (Norfolk's vital signs have targets and stay); otherwise a
    measure with no polarity is."""
    if row.national and row.polarity != Polarity.NONE:
        return False  # an official measure with a better direction is rated and ranked
    if council_uses_table_refs:
        return not row.table_ref and row.target is None
    return row.polarity == Polarity.NONE


def split_context(rows):
    """(the committee table's rows, the context figures), each in the rows' own order."""
    numbered = any(r.table_ref for r in rows)
    table, context = [], []
    for row in rows:
        (context if is_context(row, numbered) else table).append(row)
    return table, context
