"""Key messages: what a member should know first, from the dashboard rows.

In the order a committee paper opens: a short count summary; then the indicators missing
their target (Red first) and the other exceptions; then the notable changes, a few each
way. Benchmarks read with the indicator's polarity ("better than the England average"),
never merely "higher"; a figure a year or more older than the period says so.

Pure functions over the rows' plain fields: no database, no rating decisions (ratings and
directions come from the rows, which come from the councils' rules).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.models import ComparisonKind
from indicators.rules.direction import direction_of_travel
from indicators.rules.types import Direction, Polarity, Rating

from .dashboard import split_context, summarise
from .formatting import with_unit

BENCHMARK_PHRASES = {
    ComparisonKind.NATIONAL: "the England average",
    ComparisonKind.REGIONAL: "the {name} average",
    ComparisonKind.STATISTICAL_NEIGHBOURS: "statistical neighbours",
    ComparisonKind.BEST_STATISTICAL_NEIGHBOUR: "the best statistical neighbour",
    ComparisonKind.NATIONAL_TOP_QUARTILE: "the national top quartile",
}
DIRECTION_PHRASES = {"improved": "an improvement", "worse": "a deterioration"}
# How many changes each way the messages name: the rest are on the dashboard.
CHANGES_SHOWN = 4
# A figure whose period ended this long before the period shown is called old.
BARE_NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?$")


@dataclass
class KeyMessage:
    slug: str
    ref: str
    sentence: str
    rating: str = ""


@dataclass
class KeyMessages:
    summary: list[str] = field(default_factory=list)
    misses: list[KeyMessage] = field(default_factory=list)  # Red, then Amber, on target
    exceptions: list[KeyMessage] = field(default_factory=list)  # other exception criteria
    improved: list[KeyMessage] = field(default_factory=list)
    worse: list[KeyMessage] = field(default_factory=list)

    def __bool__(self):
        return bool(self.summary)


def more_or_less(value, comparator):
    """ "higher than", "lower than" or "the same as"; "" when either is missing."""
    if value is None or comparator is None:
        return ""
    if value == comparator:
        return "the same as"
    return "higher than" if value > comparator else "lower than"


def better_or_worse(value, comparator, polarity):
    """ "better than", "worse than" or "the same as" by the indicator's polarity; for a
    measure with no polarity, "higher than" or "lower than"."""
    direction = direction_of_travel(value, comparator, polarity)
    if direction == Direction.NONE:
        return more_or_less(value, comparator)
    return {"improved": "better than", "worse": "worse than", "same": "the same as"}[direction]


def change_clause(value, earlier, earlier_text, when, direction=""):
    """ "higher than 12 months earlier (712), an improvement" """
    words = more_or_less(value, earlier)
    if not words:
        return ""
    clause = f"{words} {when} ({earlier_text})"
    if direction in DIRECTION_PHRASES and words != "the same as":
        clause += f", {DIRECTION_PHRASES[direction]}"
    return clause


def benchmark_clause(value, cell, polarity=Polarity.NONE):
    words = better_or_worse(value, cell.figure, polarity)
    if not words:
        return ""
    phrase = BENCHMARK_PHRASES.get(cell.kind, "{name}").format(name=cell.name)
    # The row's cell text: the comparator at its own precision, as the dashboard shows it.
    return f"{words} {phrase} ({cell.text}, {cell.period_label or 'latest available'})"


def _earlier(row):
    """(cell, words) of the comparison with an earlier figure: last year, else last period."""
    for cell, when in ((row.previous_year, "last year"), (row.previous_period, "last period")):
        if cell is not None and cell.figure is not None:
            return cell, when
    return None, ""


def _benchmark_clauses(row):
    clauses = []
    for kind in (ComparisonKind.NATIONAL, ComparisonKind.REGIONAL, ComparisonKind.OTHER):
        cell = row.benchmarks.get(kind)
        if cell is not None and not cell.not_comparable and cell.figure is not None:
            clauses.append(benchmark_clause(row.value, cell, row.polarity))
    return [c for c in clauses if c]


def _stale(row, as_of):
    # One rule for an old figure (indicators/rules/staleness.py, set on the row).
    if not row.stale or as_of is None or row.period_end is None:
        return ""
    years = (as_of - row.period_end).days // 365
    age = "over a year" if years < 2 else f"over {years} years"
    return f" This is an old figure ({row.period_label}, {age} before {as_of:%B %Y})."


def _head(row):
    return f"{row.name}: {row.text} ({row.period_label})"


def sentence_for(row, as_of=None):
    """One sentence for a dashboard row, or "" when it has no figure."""
    if row.value is None:
        return ""
    clauses = []
    cell, when = _earlier(row)
    if cell is not None:
        clauses.append(change_clause(row.value, cell.figure, cell.text, when, cell.direction))
    clauses += _benchmark_clauses(row)
    clauses = [c for c in clauses if c]
    return _head(row) + (", " + "; ".join(clauses) if clauses else "") + "." + _stale(row, as_of)


def target_text(row):
    """The target as the council set it, with the unit where it was set as a bare number."""
    printed = row.target.text or row.target.printed
    return with_unit(printed, row.unit) if BARE_NUMBER.match(printed or "") else printed


def miss_sentence(row, as_of=None):
    """ "...: 24.2% (Apr 2018) against a target of <20%: Red, missing the target; better
    than last period (25.0%) but still off target." """
    rating = "Red" if row.rating == Rating.RED else "Amber"
    text = f"{_head(row)} against a target of {target_text(row)}: {rating}, missing the target"
    cell, when = _earlier(row)
    clauses = []
    if cell is not None:
        words = more_or_less(row.value, cell.figure)
        if cell.direction == Direction.IMPROVED:
            clauses.append(f"improved on {when} ({cell.text}) but still off target")
        elif cell.direction == Direction.WORSE:
            clauses.append(f"worse than {when} ({cell.text})")
        elif words:
            clauses.append(f"{words} {when} ({cell.text})")
    clauses += _benchmark_clauses(row)
    return text + ("; " + "; ".join(clauses) if clauses else "") + "." + _stale(row, as_of)


