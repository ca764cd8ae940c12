"""Key messages: short sentences in the councils' own style, generated from a dashboard
row ("789 children looked after, more than last year (712)"; "lower than the North East
average"). Pure functions over the row's plain fields: no database, no rating decisions
(directions and ratings come from the rows, which come from the councils' rules)."""

from dataclasses import dataclass

from indicators.models import ComparisonKind

BENCHMARK_PHRASES = {
    ComparisonKind.NATIONAL: "the England average",
    ComparisonKind.REGIONAL: "the {name} average",
    ComparisonKind.STATISTICAL_NEIGHBOURS: "statistical neighbours",
    ComparisonKind.BEST_STATISTICAL_NEIGHBOUR: "the best statistical neighbour",
    ComparisonKind.NATIONAL_TOP_QUARTILE: "the national top quartile",
}
DIRECTION_PHRASES = {"improved": "an improvement", "worse": "a deterioration"}


@dataclass
class KeyMessage:
    slug: str
    ref: str
    sentence: str


def more_or_less(value, comparator):
    """ "higher than", "lower than" or "the same as"; "" when either is missing."""
    if value is None or comparator is None:
        return ""
    if value == comparator:
        return "the same as"
    return "higher than" if value > comparator else "lower than"


def change_clause(value, earlier, earlier_text, when, direction=""):
    """ "higher than 12 months earlier (712), an improvement" """
    words = more_or_less(value, earlier)
    if not words:
        return ""
    clause = f"{words} {when} ({earlier_text})"
    if direction in DIRECTION_PHRASES and words != "the same as":
        clause += f", {DIRECTION_PHRASES[direction]}"
    return clause


def benchmark_clause(value, cell):
    words = more_or_less(value, cell.figure)
    if not words:
        return ""
    phrase = BENCHMARK_PHRASES.get(cell.kind, "{name}").format(name=cell.name)
    # The row's cell text: the comparator at its own precision, as the dashboard shows it.
    return f"{words} {phrase} ({cell.text}, {cell.period_label or 'latest available'})"


def sentence_for(row):
    """One sentence for a dashboard row, or "" when it has no figure."""
    if row.value is None:
        return ""
    clauses = []
    for cell, when in ((row.previous_year, "last year"), (row.previous_period, "last period")):
        if cell is not None and cell.figure is not None:
            clauses.append(change_clause(row.value, cell.figure, cell.text, when, cell.direction))
            break
    for kind in (ComparisonKind.NATIONAL, ComparisonKind.REGIONAL):
        cell = row.benchmarks.get(kind)
        if cell is not None and not cell.not_comparable:
            clauses.append(benchmark_clause(row.value, cell))
    clauses = [c for c in clauses if c]
    head = f"{row.name}: {row.text} ({row.period_label})"
    return head + (", " + "; ".join(clauses) if clauses else "") + "."


def key_messages(groups):
    """[(theme, [KeyMessage, ...]), ...] for the grouped dashboard rows."""
    themes = {}
    for group in groups:
        for row in group.rows:
            sentence = sentence_for(row)
            if sentence:
                themes.setdefault(group.title, []).append(KeyMessage(row.slug, row.ref, sentence))
    return list(themes.items())
