"""Norfolk's Monthly Performance & Management Information county table, as Appendix 2 of
the July 2018 pack prints it (seeds-stockton-norfolk.md §2.6): the last four months, YTD,
target, DOT, the county and six locality ratings, the Red and Green tolerances, previous
YTD and the latest benchmarks. Rows are every indicator with a row number (table ref),
including those printed with no figures (1.7)."""

from datetime import date

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values
from indicators.models import ComparisonKind, Indicator, SubArea, Value
from indicators.rules.direction import arrow
from indicators.rules.types import Direction, Polarity
from indicators.year_to_date import years_to_date

from ..dashboard import status_label
from .table import RATING_WORDS, Cell, CommitteeTable, Group, Row, comparator_group_members
from .table import figure_text as _text

GOOD_PERFORMANCE = {Polarity.HIGHER: "High", Polarity.LOWER: "Low", Polarity.NONE: "Info"}
UNIT_NOTES = {
    "percent": "Percentage",
    "rate_1000": "Rate",
    "rate_10000": "Rate",
    "rate_100000": "Rate",
    "average": "Average",
    "maximum": "Maximum",
}
# DOT in words beside the arrow: the paper's arrows alone changed font from page to page.
DOT_WORDS = {Direction.IMPROVED: "better", Direction.WORSE: "worse", Direction.SAME: "same"}
BENCHMARKS = [
    ("Stat neigh avg", ComparisonKind.STATISTICAL_NEIGHBOURS),
    ("Best stat neigh", ComparisonKind.BEST_STATISTICAL_NEIGHBOUR),
    ("Nat. avg", ComparisonKind.NATIONAL),
    ("Nat. top quartile", ComparisonKind.NATIONAL_TOP_QUARTILE),
    ("Eastern region", ComparisonKind.REGIONAL),
]
MONTHS_SHOWN = 4
# A YTD worked out from the months says how; a stored one prints as published.
COMPUTED_YTD = {"sum": "sum of months", "mean": "mean of months", "latest": "latest month"}


def month_ends(period_end, count=MONTHS_SHOWN):
    """The last `count` calendar months up to period_end's month, oldest first, as
    (year, month) pairs."""
    year, month = period_end.year, period_end.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def mi_county_table(authority, period_end, period_label="", theme=None):
    months = month_ends(period_end)
    localities = list(SubArea.objects.filter(authority=authority))
    columns = [
        "Area",
        "Ref",
        "Indicator",
        "Good perf. is",
        "Data note",
        *(date(y, m, 1).strftime("%b-%y") for y, m in months),
        "YTD",
        "Target",
        "DOT",
        "County",
        *(area.name for area in localities),
        "Red",
        "Green",
        "Previous YTD",
        *(title for title, _ in BENCHMARKS),
    ]
    first_rag = 5 + len(months) + 3
    column_groups = [
        ("", 5),
        ("Last four months", len(months)),
        ("Current year", 2),
        ("DOT (month on month)", 1),
        ("RAG", 1 + len(localities)),
        ("Tolerances", 2),
        ("", 1),
        ("Latest benchmarking", len(BENCHMARKS)),
    ]
    indicators = Indicator.objects.filter(authority=authority).exclude(table_ref="")
    if theme is not None:
        indicators = indicators.filter(theme=theme)
    indicators = sorted(indicators.select_related("theme"), key=lambda i: (i.order, i.ref))
    wanted = {i.pk for i in indicators}
    latest = {
        v.indicator_id: v
        for v in latest_values([authority], period_end)
        if v.indicator_id in wanted
    }
    local = _locality_values(authority, latest.values())
    finder = ComparisonFinder([*latest.values(), *local.values()])
    by_month = _monthly_figures(authority, wanted, months)
    # The year to date: stored as published, else from the months. The previous YTD is
    # worked out only beside a worked-out YTD: where the paper printed the YTD, it printed
    # the previous one too or chose not to (6 of 32 rows in April 2018).
    ytd = years_to_date(authority, indicators, period_end)
    last_year = date(period_end.year - 1, period_end.month, 1)
    computed = {pk for pk, figure in ytd.items() if figure.computed}
    previous_ytd = years_to_date(authority, indicators, last_year, computable=computed)

    groups, footnotes = [], []
    for indicator in indicators:
        theme_name = indicator.theme.name if indicator.theme_id else ""
        if not groups or groups[-1].heading != theme_name:
            groups.append(Group(theme_name, ""))
        value = latest.get(indicator.pk)
        years = (ytd.get(indicator.pk), previous_ytd.get(indicator.pk))
        row = _row(indicator, value, months, by_month, finder, localities, local, years)
        row.cells[0] = Cell(theme_name if not groups[-1].rows else "")
        groups[-1].rows.append(row)
        if indicator.footnote and indicator.footnote not in footnotes:
            footnotes.append(indicator.footnote)
    scheme = authority.rating_scheme
    return CommitteeTable(
        title=f"{authority.name}: Monthly Performance & Management Information, County Report"
        + (f", {theme.name}" if theme else ""),
        authority=authority,
        period_label=period_label or f"{period_end:%B %Y}",
        columns=columns,
        rating_columns=set(range(first_rag, first_rag + 1 + len(localities))),
        groups=groups,
        footnotes=footnotes,
        key_text=scheme.key_text if scheme else "",
        comparator_groups=comparator_group_members(authority),
        column_groups=column_groups,
        heading_rows=False,
        key_notes=[
            "DOT: ↑ better, ↓ worse, → same, judged with the polarity ('Good perf. is') on "
            "unrounded figures; • an Info measure, which has no direction.",
            "Localities are rated against the county tolerances. A locality cell is blank "
            "where no locality figure is held.",
        ],
    )


