"""Every comparison of a set of values: target, 12 months earlier, previous period and
benchmarks, each with the portal's rating and direction beside what the paper printed.

load.py reads the sources in a fixed number of queries, however many values are compared;
the rules (indicators.rules.rating.rate, direction_of_travel) decide every rating and
direction; this module puts the two together per value.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.models import ComparisonKind, Target, Value
from indicators.rules.direction import direction_of_travel
from indicators.rules.exceptions import (
    DEFAULT_VARIANCE_PERCENT,
    assess_exceptions,
    describe_reason,
)
from indicators.rules.figures import places_for
from indicators.rules.rating import rate
from indicators.rules.types import Direction, Polarity, Rating

from .load import earlier_spans, load
from .records import PrintedComparison

PERIOD_NAMES = {
    ComparisonKind.PREVIOUS_YEAR: "12 months earlier",
    ComparisonKind.PREVIOUS_PERIOD: "Previous period",
}


@dataclass(slots=True)
class Comparison:
    value: Value
    kind: str
    name: str
    comparator_value: Decimal | None = None
    comparator_printed: str = ""
    comparator_period_label: str = ""
    rating: Rating = Rating.NOT_RATED
    direction: Direction = Direction.NONE
    group: object = None
    published: PrintedComparison | None = None
    quirks: list[str] = field(default_factory=list)

    def comparator_places(self, default):
        """The comparator's own precision: the decimals it was printed with (England 69.3
        beside Durham's whole-number 69%), else the indicator's (`default`)."""
        return places_for(self.comparator_printed, default)

    @property
    def published_rating(self):
        return self.published.published_rating if self.published else ""

    @property
    def published_direction(self):
        return self.published.published_direction if self.published else ""

    @property
    def not_comparable(self):
        return bool(self.published and self.published.not_comparable)

    @property
    def rating_differs(self):
        # A rating printed beside no figure (Norfolk's locality glyphs) is the paper's alone:
        # nothing was rated, so nothing differs.
        return (
            bool(self.published_rating)
            and self.value.value is not None
            and self.published_rating != self.rating
        )

    @property
    def direction_differs(self):
        return bool(self.published_direction) and self.published_direction != self.direction


class Comparisons(Sequence):
    """A value's comparisons in the order every page and export shows them: target,
    12 months earlier, previous period, the benchmarks by group kind and name, then what
    the paper printed where the portal holds no comparator. Each kind is also at hand by
    name: .target, .previous_year, .previous_period, .benchmarks, .benchmark(kind)."""

    def __init__(self, comparisons):
        self._all = comparisons
        self.target = self.previous_year = self.previous_period = None
        self.benchmarks = []  # every comparison with a comparator group's kind, in order
        for c in comparisons:
            if c.kind == ComparisonKind.TARGET:
                self.target = c
            elif c.kind == ComparisonKind.PREVIOUS_YEAR:
                self.previous_year = c
            elif c.kind == ComparisonKind.PREVIOUS_PERIOD:
                self.previous_period = c
            else:
                self.benchmarks.append(c)

    def benchmark(self, kind):
        """The first comparison with a group of this kind (England, region, ...), or None."""
        return next((c for c in self.benchmarks if c.kind == kind), None)

    def __getitem__(self, index):
        return self._all[index]

    def __iter__(self):
        # The list's own iterator: Sequence's would call __getitem__ once per comparison.
        return iter(self._all)

    def __len__(self):
        return len(self._all)

    def __repr__(self):
        return f"Comparisons({self._all!r})"


class ComparisonFinder:
    """Loads what the given values are compared with (load.py), then answers per value."""

    def __init__(self, values, groups=None):
        self.sources = load(values, groups)
        self.values = self.sources.values
        self.for_members = self.sources.for_members
        self.tolerances = self.sources.tolerances
        # What comparisons.load.council_groups gives, for the ranks (indicators.ranks).
        self.council_groups = (self.sources.groups, self.sources.groups_for, self.sources.members)
        self._rules = {}
        self._target_of = {}
        self._target_rules = {}
        self._schemes = {}

    def _scheme(self, value):
        # Indicator.scheme_for, once per (indicator, council): the comparisons and the
        # exception rule each ask for every value.
        key = (value.indicator_id, value.authority_id)
        if key not in self._schemes:
            self._schemes[key] = value.indicator.scheme_for(value.authority)
        return self._schemes[key]

    # Lookups -------------------------------------------------------------------------

    def target_for(self, value):
        """The value's target (a TargetFigure) by the one target choice, or None."""
        # Asked for by the comparisons and again by the exception rule.
        if value.pk not in self._target_of:
            self._target_of[value.pk] = Target.choose(
                self.sources.targets.get((value.indicator_id, value.authority_id), []),
                value.period,
            )
        return self._target_of[value.pk]

    def target_rule(self, value):
        """The value's target as the rules take it (TargetSpec), or None: built once per
        target, for the rating and again for the exception rule."""
        target = self.target_for(value)
        if target is None:
            return None
        if target.pk not in self._target_rules:
            self._target_rules[target.pk] = target.as_rule()
        return self._target_rules[target.pk]

    def tolerance_for(self, value):
        return self.sources.tolerances.get((value.indicator_id, value.authority_id))

    def earlier_value(self, value, span):
        kind, start, end = span
        return self.sources.history.get(
            (value.indicator_id, value.authority_id, value.area_id, kind, start, end)
        )

    def benchmarks_for(self, value):
        return self.sources.benchmarks.get(value.pk, [])

    def exceptions(self, value, recent_values, commentary=None, comparisons=None, stale=False):
        """(reasons, their words): Norfolk's exception criteria for a value, gathered from
        its comparisons for indicators.rules.exceptions.assess_exceptions, the one rule the
        dashboard, the officers' advice and the return checklist share. recent_values:
        figures of the value's kind of period, oldest first, ending with it; commentary
        carries the officers' budget and corporate-risk flags."""
        if comparisons is None:
            comparisons = self.comparisons(value)
        scheme = self._scheme(value)
        variance = scheme.exception_variance_percent if scheme else DEFAULT_VARIANCE_PERCENT
        reasons = assess_exceptions(
            ratings=[(c.kind, c.rating) for c in comparisons],
            value=value.value,
            target=self.target_rule(value),
            polarity=value.indicator.polarity,
            recent_values=recent_values,
            variance_percent=variance,
            affects_budget=bool(commentary and commentary.affects_budget),
            affects_corporate_risk=bool(commentary and commentary.affects_corporate_risk),
            stale=stale,
        )
        return reasons, [describe_reason(r, variance_percent=variance) for r in reasons]

    def _rule(self, scheme):
        # The scheme's rule, built once per scheme rather than once per comparison.
        if scheme is None:
            return None
        if scheme.pk not in self._rules:
            self._rules[scheme.pk] = scheme.as_rule()
        return self._rules[scheme.pk]

    # Comparisons ---------------------------------------------------------------------

    def comparisons(self, value):
        """The value's Comparisons."""
        ind = value.indicator
        pk = value.pk
        rule = self._rule(self._scheme(value))
        polarity = Polarity(ind.polarity)
        printed = self.sources.printed.get(pk)
        # Copied only where the paper printed something for this value: most values have
        # nothing printed (every national indicator), and pop() below needs its own dict.
        published = dict(printed) if printed else {}
        value_quirk = value.published_quirk
        rows = []

        def add(kind, name, group=None, **kwargs):
            pc = published.pop((kind, group.pk if group else None), None) if published else None
            row = Comparison(value=value, kind=kind, name=name, group=group, published=pc, **kwargs)
            if pc:
                if pc.not_comparable:
                    row.rating = Rating.NOT_RATED
                if not row.comparator_printed:
                    row.comparator_printed = pc.printed_comparator
            if value_quirk:
                row.quirks.insert(0, value_quirk)
            rows.append(row)

        target = self.target_for(value)
        tolerance = self.tolerance_for(value)
        if target or tolerance:
            add(
                ComparisonKind.TARGET,
                "Target" if not target or target.kind != "tracker" else "Tracker",
                **self._target_fields(value, target, tolerance, rule, polarity),
            )

        history = self.sources.history
        series = (value.indicator_id, value.authority_id, value.area_id)
        for kind, span in self.sources.spans.get(pk) or earlier_spans(value):
            earlier = history.get(series + span)  # earlier_value(), its key built once
            if earlier is None and (kind, None) not in published:
                continue
            add(
                kind,
                PERIOD_NAMES[kind],
                **self._earlier_fields(value, earlier, kind, rule, polarity),
            )

        figure = value.value
        for bench in self.sources.benchmarks.get(pk, ()):
            group = bench.comparator_group
            add(
                group.kind,
                group.name,
                group=group,
                comparator_value=bench.value,
                comparator_printed=bench.printed,
                comparator_period_label=bench.period_label,
                rating=rate(rule, group.kind, figure, polarity, comparator=bench.value),
                quirks=[bench.published_quirk] if bench.published_quirk else [],
            )

        # What the paper printed where the portal holds no comparator ("No Data", "New PI").
        for (kind, _group_id), pc in published.items():
            group = pc.comparator_group
            name = group.name if group else PERIOD_NAMES.get(kind, ComparisonKind(kind).label)
            rows.append(
                Comparison(
                    value=value,
                    kind=kind,
                    name=name,
                    group=group,
                    published=pc,
                    comparator_printed=pc.printed_comparator,
                    quirks=[q for q in [value.published_quirk] if q],
                )
            )
        return Comparisons(rows)

    def _target_fields(self, value, target, tolerance, rule, polarity):
        fields = {"quirks": []}
        if target:
            fields.update(
                comparator_value=target.value,
                comparator_printed=target.display,
                comparator_period_label=target.period.label if target.period_id else "",
            )
            if target.published_quirk:
                fields["quirks"].append(target.published_quirk)
        if tolerance and tolerance.published_quirk:
            fields["quirks"].append(tolerance.published_quirk)
        fields["rating"] = rate(
            rule,
            ComparisonKind.TARGET,
            value.value,
            polarity,
            target=self.target_rule(value),
            red=tolerance.red if tolerance else None,
            green=tolerance.green if tolerance else None,
        )
        return fields

    def _earlier_fields(self, value, earlier, kind, rule, polarity):
        if earlier is None:
            return {}
        return {
            "comparator_value": earlier.value,
            "comparator_printed": earlier.printed,
            "comparator_period_label": earlier.period_label,
            "direction": direction_of_travel(value.value, earlier.value, polarity),
            "quirks": [q for q in [earlier.published_quirk] if q],
            "rating": rate(rule, kind, value.value, polarity, comparator=earlier.value),
        }


def comparisons_for(values):
    """[(value, Comparisons), ...] in the order given."""
    finder = ComparisonFinder(values)
    return [(v, finder.comparisons(v)) for v in finder.values]