def _relative_change(row):
    cell, _ = _earlier(row)
    if cell is None or cell.direction not in (Direction.IMPROVED, Direction.WORSE):
        return None
    if not cell.figure:
        return Decimal(10**6)
    return abs((row.value - cell.figure) / cell.figure)


def _summary(table_rows, context_rows):
    summary = summarise(table_rows)
    ratings = summary.ratings
    lines = [
        f"{len(table_rows)} indicators in the committee's table"
        + (f" and {len(context_rows)} context figures (not rated)" if context_rows else "")
        + "."
    ]
    if summary.rated:
        lines.append(
            f"Against target: {ratings[Rating.RED]} Red, {ratings[Rating.AMBER]} Amber, "
            f"{ratings[Rating.GREEN]} Green, of {summary.rated} with a target rated."
        )
    else:
        lines.append("No indicator is rated against a target for this period.")
    for counts, when in (
        (summary.previous_year, "12 months earlier"),
        (summary.previous_period, "the previous period"),
    ):
        if sum(counts.values()):
            lines.append(
                f"Against {when}: {counts[Direction.IMPROVED]} improved, "
                f"{counts[Direction.WORSE]} worse, {counts[Direction.SAME]} no change."
            )
    exceptions = len(summary.exceptions)
    lines.append(
        f"{exceptions} meet{'s' if exceptions == 1 else ''} the exception criteria."
        if exceptions
        else "No indicator meets the exception criteria."
    )
    return lines


def key_messages(rows, as_of=None):
    """KeyMessages for a council's dashboard rows as they stood at `as_of` (a date)."""
    if not rows:
        return KeyMessages()
    ordered = sorted(rows, key=lambda r: r.group_order)  # stable: the council's own order
    table_rows, context_rows = split_context(ordered)
    shown = [r for r in table_rows if r.value is not None]
    messages = KeyMessages()

    def message(row, sentence):
        return KeyMessage(row.slug, row.ref, sentence, row.rating)

    missed = [r for r in shown if r.rating in (Rating.RED, Rating.AMBER)]
    missed.sort(key=lambda r: r.rating != Rating.RED)  # stable: Red first, then Amber
    messages.misses = [message(r, miss_sentence(r, as_of)) for r in missed]
    named = {id(r) for r in missed}
    others = [r for r in shown if r.exceptions and id(r) not in named]
    messages.exceptions = [
        message(r, f"{sentence_for(r, as_of)} Meets the exception criteria: "
                f"{'; '.join(r.exceptions)}.")
        for r in others
    ]  # fmt: skip
    named |= {id(r) for r in others}
    changes = [(r, _relative_change(r)) for r in shown if id(r) not in named]
    changes = sorted((c for c in changes if c[1] is not None), key=lambda c: -c[1])
    for row, _size in changes:
        cell, _ = _earlier(row)
        bucket = messages.improved if cell.direction == Direction.IMPROVED else messages.worse
        if len(bucket) < CHANGES_SHOWN:
            bucket.append(message(row, sentence_for(row, as_of)))
    messages.summary = _summary(table_rows, context_rows)
    return messages
