"""Norfolk's Monthly Performance & Management Information county table, as Appendix 2 of
the July 2018 pack prints it (seeds-stockton-norfolk.md §2.6): the last four months, YTD,
target, DOT, the county and six locality ratings, the Red and Green tolerances, previous
YTD and the latest benchmarks. Rows are every indicator with a row number (table ref),
including those printed with no figures (1.7)."""

from datetime import date

from indicators.latest import latest_values
from indicators.models import ComparisonKind, Indicator, SubArea, Value
from indicators.rules.direction import arrow
from indicators.rules.figures import as_printed, figure
from indicators.rules.types import Direction, Polarity
from indicators.sharing import attach
from indicators.year_to_date import years_to_date

from ..dashboard import Group, build_rows, status_label
from .table import (
    RATING_WORDS,
    CommitteeTable,
    Line,
    Shown,
    comparator_group_members,
    comparator_shown,
    rating_shown,
    with_statistics,
)

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
# Beside a rating the paper printed with no figure to recompute it from (the key says so).
AS_PUBLISHED = "†"
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
    # The county's and the localities' rows, built once as the dashboard builds them.
    rows = {
        (row.indicator_id, row.area_id): row
        for row in build_rows([*latest.values(), *local.values()], [authority], period_end)
    }
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
        if not groups or groups[-1].title != theme_name:
            groups.append(Group(theme_name, "", []))
        years = (ytd.get(indicator.pk), previous_ytd.get(indicator.pk))
        line = _line(indicator, rows, months, by_month, localities, years)
        line.cells[0] = Shown(theme_name if not groups[-1].rows else "")
        groups[-1].rows.append(line)
        if indicator.footnote and indicator.footnote not in footnotes:
            footnotes.append(indicator.footnote)
    scheme = authority.rating_scheme
    table = CommitteeTable(
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
            "Localities are rated against the county tolerances where the locality's figure "
            f"is held. {AS_PUBLISHED} The paper's rating, printed with no figure for the "
            "locality: shown as published, not recomputed. A locality cell is blank where "
            "the paper printed no rating.",
        ],
    )
    return with_statistics(table)


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
    found = [v for v in found if (v.indicator_id, v.period_id) in wanted]
    # The county value's indicator, its theme and key question already attached: each
    # locality row reads them without a query of its own.
    attach(found, "indicator", {v.indicator_id: v.indicator for v in county_values})
    return {(v.indicator_id, v.area_id): v for v in found}


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


def _line(indicator, rows, months, by_month, localities, years):
    row = rows.get((indicator.pk, None))  # None: no figure this month (1.7 prints empty)
    decimals = indicator.decimal_places
    polarity = Polarity(indicator.polarity)
    target = row.target if row else None
    cells = [
        Shown(),  # the area, filled in by the caller on the group's first row
        Shown(indicator.ref),
        Shown(indicator.name),
        Shown(GOOD_PERFORMANCE[polarity]),
        Shown(indicator.data_note or UNIT_NOTES.get(indicator.unit, "Count")),
    ]
    for month in months:
        figure = by_month.get((indicator.pk, month))
        cells.append(_month_shown(figure, decimals) if figure else Shown())
    cells.append(_ytd_shown(years[0], decimals))
    cells.append(Shown(target.paper_text if target and target.figure is not None else ""))
    cells.append(_dot_shown(row.previous_period, polarity) if row else Shown())
    cells.append(_rag_shown(target))
    for area in localities:
        local = rows.get((indicator.pk, area.pk))
        cells.append(_rag_shown(local.target if local else None))
    for threshold in row.tolerance_band if row else (None, None):
        cells.append(_tolerance_shown(threshold, indicator.unit))
    cells.append(_ytd_shown(years[1], decimals))
    for _title, kind in BENCHMARKS:
        cells.append(comparator_shown(row.benchmark(kind) if row else None))
    return Line(row=row, cells=cells, label=indicator.ref)


def _ytd_shown(ytd, decimals):
    """A YTD as published, or as computed from the months with how (never mistaken for a
    published figure)."""
    if ytd is None:
        return Shown()
    if not ytd.computed:
        return Shown(as_printed(ytd.value, ytd.printed, decimals))
    return Shown(f"{figure(ytd.value, decimals)} ({COMPUTED_YTD[ytd.method]})")


def _month_shown(value, decimals):
    """A month's figure, with its provisional or revised label."""
    return Shown(
        as_printed(value.value, value.printed, decimals),
        number=value.value,
        decimals=decimals,
        label=status_label(value),
    )


def _tolerance_shown(threshold, unit):
    """As the MI report prints tolerances: "80%", "65" (no trailing zeros)."""
    if threshold is None:
        return Shown()
    places = max(-threshold.normalize().as_tuple().exponent, 0)
    text = figure(threshold, places) + ("%" if unit == "percent" else "")
    return Shown(text, number=threshold, decimals=places)


def _dot_shown(cell, polarity):
    if polarity == Polarity.NONE:
        return Shown("•")
    if cell is None or cell.direction == Direction.NONE:
        return Shown()
    direction = Direction(cell.direction)
    return Shown(f"{arrow(direction)} {DOT_WORDS[direction]}")


def _rag_shown(cell):
    """A county or locality rating: blank where none is made (no printed NA here); the
    paper's own where it printed a rating with no figure, marked AS_PUBLISHED."""
    if cell is not None and cell.paper_only:
        if cell.published_rating:
            word = RATING_WORDS[cell.published_rating]
        else:  # a star naming two colours: "★ (green or red)" -> "GREEN OR RED"
            word = cell.printed_rating.partition(" (")[2].rstrip(")").upper() or cell.printed_rating
        return Shown(f"{word}{AS_PUBLISHED}", rating=cell.published_rating)
    return rating_shown(cell) if cell is not None and cell.rating else Shown()
