"""The committee table in a council's own layout: one source of rows for every format.

Durham: Appendix 3 "Summary of key performance indicators", grouped by theme and key
question. Other councils: the same columns without Durham's row references. Every cell
is text as the paper would print it, with the rating kept as a value beside it.
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from indicators.latest import latest_values
from indicators.models import ComparatorGroup, ComparisonKind
from indicators.rules.significance import WORDS as SIGNIFICANCE_WORDS

from ..dashboard import Group, build_rows

RATING_WORDS = {"green": "GREEN", "amber": "AMBER", "red": "RED"}


@dataclass
class Shown:
    """What one column of a layout shows, read from a dashboard row's cell: the text (as the
    paper prints it), and for Excel the number, its decimals and its label."""

    text: str = ""
    number: Decimal | None = None
    decimals: int = 0  # the figure's own precision: what an Excel number format shows
    rating: str = ""  # green / amber / red / "" : the text carries it too
    label: str = ""  # "provisional" or "revised": never reaches committee looking final

    @property
    def shown(self):
        """The cell as every format prints it: the figure with its label."""
        return f"{self.text} ({self.label})" if self.label and self.text else self.text


@dataclass
class Line:
    """One row of a committee table: the dashboard row it shows (None where a layout prints
    an indicator with no figure, Norfolk's 1.7) and its columns."""

    row: object
    cells: list[Shown]
    label: str = ""  # the indicator reference, naming the row in caveats

    @property
    def flags(self):
        """The published quirks of the indicator and of every comparison on the row."""
        if self.row is None:
            return []
        flags = sorted({q for c in self.row.comparison_cells() for q in c.quirks})
        return [self.row.indicator_quirk, *flags] if self.row.indicator_quirk else flags


@dataclass
class CommitteeTable:
    title: str
    authority: object
    period_label: str
    columns: list[str]
    rating_columns: set[int]
    groups: list[Group]
    footnotes: list[str]
    key_text: str
    comparator_groups: list[tuple[str, list[str]]]
    # Norfolk's MI header groups its columns ("Last four months", "RAG", ...): (title, span).
    column_groups: list[tuple[str, int]] = field(default_factory=list)
    # Durham prints theme and key question as rows across the table; Norfolk prints its
    # area in the first column of the area's first row instead.
    heading_rows: bool = True
    key_notes: list[str] = field(default_factory=list)
    # Published indicators with no row in the council's table (no table reference): said,
    # never dropped silently (issue 13).
    left_out: list[str] = field(default_factory=list)

    def flat_rows(self):
        for group in self.groups:
            for row in group.rows:
                yield group, row

    def rows_with_figures(self):
        """How many rows hold a figure: Norfolk's layout also lists rows printed empty."""
        return sum(1 for _, row in self.flat_rows() if any(c.number is not None for c in row.cells))

    def qualified_columns(self):
        """Column titles made unique, for CSV and Excel: by their header group ("RAG
        County"), or where a title repeats (Durham's second "Period covered", the
        comparators' period) by what it covers."""
        if not self.column_groups:
            seen = set()
            titles = []
            for title in self.columns:
                titles.append(
                    f"{title} ({REPEATED.get(title, 'again')})" if title in seen else title
                )
                seen.add(title)
            return titles
        owners = [title for title, span in self.column_groups for _ in range(span)]
        return [
            f"{owner} {title}" if owner and owner != title else title
            for owner, title in zip(owners, self.columns, strict=True)
        ]

    def caveats(self):
        """(row label, caveat) for every published quirk flagged on a row."""
        return [(row.label, flag) for _, row in self.flat_rows() for flag in row.flags]


DURHAM_COLUMNS = [
    "Ref",
    "PI ref",
    "Description",
    "Latest data",
    "Period covered",
    "Period target",
    "Data 12 months earlier",
    "Performance compared to 12 months earlier",
    "National figure",
    "Performance compared to National figure",
    "*North East or **Nearest statistical neighbour figure",
    "Performance compared to *North East or **Nearest statistical neighbour figure",
    "Period covered",
]
DURHAM_RATING_COLUMNS = {7, 9, 11}
# What a repeated title covers the second time (Appendix 3 prints "Period covered" twice).
REPEATED = {"Period covered": "national and regional or neighbour figures"}


def appendix3_table(authority, period_end, period_label="", theme=None, every_indicator=False):
    """Durham's Appendix 3. Its rows are the indicators with a row in the council's table
    (a table ref); figures kept only for key messages or history have none and stay out,
    as in the papers. The rows are the dashboard's, in the council's own indicator order
    (the paper's): a theme heading repeats if the council's order leaves a theme and comes
    back to it, where the dashboard gathers each theme's rows together. `every_indicator`
    takes every indicator with a figure, for a council whose paper has no numbered table
    (Stockton's Cabinet update)."""
    values = [
        v
        for v in latest_values([authority], period_end)
        if theme is None or v.indicator.theme_id == theme.pk
    ]
    # A council that numbers no rows (a new one) gets every indicator; one that does, its
    # table's rows, with the others named in left_out.
    numbered = any(v.indicator.table_ref for v in values)
    left_out = [v.indicator.ref for v in values if numbered and not v.indicator.table_ref]
    if every_indicator:
        left_out = []
    values = [v for v in values if every_indicator or v.indicator.table_ref or not numbered]
    groups = []
    footnotes = []
    for row in build_rows(values, [authority], period_end):
        heading = row.theme or "Indicators"
        question = row.key_question_title
        if not groups or (groups[-1].title, groups[-1].subtitle) != (heading, question):
            new_heading = not groups or groups[-1].title != heading
            groups.append(Group(heading, question, [], new_heading=new_heading))
        groups[-1].rows.append(_durham_line(row))
        if row.footnote and row.footnote not in footnotes:
            footnotes.append(row.footnote)
    table = CommitteeTable(
        title=f"{authority.name}: summary of key performance indicators"
        + (f", {theme.name}" if theme else ""),
        authority=authority,
        period_label=period_label or f"as at {period_end:%-d %B %Y}",
        columns=DURHAM_COLUMNS,
        rating_columns=DURHAM_RATING_COLUMNS,
        groups=groups,
        footnotes=footnotes,
        key_text=_key_text(authority.rating_scheme),
        comparator_groups=comparator_group_members(authority),
        left_out=left_out,
    )
    return with_statistics(table)


def no_data_message(council, label):
    """ "... has no published data as at 31 March 2024" or "... for Apr - Jun 2017": the
    label of an end date already says "as at"."""
    return (
        f"{council} has no published data {label if label.startswith('as at') else 'for ' + label}."
    )


# Where the council's rating scheme shows statistics (RatingScheme.show_statistics), the
# committee table carries them as words after its own columns.
STATISTICS_COLUMNS = ["Significance against benchmarks (95%)", "SPC variation", "SPC assurance"]


def with_statistics(table):
    scheme = table.authority.rating_scheme
    if not (scheme and scheme.show_statistics):
        return table
    table.columns = [*table.columns, *STATISTICS_COLUMNS]
    if table.column_groups:
        table.column_groups = [*table.column_groups, ("Statistics", len(STATISTICS_COLUMNS))]
    for _, line in table.flat_rows():
        line.cells.extend(statistics_shown(line.row))
    return table


def statistics_shown(row):
    """Significance against each tested benchmark, SPC variation and assurance, in words."""
    stats = row.statistics if row is not None else None
    if stats is None:
        return [Shown() for _ in STATISTICS_COLUMNS]
    tested = [
        f"{cell.name}: {SIGNIFICANCE_WORDS[cell.significance]}"
        for cell in row.all_benchmarks
        if cell.significance and cell.significance != "untested"
    ]
    return [
        Shown("; ".join(tested)),
        Shown(stats.spc.variation_words),
        Shown(stats.spc.assurance_words),
    ]


def _key_text(scheme):
    return scheme.key_text if scheme else "These indicators are not rated."


def comparator_group_members(authority):
    """(group, members) for the groups printed below a table: those with members listed."""
    return [
        (g.name, [m.name for m in g.members.all()])
        for g in ComparatorGroup.objects.relevant_to(authority).prefetch_related("members")
        if g.members.all()
    ]


def figure_shown(row):
    """The row's own figure, with its provisional or revised label."""
    return Shown(row.paper_text, number=row.value, decimals=row.decimal_places, label=row.label)


def rating_shown(cell):
    """The rating as a word; where none is made, what the paper printed (Durham's NA for a
    New PI or a measure with no polarity)."""
    if cell is None:
        return Shown()
    if cell.rating in RATING_WORDS:
        return Shown(RATING_WORDS[cell.rating], rating=cell.rating)
    return Shown(cell.printed_rating)


def ranked(row, cell, shown):
    """A national indicator's rating cell with the council's rank in that group, in words
    (the dashboard's "Ranked 3rd of 6, quartile 2")."""
    rank = row.ranks.get(cell.kind) if cell is not None else None
    if rank is None:
        return shown
    return replace(shown, text=f"{shown.text}; ranked {rank.text}" if shown.text else
                   f"Ranked {rank.text}")  # fmt: skip


def comparator_shown(cell, marker=False):
    """At the comparator's own precision (England's 69.3 beside Durham's 69). `marker` adds
    the group's footnote marker where the paper's column needs it (Durham's "8.8*")."""
    if cell is None:
        return Shown()
    text = cell.paper_text
    if marker and cell.marker and cell.figure is not None and not text.endswith("*"):
        text += cell.marker
    return Shown(text, number=cell.figure, decimals=cell.places)


def _durham_line(row):
    target = row.target
    last_year = row.previous_year
    england = row.benchmark(ComparisonKind.NATIONAL)
    local = row.benchmark(ComparisonKind.REGIONAL) or row.benchmark(
        ComparisonKind.STATISTICAL_NEIGHBOURS
    )
    return Line(
        row=row,
        cells=[
            Shown(row.table_ref),
            Shown(row.ref),
            Shown(row.name),
            figure_shown(row),
            Shown(row.period_label),
            Shown(target.paper_text if target else ""),
            comparator_shown(last_year),
            rating_shown(last_year),
            comparator_shown(england),
            ranked(row, england, rating_shown(england)),
            comparator_shown(local, marker=True),
            ranked(row, local, rating_shown(local)),
            Shown(_comparator_periods(england, local)),
        ],
        label=row.ref,
    )


def _comparator_periods(england, local):
    labels = [c.period_label for c in (england, local) if c and c.figure is not None]
    if len(set(labels)) <= 1:
        return labels[0] if labels else ""
    # Durham AHS4: "England - 2011/12 - 2013/14 NE - 2010/11 - 2012/13"
    return f"England - {england.period_label} NE - {local.period_label}"


def resolve_period(text):
    """(end date, label) from a period's end date ("2017-06-30") or its label as the
    dashboard shows it ("Apr - Jun 2017"); ValueError naming the text otherwise."""
    from datetime import date

    from indicators.rules.periods import parse_period_label

    try:
        end = date.fromisoformat(text)
        return end, f"as at {end:%-d %B %Y}"
    except ValueError:
        pass
    try:
        _kind, _start, end = parse_period_label(text)
    except ValueError:
        raise ValueError(
            f"'{text}' is neither a period end date (2017-06-30) nor a period label "
            "(Apr - Jun 2017)."
        ) from None
    return end, text
