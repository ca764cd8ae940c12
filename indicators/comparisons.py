"""Every comparison of a set of values: target, 12 months earlier, previous period and
benchmarks, each with the portal's rating and direction beside what the paper printed.

The data is fetched in a fixed number of queries, however many values are compared, and
the rules (indicators.rules) decide every rating and direction.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from indicators.models import (
    BenchmarkValue,
    ComparatorGroup,
    ComparisonKind,
    PublishedComparison,
    Target,
    Tolerance,
    Value,
)
from indicators.rules.direction import direction_of_travel
from indicators.rules.rating import rate_against_comparator, rate_against_target
from indicators.rules.types import Direction, Polarity, Rating, SchemeKind


@dataclass
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
    published: PublishedComparison | None = None
    quirks: list[str] = field(default_factory=list)

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
        return bool(self.published_rating) and self.published_rating != self.rating

    @property
    def direction_differs(self):
        return bool(self.published_direction) and self.published_direction != self.direction


PERIOD_NAMES = {
    ComparisonKind.PREVIOUS_YEAR: "12 months earlier",
    ComparisonKind.PREVIOUS_PERIOD: "Previous period",
}


class ComparisonFinder:
    """Loads what the given values are compared with, then answers per value."""

    def __init__(self, values):
        self.values = list(values)
        indicator_ids = {v.indicator_id for v in self.values}
        authority_ids = {v.authority_id for v in self.values}
        self._index_history(indicator_ids, authority_ids)
        self._index_targets(indicator_ids, authority_ids)
        self._index_benchmarks(indicator_ids, authority_ids)
        self._pair_benchmarks()
        self.published = defaultdict(dict)
        for pc in PublishedComparison.objects.filter(
            value_id__in=[v.pk for v in self.values]
        ).select_related("comparator_group"):
            self.published[pc.value_id][(pc.kind, pc.comparator_group_id)] = pc

    def _index_history(self, indicator_ids, authority_ids):
        self.history = {}
        history = Value.objects.filter(
            indicator_id__in=indicator_ids, authority_id__in=authority_ids
        ).select_related("period")
        ids = {v.pk for v in self.values}
        if any(v.workflow == Value.Workflow.APPROVED for v in self.values):
            history = history.filter(workflow=Value.Workflow.APPROVED) | history.filter(pk__in=ids)
        for v in history:
            p = v.period
            self.history[(v.indicator_id, v.authority_id, v.area_id, p.kind, p.start, p.end)] = v

    def _index_targets(self, indicator_ids, authority_ids):
        self.targets = defaultdict(list)
        for t in Target.objects.filter(
            indicator_id__in=indicator_ids, authority_id__in=authority_ids
        ).select_related("period"):
            self.targets[(t.indicator_id, t.authority_id)].append(t)
        self.tolerances = {
            (t.indicator_id, t.authority_id): t
            for t in Tolerance.objects.filter(
                indicator_id__in=indicator_ids, authority_id__in=authority_ids
            )
        }

    def _index_benchmarks(self, indicator_ids, authority_ids):
        self.benchmarks = defaultdict(list)
        for b in BenchmarkValue.objects.filter(indicator_id__in=indicator_ids).select_related(
            "comparator_group", "period"
        ):
            self.benchmarks[b.indicator_id].append(b)
        self.groups_for = defaultdict(set)
        groups = ComparatorGroup.objects.prefetch_related("members")
        for group in groups:
            for authority_id in authority_ids:
                if (
                    group.kind == ComparisonKind.NATIONAL
                    or group.owner_id == authority_id
                    or any(m.pk == authority_id for m in group.members.all())
                ):
                    self.groups_for[authority_id].add(group.pk)

    # Lookups -------------------------------------------------------------------------

    def target_for(self, value):
        candidates = self.targets.get((value.indicator_id, value.authority_id), [])
        exact = [t for t in candidates if t.period_id == value.period_id]
        if exact:
            return exact[0]
        covering = [t for t in candidates if t.period_id and t.period.contains(value.period)]
        if covering:
            return min(covering, key=lambda t: t.period.end - t.period.start)
        standing = [t for t in candidates if t.period_id is None]
        return standing[0] if standing else None

    def earlier_value(self, value, span):
        kind, start, end = span
        return self.history.get(
            (value.indicator_id, value.authority_id, value.area_id, kind, start, end)
        )

    def _candidate_benchmarks(self, value):
        """The latest benchmark of each relevant group that is not newer than the value."""
        if value.area_id:
            return {}
        relevant = self.groups_for[value.authority_id]
        owned = value.indicator.authority_id == value.authority_id
        chosen = {}
        for b in self.benchmarks.get(value.indicator_id, []):
            if not owned and b.comparator_group_id not in relevant:
                continue
            if b.period_id and b.period.end > value.period.end:
                continue
            current = chosen.get(b.comparator_group_id)
            if current is None or _end(current) < _end(b):
                chosen[b.comparator_group_id] = b
        return chosen

    def _pair_benchmarks(self):
        """A benchmark sits beside the latest value that it is the latest benchmark for:
        Durham sets England 2015/16 beside Apr-Jun 2017, not also beside Apr-Jun 2016."""
        self.paired = defaultdict(list)
        owner = {}
        for v in sorted(self.values, key=lambda v: v.period.end):
            for group_id, bench in self._candidate_benchmarks(v).items():
                owner[(v.indicator_id, v.authority_id, group_id, bench.pk)] = v
        by_value = defaultdict(list)
        for key, v in owner.items():
            by_value[v.pk].append(key[3])
        bench_by_pk = {b.pk: b for group in self.benchmarks.values() for b in group}
        for value_pk, bench_pks in by_value.items():
            self.paired[value_pk] = sorted(
                (bench_by_pk[pk] for pk in bench_pks),
                key=lambda b: (b.comparator_group.kind, b.comparator_group.name),
            )

    def benchmarks_for(self, value):
        return self.paired.get(value.pk, [])

    # Comparisons ---------------------------------------------------------------------

    def comparisons(self, value):
        scheme = value.indicator.scheme_for(value.authority)
        polarity = Polarity(value.indicator.polarity)
        published = dict(self.published.get(value.pk, {}))
        rows = []

        def add(kind, name, group=None, **kwargs):
            pc = published.pop((kind, group.pk if group else None), None)
            row = Comparison(value=value, kind=kind, name=name, group=group, published=pc, **kwargs)
            if pc and pc.not_comparable:
                row.rating = Rating.NOT_RATED
            if pc and not row.comparator_printed:
                row.comparator_printed = pc.printed_comparator
            if value.published_quirk:
                row.quirks.insert(0, value.published_quirk)
            rows.append(row)

        target = self.target_for(value)
        tolerance = self.tolerances.get((value.indicator_id, value.authority_id))
        if target or tolerance:
            add(
                ComparisonKind.TARGET,
                "Target" if not target or target.kind != "tracker" else "Tracker",
                **self._target_fields(value, target, tolerance, scheme, polarity),
            )

        spans = []
        last_year = _span_or_none(value.period.span_last_year)
        if last_year:
            spans.append((ComparisonKind.PREVIOUS_YEAR, last_year))
        step = value.indicator.frequency_months
        before = _span_or_none(value.period.span_before, step) if step else None
        if before and before != last_year:
            spans.append((ComparisonKind.PREVIOUS_PERIOD, before))
        for kind, span in spans:
            earlier = self.earlier_value(value, span)
            if earlier is None and (kind, None) not in published:
                continue
            add(
                kind,
                PERIOD_NAMES[kind],
                **self._earlier_fields(value, earlier, kind, scheme, polarity),
            )

        for bench in self.benchmarks_for(value):
            group = bench.comparator_group
            rating = Rating.NOT_RATED
            if (
                scheme
                and scheme.rates(group.kind)
                and scheme.kind != SchemeKind.ABSOLUTE_THRESHOLDS
            ):
                rating = rate_against_comparator(
                    value.value, bench.value, polarity, scheme.as_rule()
                )
            add(
                group.kind,
                group.name,
                group=group,
                comparator_value=bench.value,
                comparator_printed=bench.printed,
                comparator_period_label=bench.period_label,
                rating=rating,
                quirks=[q for q in [bench.published_quirk] if q],
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
        return rows

    def _target_fields(self, value, target, tolerance, scheme, polarity):
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
        if scheme and scheme.rates(ComparisonKind.TARGET) and (target or tolerance):
            spec = target.as_rule() if target else None
            if scheme.kind == SchemeKind.ABSOLUTE_THRESHOLDS:
                from indicators.rules.rating import rate_against_thresholds

                fields["rating"] = (
                    rate_against_thresholds(
                        value.value, polarity, tolerance.red, tolerance.green, scheme.as_rule()
                    )
                    if tolerance
                    else Rating.NOT_RATED
                )
            elif spec:
                fields["rating"] = rate_against_target(
                    value.value, spec, polarity, scheme.as_rule()
                )
        return fields

    def _earlier_fields(self, value, earlier, kind, scheme, polarity):
        if earlier is None:
            return {}
        fields = {
            "comparator_value": earlier.value,
            "comparator_printed": earlier.printed,
            "comparator_period_label": earlier.period_label,
            "direction": direction_of_travel(value.value, earlier.value, polarity),
            "quirks": [q for q in [earlier.published_quirk] if q],
        }
        if scheme and scheme.rates(kind) and scheme.kind != SchemeKind.ABSOLUTE_THRESHOLDS:
            fields["rating"] = rate_against_comparator(
                value.value, earlier.value, polarity, scheme.as_rule()
            )
        return fields


def _span_or_none(derive, *args):
    # April's year to date has no earlier period in its year: nothing to compare with.
    try:
        return derive(*args)
    except ValueError:
        return None


def _end(benchmark):
    # An undated benchmark ("Latest benchmarking") counts as older than any dated one.
    return benchmark.period.end if benchmark.period_id else date.min


def comparisons_for(values):
    """[(value, [Comparison, ...]), ...] in the order given."""
    finder = ComparisonFinder(values)
    return [(v, finder.comparisons(v)) for v in finder.values]
