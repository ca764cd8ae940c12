"""Everything the indicator page shows, in a fixed number of queries: the dashboard row
for the chosen period, the series for the charts, localities, commentary and caveats."""

import re
from dataclasses import dataclass, field

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values
from indicators.models import BenchmarkValue, ComparatorGroup, Target, Value
from indicators.rules.spc import RULE_WORDS
from indicators.statistics import value_interval

from . import queries
from .dashboard import build_rows, comparison_cell, status_label
from .formatting import figure, figure_with_unit, places_for, rating_parts


@dataclass
class Locality:
    name: str
    text: str
    label: str  # "provisional" or "revised"
    target: object = None
    previous_period: object = None


@dataclass
class IndicatorPage:
    row: object = None
    history: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    benchmark_series: list = field(default_factory=list)
    localities: list = field(default_factory=list)
    commentary: object = None
    caveats: list = field(default_factory=list)
    intervals: list = field(default_factory=list)  # each history value's 95% interval
    spc_rows: list = field(default_factory=list)  # the SPC chart's table

    @property
    def history_rows(self):
        return list(zip(self.history, self.intervals, strict=True))


def indicator_page(authority, indicator, as_of=None):
    page = IndicatorPage()
    latest = latest_values([authority], as_of, indicators=[indicator])
    if not latest:
        return page
    value = latest[0]
    page.row = build_rows(latest, [authority], as_of, statistics=True, peers=True)[0]
    page.history = queries.history(authority, indicator, as_of)
    page.intervals = [value_interval(v, indicator=indicator) for v in page.history]
    page.spc_rows = spc_rows(page.row.statistics, indicator)
    page.targets = [
        t
        for t in Target.objects.published()
        .filter(indicator=indicator, authority=authority)
        .select_related("period", "indicator")
        .order_by("period__end")
        if t.period_id and t.value is not None and t.period.end <= value.period.end
    ]
    page.benchmark_series = _benchmark_series(authority, indicator, value.period.end)
    page.localities = _localities(value)
    page.commentary = queries.commentaries_for([value]).get(
        (value.indicator_id, value.authority_id, value.period_id)
    )
    page.caveats = _caveats(indicator, value, page.row)
    return page


def interval_text(interval, unit, places):
    """ "23.4% to 25.1%" at one more decimal place than the figure, so a narrow interval
    does not print as a single number."""
    if interval is None:
        return ""
    low = figure_with_unit(interval.lower, unit, places + 1)
    high = figure_with_unit(interval.upper, unit, places + 1)
    return f"{low} to {high}"


def spc_rows(stats, indicator):
    """(period, value, mean, lower limit, upper limit, special cause in words) per point."""
    if stats is None or not stats.spc.points:
        return []
    places = indicator.decimal_places + 1
    unit = indicator.unit
    return [
        (
            s.label,
            figure_with_unit(float(p.value), unit, indicator.decimal_places),
            figure_with_unit(float(p.mean), unit, places),
            figure_with_unit(float(p.lower), unit, places),
            figure_with_unit(float(p.upper), unit, places),
            "; ".join(RULE_WORDS[r] for r in p.rules) or "Common cause",
        )
        for s, p in zip(stats.spc_series, stats.spc.points, strict=True)
    ]


def _benchmark_series(authority, indicator, up_to):
    """Each comparator group's figures up to the value's period. A council's own indicator
    shows every group its paper used; a national one, the council's own groups only (at
    national scale an indicator has a neighbour group for every council)."""
    benchmarks = BenchmarkValue.objects.published().filter(
        indicator=indicator, period__end__lte=up_to, value__isnull=False
    )
    if indicator.authority_id != authority.pk:
        benchmarks = benchmarks.filter(
            comparator_group__in=ComparatorGroup.objects.relevant_to(authority)
        )
    series = {}
    for b in benchmarks.select_related("comparator_group", "period").order_by(
        "comparator_group__kind", "comparator_group__name", "period__end"
    ):
        # (end, label, figure, the figure as shown at its own precision)
        places = places_for(b.printed, indicator.decimal_places)
        series.setdefault(b.comparator_group.name, []).append(
            (b.period.end, b.period_label, b.value, figure(b.value, places))
        )
    return list(series.items())


def _localities(value):
    """Norfolk rates each locality against the county tolerances."""
    areas = list(
        Value.objects.published()
        .filter(
            indicator_id=value.indicator_id,
            authority_id=value.authority_id,
            period_id=value.period_id,
            area__isnull=False,
        )
        .select_related(*queries.VALUE_RELATED, "area")
        .order_by("area__order", "area__name")
    )
    if not areas:
        return []
    for area_value in areas:
        area_value.authority = value.authority
    finder = ComparisonFinder(areas)
    ind = value.indicator
    rows = []
    for area_value in areas:
        locality = Locality(
            name=area_value.area.name,
            text=figure_with_unit(area_value.value, ind.unit, ind.decimal_places)
            or area_value.printed,
            label=status_label(area_value),
        )
        comparisons = finder.comparisons(area_value)
        if comparisons.target is not None:
            locality.target = comparison_cell(comparisons.target, ind)
        if comparisons.previous_period is not None:
            locality.previous_period = comparison_cell(comparisons.previous_period, ind)
        rows.append(locality)
    return rows


def _caveats(indicator, value, row):
    notes = [indicator.footnote, indicator.published_quirk, value.note, value.published_quirk]
    if value.printed and _digits(value.printed) != _digits(
        figure(value.value, indicator.decimal_places)
    ):
        notes.append(f"The paper printed this figure as “{value.printed}”.")
    cells = [c for c in (row.target, row.previous_period, row.previous_year) if c]
    for cell in cells + row.all_benchmarks:
        notes.extend(cell.quirks)
        if cell.not_comparable and cell.not_comparable_reason:
            notes.append(f"{cell.name}: not comparable. {cell.not_comparable_reason}")
        if cell.rating_differs:
            printed = rating_parts(cell.published_rating)[2]
            ours = rating_parts(cell.rating)[2]
            notes.append(
                f"{cell.name}: the paper printed {printed}; the council's documented rule "
                f"gives {ours}."
            )
    return list(dict.fromkeys(n.strip() for n in notes if n and n.strip()))


def _digits(text):
    return re.sub(r"[^0-9.\-]", "", text or "")
