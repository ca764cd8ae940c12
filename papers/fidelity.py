"""How faithfully the portal reproduces what the papers printed (`manage.py check_published`).

Every published comparison stored for a value is one of:
- a rating or an arrow: recomputed with the council's documented rule and compared. A
  Norfolk glyph that names two colours (page 2 of the MI report prints one star for Green
  and Red, seeds-stockton-norfolk.md §2.7) is reproduced when the rule gives one of them;
- a cell printed without one ("NA", blank, an Info measure's dot): the rule must leave it
  unrated too (seeds-durham.md §3.3 lists Durham's 41);
- a judgement no rule computes (Durham's Ofsted recommendation tracker), or a rating
  printed for a value with no figure (Norfolk's locality glyphs, stored figure-less): kept
  as printed, counted apart with the reason.
Judgements printed outside these tables are checked in papers.fidelity_printed.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from indicators.comparisons import comparisons_for
from indicators.models import ComparisonKind
from indicators.rules.types import Direction, Rating

# What the papers print in a comparison cell that carries no rating or arrow.
NO_MARK = {"", "NA", ".", "•"}
TWO_COLOURS = re.compile(r"\((green|amber|red)((?: or (?:green|amber|red))+)\)")


class Line(NamedTuple):
    council: str
    measure: str  # "rating", "direction", "no rating", "no direction", "row symbol"
    comparison: str
    area: str  # "whole council" or "localities"


@dataclass
class Difference:
    text: str
    explanation: str = ""  # the flagged published quirk that explains it, if any


@dataclass
class Tally:
    published: int = 0
    reproduced: int = 0
    resolved: int = 0  # of the reproduced: glyphs naming two colours that the rule decides
    differences: list = field(default_factory=list)

    @property
    def differing(self):
        return len(self.differences)

    @property
    def flagged(self):
        return sum(bool(d.explanation) for d in self.differences)

    def add(self, reproduced, difference=None, resolved=False):
        self.published += 1
        if reproduced:
            self.reproduced += 1
            self.resolved += resolved
        else:
            self.differences.append(difference)


@dataclass
class Kept:
    """Published judgements kept as printed because no documented rule computes them."""

    council: str
    count: int
    what: str
    why: str


def possible_ratings(published):
    """The ratings a printed cell allows: one, two for an ambiguous glyph, or none."""
    if published.published_rating:
        return {published.published_rating}
    found = TWO_COLOURS.search(published.printed_rating)
    if not found:
        return set()
    return {found.group(1), *found.group(2).split(" or ")[1:]}


def _area(value):
    return "localities" if value.area_id else "whole council"


def tally_published(values):
    """{Line: Tally} for every published comparison of the given values."""
    tallies = defaultdict(Tally)
    for value, comparisons in comparisons_for(values):
        council, area = value.authority.name, _area(value)
        for c in comparisons:
            pc = c.published
            if pc is None:
                continue
            kind = str(c.kind)
            possible = possible_ratings(pc)
            if possible and value.value is None:
                continue  # nothing to recompute it from: kept_as_printed counts it
            if possible:
                tallies[Line(council, "rating", kind, area)].add(
                    str(c.rating) in possible,
                    _difference(c, pc.printed_rating or pc.published_rating, c.rating),
                    resolved=len(possible) > 1,
                )
            if pc.published_direction:
                tallies[Line(council, "direction", kind, area)].add(
                    pc.published_direction == c.direction,
                    _difference(c, pc.published_direction, c.direction),
                )
            if not possible and not pc.published_direction and pc.printed_rating in NO_MARK:
                if kind == ComparisonKind.PREVIOUS_PERIOD:
                    line, computed = Line(council, "no direction", kind, area), c.direction
                    reproduced = c.direction == Direction.NONE
                else:
                    line, computed = Line(council, "no rating", kind, area), c.rating
                    reproduced = c.rating == Rating.NOT_RATED
                tallies[line].add(reproduced, _difference(c, "nothing", computed))
    return dict(sorted(tallies.items()))


NO_FIGURE = (
    "the paper prints the rating but no figure, so there is nothing to recompute; stored "
    "without a figure and shown as published, never rated"
)


def kept_as_printed(values):
    """[Kept] for printed marks that are judgements, not ratings (Ofsted tracker A/G), and
    ratings printed beside no figure (Norfolk's locality glyphs)."""
    kept, without_figure = defaultdict(list), defaultdict(int)
    for value, comparisons in comparisons_for(values):
        for c in comparisons:
            pc = c.published
            if pc is None:
                continue
            kind = ComparisonKind(c.kind).label
            if possible_ratings(pc):
                if value.value is None:
                    without_figure[(value.authority.name, kind, _area(value))] += 1
            elif not pc.published_direction and pc.printed_rating not in NO_MARK:
                key = (value.authority.name, kind, pc.not_comparable_reason)
                kept[key].append(pc.printed_rating)
    return [
        *(
            Kept(council, len(marks), f"{kind} marks printed {', '.join(sorted(set(marks)))}", why)
            for (council, kind, why), marks in sorted(kept.items())
        ),
        *(
            Kept(council, count, f"{kind} ratings printed without a figure ({area})", NO_FIGURE)
            for (council, kind, area), count in sorted(without_figure.items())
        ),
    ]


def _difference(comparison, published, computed):
    return Difference(
        describe_difference(comparison, published, computed), "; ".join(comparison.quirks)
    )


def describe_difference(comparison, published, computed):
    value = comparison.value
    where = f"{value.area.name} " if value.area_id else ""
    return (
        f"{value.indicator.ref} {where}{value.period_label}: {value.printed or value.value} vs "
        f"{comparison.name} {comparison.comparator_printed or comparison.comparator_value or ''} "
        f"published {published}, computed {computed or 'not rated'}"
    )
