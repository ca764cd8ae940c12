"""The committee table in a council's own layout: one source of rows for every format.

Durham: Appendix 3 "Summary of key performance indicators", grouped by theme and key
question. Other councils: the same columns without Durham's row references. Every cell
is text as the paper would print it, with the rating kept as a value beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values
from indicators.models import ComparatorGroup, ComparisonKind
from indicators.rules.figures import figure

from ..dashboard import status_label

RATING_WORDS = {"green": "GREEN", "amber": "AMBER", "red": "RED"}


@dataclass
class Cell:
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
class Row:
    cells: list[Cell]
    flags: list[str] = field(default_factory=list)
    label: str = ""  # the indicator reference, naming the row in caveats


@dataclass
class Group:
    heading: str
    subheading: str
    rows: list[Row] = field(default_factory=list)
    new_heading: bool = True  # False when only the key question changes


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

    def flat_rows(self):
        for group in self.groups:
            for row in group.rows:
                yield group, row

    def rows_with_figures(self):
        """How many rows hold a figure: Norfolk's layout also lists rows printed empty."""
        return sum(1 for _, row in self.flat_rows() if any(c.number is not None for c in row.cells))

    def qualified_columns(self):
        """Column titles made unique by their header group ("RAG County"), for CSV."""
        if not self.column_groups:
            return list(self.columns)
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


def appendix3_table(authority, period_end, period_label="", theme=None):
    """Durham's Appendix 3. Its rows are the indicators with a row in the council's table
    (a table ref); figures kept only for key messages or history have none and stay out,
    as in the papers."""
    values = [
        v
        for v in latest_values([authority], period_end)
        if v.indicator.table_ref and (theme is None or v.indicator.theme_id == theme.pk)
    ]
    finder = ComparisonFinder(values)
    groups = []
    footnotes = []
    for value in values:
        indicator = value.indicator
        heading = indicator.theme.name if indicator.theme_id else "Indicators"
        question = str(indicator.key_question) if indicator.key_question_id else ""
        if not groups or (groups[-1].heading, groups[-1].subheading) != (heading, question):
            groups.append(
                Group(heading, question, new_heading=not groups or groups[-1].heading != heading)
            )
        comparisons = {c.kind: c for c in finder.comparisons(value)}
        groups[-1].rows.append(_durham_row(value, comparisons))
        if indicator.footnote and indicator.footnote not in footnotes:
            footnotes.append(indicator.footnote)
    return CommitteeTable(
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
    )


def _key_text(scheme):
    return scheme.key_text if scheme else "These indicators are not rated."


def comparator_group_members(authority):
    """(group, members) for the groups printed below a table: those with members listed."""
    return [
        (g.name, [m.name for m in g.members.all()])
        for g in ComparatorGroup.objects.relevant_to(authority).prefetch_related("members")
        if g.members.all()
    ]


def figure_text(number, printed, decimals):
    """As printed where the paper printed it, else the figure at `decimals`, half up."""
    return printed or figure(number, decimals)


def _rating_cell(comparison):
    if comparison is None:
        return Cell()
    if comparison.rating:
        return Cell(RATING_WORDS[comparison.rating], rating=str(comparison.rating))
    # Durham prints NA where the comparison cannot be made (New PI, no polarity).
    printed = comparison.published.printed_rating if comparison.published else ""
    return Cell(printed)


def _comparator_cell(comparison, decimals):
    """At the comparator's own precision (England's 69.3 beside Durham's 69)."""
    if comparison is None:
        return Cell()
    places = comparison.comparator_places(decimals)
    text = comparison.comparator_printed or figure_text(comparison.comparator_value, "", places)
    return Cell(text, number=comparison.comparator_value, decimals=places)


def _durham_row(value, comparisons):
    indicator = value.indicator
    decimals = indicator.decimal_places
    target = comparisons.get(ComparisonKind.TARGET)
    last_year = comparisons.get(ComparisonKind.PREVIOUS_YEAR)
    england = comparisons.get(ComparisonKind.NATIONAL)
    local = comparisons.get(ComparisonKind.REGIONAL) or comparisons.get(
        ComparisonKind.STATISTICAL_NEIGHBOURS
    )
    if local and local.group and local.group.marker and local.comparator_value is not None:
        printed = local.comparator_printed or figure_text(local.comparator_value, "", decimals)
        if not printed.endswith("*"):
            local.comparator_printed = printed + local.group.marker
    periods = _comparator_periods(england, local)
    flags = sorted({q for c in comparisons.values() for q in c.quirks})
    if indicator.published_quirk:
        flags.insert(0, indicator.published_quirk)
    return Row(
        cells=[
            Cell(indicator.table_ref),
            Cell(indicator.ref),
            Cell(indicator.name),
            Cell(
                figure_text(value.value, value.printed, decimals),
                number=value.value,
                decimals=decimals,
                label=status_label(value),
            ),
            Cell(value.period_label),
            Cell(target.comparator_printed if target else ""),
            _comparator_cell(last_year, decimals),
            _rating_cell(last_year),
            _comparator_cell(england, decimals),
            _rating_cell(england),
            _comparator_cell(local, decimals),
            _rating_cell(local),
            Cell(periods),
        ],
        flags=flags,
        label=indicator.ref,
    )


def _comparator_periods(england, local):
    labels = [c.comparator_period_label for c in (england, local) if c and c.comparator_value]
    if len(set(labels)) <= 1:
        return labels[0] if labels else ""
    # Durham AHS4: "England - 2011/12 - 2013/14 NE - 2010/11 - 2012/13"
    return f"England - {england.comparator_period_label} NE - {local.comparator_period_label}"


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