def _locality_values(authority, county_values):
    """{(indicator, area): value} for each locality at its county value's period."""
    wanted = {(v.indicator_id, v.period_id) for v in county_values}
    found = (
        Value.objects.published()
        .filter(
            authority=authority,
            area__isnull=False,
            indicator_id__in={i for i, _ in wanted},
            period_id__in={p for _, p in wanted},
        )
        .for_export()
    )
    return {
        (v.indicator_id, v.area_id): v for v in found if (v.indicator_id, v.period_id) in wanted
    }


def _monthly_figures(authority, indicator_ids, months):
    """{(indicator, (year, month)): value} for the month columns, one query."""
    first_year, first_month = months[0]
    found = (
        Value.objects.published()
        .filter(
            authority=authority,
            area__isnull=True,
            indicator_id__in=indicator_ids,
            period__kind="month",
            period__start__gte=date(first_year, first_month, 1),
        )
        .select_related("period")
    )
    wanted = set(months)
    return {
        (v.indicator_id, (v.period.end.year, v.period.end.month)): v
        for v in found
        if (v.period.end.year, v.period.end.month) in wanted
    }


def _row(indicator, value, months, by_month, finder, localities, local, years):
    decimals = indicator.decimal_places
    polarity = Polarity(indicator.polarity)
    comparisons = {}
    if value is not None:
        comparisons = {
            (c.kind, c.group.pk if c.group else None): c for c in finder.comparisons(value)
        }
    by_kind = {kind: c for (kind, _), c in comparisons.items()}
    target = by_kind.get(ComparisonKind.TARGET)
    dot = by_kind.get(ComparisonKind.PREVIOUS_PERIOD)
    tolerance = finder.tolerances.get((indicator.pk, indicator.authority_id))
    cells = [
        Cell(),  # the area, filled in by the caller on the group's first row
        Cell(indicator.ref),
        Cell(indicator.name),
        Cell(GOOD_PERFORMANCE[polarity]),
        Cell(indicator.data_note or UNIT_NOTES.get(indicator.unit, "Count")),
    ]
    for month in months:
        figure = by_month.get((indicator.pk, month))
        cells.append(_figure_cell(figure, decimals) if figure else Cell())
    cells.append(_ytd_cell(years[0], decimals))
    cells.append(Cell(target.comparator_printed if target and target.comparator_value else ""))
    cells.append(_dot_cell(dot, polarity) if value is not None else Cell())
    cells.append(_rating(target))
    for area in localities:
        figure = local.get((indicator.pk, area.pk))
        local_target = None
        if figure is not None:
            local_target = next(
                (c for c in finder.comparisons(figure) if c.kind == ComparisonKind.TARGET), None
            )
        cells.append(_rating(local_target))
    for threshold in (tolerance.red, tolerance.green) if tolerance else (None, None):
        cells.append(_tolerance_cell(threshold, indicator.unit))
    cells.append(_ytd_cell(years[1], decimals))
    for _title, kind in BENCHMARKS:
        bench = by_kind.get(kind)
        cells.append(_comparator_cell(bench, decimals) if bench else Cell())
    flags = sorted({q for c in comparisons.values() for q in c.quirks})
    if indicator.published_quirk:
        flags.insert(0, indicator.published_quirk)
    return Row(cells=cells, flags=flags, label=indicator.ref)


def _ytd_cell(ytd, decimals):
    """A YTD as published, or as computed from the months with how (never mistaken for a
    published figure)."""
    if ytd is None:
        return Cell()
    if not ytd.computed:
        return Cell(ytd.printed or _text(ytd.value, "", decimals))
    return Cell(f"{_text(ytd.value, '', decimals)} ({COMPUTED_YTD[ytd.method]})")


def _figure_cell(value, decimals):
    """A month's figure, with its provisional or revised label."""
    return Cell(
        _text(value.value, value.printed, decimals),
        number=value.value,
        decimals=decimals,
        label=status_label(value),
    )


def _comparator_cell(comparison, decimals):
    """A benchmark at its own precision: as printed, else the indicator's decimal places."""
    places = comparison.comparator_places(decimals)
    text = _text(comparison.comparator_value, comparison.comparator_printed, places)
    return Cell(text, number=comparison.comparator_value, decimals=places)


def _tolerance_cell(threshold, unit):
    """As the MI report prints tolerances: "80%", "65" (no trailing zeros)."""
    if threshold is None:
        return Cell()
    places = max(-threshold.normalize().as_tuple().exponent, 0)
    text = _text(threshold, "", places) + ("%" if unit == "percent" else "")
    return Cell(text, number=threshold, decimals=places)


def _dot_cell(comparison, polarity):
    if polarity == Polarity.NONE:
        return Cell("•")
    if comparison is None or comparison.direction == Direction.NONE:
        return Cell()
    return Cell(f"{arrow(comparison.direction)} {DOT_WORDS[comparison.direction]}")


def _rating(comparison):
    if comparison is None or not comparison.rating:
        return Cell()
    return Cell(RATING_WORDS[comparison.rating], rating=str(comparison.rating))
