"""Every comparison of a set of values: target, 12 months earlier, previous period and
benchmarks, each with the portal's rating and direction beside what the paper printed.

The data is fetched in a fixed number of queries, however many values are compared, and
the rules (indicators.rules) decide every rating and direction.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from indicators.models import (
    BenchmarkValue,
    ComparatorGroup,
    ComparisonKind,
    Period,
    PublishedComparison,
    Target,
    Tolerance,
    Value,
)
from indicators.models.comparator import EVERY_COUNCIL_KINDS
from indicators.rules.direction import direction_of_travel
from indicators.rules.exceptions import (
    DEFAULT_VARIANCE_PERCENT,
    assess_exceptions,
    describe_reason,
)
from indicators.rules.figures import places_for
from indicators.rules.rating import rate
from indicators.rules.types import Direction, Polarity, Rating
from indicators.sharing import attach, attach_from_db


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
        return bool(self.published_rating) and self.published_rating != self.rating

    @property
    def direction_differs(self):
        return bool(self.published_direction) and self.published_direction != self.direction


class Earlier(NamedTuple):
    """An earlier value as a comparison shows it (the fields of Value it reads)."""

    value: Decimal | None
    printed: str
    period_label: str
    published_quirk: str


class Thresholds(NamedTuple):
    """A council's Red and Green tolerances as a comparison shows them (of Tolerance)."""

    red: Decimal | None
    green: Decimal | None
    published_quirk: str


class Benchmark(NamedTuple):
    """A benchmark as a comparison shows it (the fields of BenchmarkValue it reads)."""

    pk: int
    indicator_id: int
    comparator_group_id: int
    comparator_group: ComparatorGroup
    period_id: int | None
    period: Period | None
    value: Decimal | None
    printed: str
    period_label: str
    published_quirk: str


# Computed only for a measure with a polarity (indicators.rules.averages.best).
POLARITY_GROUP_KINDS = {
    ComparisonKind.BEST_STATISTICAL_NEIGHBOUR,
    ComparisonKind.NATIONAL_TOP_QUARTILE,
}

PERIOD_NAMES = {
    ComparisonKind.PREVIOUS_YEAR: "12 months earlier",
    ComparisonKind.PREVIOUS_PERIOD: "Previous period",
}


class ComparisonFinder:
    """Loads what the given values are compared with, then answers per value.

    It loads only what the comparisons use: the two earlier values of each series (not the
    whole series), the benchmarks of the comparator groups each council belongs to, and,
    when each indicator is shown at one period (a dashboard), only the latest of those.
    At national scale a council's dashboard would otherwise read every council's figures.
    """

    def __init__(self, values):
        self.values = list(values)
        # Members' pages compare published figures with published targets and benchmarks;
        # an officer's draft return is compared with what officers are working on.
        self.for_members = any(v.workflow == Value.Workflow.APPROVED for v in self.values)
        self._rules = {}
        self._periods = {v.period_id: v.period for v in self.values}  # shared by what is read
        self._target_of = {}
        self._target_rules = {}
        indicator_ids = {v.indicator_id for v in self.values}
        authority_ids = {v.authority_id for v in self.values}
        spans = {}  # values of one period and frequency share their earlier spans
        self._spans = {
            v.pk: spans.get((v.period_id, v.indicator.frequency_months))
            or spans.setdefault((v.period_id, v.indicator.frequency_months), _earlier_spans(v))
            for v in self.values
        }
        self._index_history(indicator_ids, authority_ids)
        self._index_targets(indicator_ids, authority_ids)
        self._index_groups(authority_ids)
        self._index_benchmarks(authority_ids)
        self._share_periods(self._targets, self._printed)
        self._pair_benchmarks()
        self.published = defaultdict(dict)
        printed = list(
            PublishedComparison.objects.filter(value_id__in_ids=[v.pk for v in self.values])
        )
        attach_from_db(printed, "comparator_group", self.groups)
        for pc in printed:
            self.published[pc.value_id][(pc.kind, pc.comparator_group_id)] = pc

    def _visible(self, model):
        return model.objects.published() if self.for_members else model.objects.working()

    def _index_history(self, indicator_ids, authority_ids):
        """The values 12 months earlier and one period earlier, by their series and span."""
        self.history = {}
        for v in self.values:
            self.history[_history_key(v, v.period)] = v
        spans = {span for spans in self._spans.values() for _, span in spans}
        if not spans:
            return
        periods = {
            p.pk: p
            for p in Period.objects.filter(end__in={end for _, _, end in spans})
            if (p.kind, p.start, p.end) in spans
        }
        history = self._visible(Value).filter(
            indicator_id__in_ids=indicator_ids,
            authority_id__in=authority_ids,
            period_id__in=periods,
        )
        # Plain records rather than models: a comparison reads four fields of each.
        for indicator_id, authority_id, area_id, period_id, *fields in history.values_list(
            "indicator_id", "authority_id", "area_id", "period_id",
            "value", "printed", "printed_period_label", "published_quirk",
        ):  # fmt: skip
            p = periods[period_id]
            figure, printed, printed_label, quirk = fields
            self.history.setdefault(
                (indicator_id, authority_id, area_id, p.kind, p.start, p.end),
                Earlier(figure, printed, printed_label or p.label, quirk),
            )

    def _index_targets(self, indicator_ids, authority_ids):
        self.targets = defaultdict(list)
        self._targets = list(
            self._visible(Target).filter(
                indicator_id__in_ids=indicator_ids, authority_id__in=authority_ids
            )
        )
        # Target.display reads the indicator (its decimal places): the values' own, shared.
        attach(self._targets, "indicator", {v.indicator_id: v.indicator for v in self.values})
        for t in self._targets:
            self.targets[(t.indicator_id, t.authority_id)].append(t)
        # Plain records rather than models: a comparison reads three fields of each.
        self.tolerances = {
            (indicator_id, authority_id): Thresholds(red, green, quirk)
            for indicator_id, authority_id, red, green, quirk in self._visible(Tolerance)
            .filter(indicator_id__in_ids=indicator_ids, authority_id__in=authority_ids)
            .values_list("indicator_id", "authority_id", "red", "green", "published_quirk")
        }

    def _share_periods(self, *dated):
        """Attach the periods of targets and printed benchmarks: mostly the values' own,
        shared rather than joined again on every row; the others in one query."""
        wanted = {i.period_id for rows in dated for i in rows} - set(self._periods) - {None}
        if wanted:
            self._periods.update(Period.objects.order_by().in_bulk(wanted))
        for rows in dated:
            attach(rows, "period", self._periods)

    def _index_groups(self, authority_ids):
        """Each council's comparator groups, as ComparatorGroup.objects.relevant_to()."""
        self.groups_for = defaultdict(set)
        self.groups = {
            g.pk: g
            for g in ComparatorGroup.objects.filter(
                Q(kind__in=EVERY_COUNCIL_KINDS)
                | Q(owner_id__in=authority_ids)
                | Q(members__in=authority_ids, owner__isnull=True)
            ).distinct()
        }
        for g in self.groups.values():
            for authority_id in authority_ids:
                if g.kind in EVERY_COUNCIL_KINDS or g.owner_id == authority_id:
                    self.groups_for[authority_id].add(g.pk)
        for group_id, authority_id in ComparatorGroup.members.through.objects.filter(
            authority_id__in=authority_ids, comparatorgroup__owner__isnull=True
        ).values_list("comparatorgroup_id", "authority_id"):
            self.groups_for[authority_id].add(group_id)

    def _index_benchmarks(self, authority_ids):
        """The benchmarks that can sit beside the values: none newer than the newest value
        of its indicator; for a council's own indicator from any group (its paper chose
        them), for a national indicator from the councils' own groups only. A national
        indicator has a benchmark for every group of every council (1.8 million rows at
        national scale), so those lookups start from the groups, through an index."""
        self.benchmarks = defaultdict(list)
        self._printed = []  # their periods are attached with the targets' (_share_periods)
        ends = defaultdict(set)
        for v in self.values:
            if v.area_id is None:
                ends[v.indicator_id].add(v.period.end)
        owned = {
            v.indicator_id for v in self.values if v.indicator.authority_id == v.authority_id
        } & set(ends)
        shared = set(ends) - owned
        relevant = set().union(*self.groups_for.values())
        found = []
        if owned:
            # The few benchmarks a council's paper printed (_candidate_benchmarks picks).
            # Their groups are attached rather than joined: with the join SQLite's planner
            # starts from the groups and reads every national benchmark.
            printed = list(self._visible(BenchmarkValue).filter(indicator_id__in_ids=owned))
            attach_from_db(printed, "comparator_group", self.groups)
            self._printed = printed
            found += printed
        if shared and relevant:
            in_groups = self._visible(BenchmarkValue).filter(comparator_group_id__in=relevant)
            if all(len(ends[i]) == 1 for i in shared):
                found += self._beside_one_period(in_groups, shared, ends)
            else:
                found += in_groups.filter(_not_newer(ends, shared)).select_related(
                    "comparator_group", "period"
                )
        for b in found:
            self.benchmarks[b.indicator_id].append(b)

    def _beside_one_period(self, in_groups, shared, ends):
        """National indicators shown at one period each (a dashboard): their benchmarks
        are computed for every period with values, so the one beside a value is nearly
        always for the value's own period. Those come by index; the latest earlier one
        is looked up only for a group that has none."""
        wanted = defaultdict(set)
        expected = set()
        for v in self.values:
            if v.indicator_id not in shared or v.area_id is not None:
                continue
            wanted[v.period_id].add(v.indicator_id)
            for group_id in self.groups_for[v.authority_id]:
                # A measure with no polarity has no best neighbour and no top quartile
                # (indicators.benchmarks): nothing to look for.
                if not (
                    v.indicator.polarity == Polarity.NONE
                    and self.groups[group_id].kind in POLARITY_GROUP_KINDS
                ):
                    expected.add((v.indicator_id, group_id))
        own_period = Q()
        for period_id, ids in wanted.items():
            own_period |= Q(period_id=period_id, indicator_id__in_ids=ids)
        periods = {v.period_id: v.period for v in self.values}
        # Plain records (hundreds of rows, a handful of groups and periods).
        found = [
            Benchmark(
                pk,
                indicator_id,
                group_id,
                self.groups[group_id],
                period_id,
                periods[period_id],
                figure,
                printed,
                printed_label or periods[period_id].label,
                quirk,
            )  # fmt: skip
            for pk, indicator_id, group_id, period_id, figure, printed, printed_label, quirk in (
                in_groups.filter(own_period).values_list(
                    "pk",
                    "indicator_id",
                    "comparator_group_id",
                    "period_id",
                    "value",
                    "printed",
                    "printed_period_label",
                    "published_quirk",
                )  # fmt: skip
            )
        ]
        missing = expected - {(b.indicator_id, b.comparator_group_id) for b in found}
        if missing:
            earlier = in_groups.filter(
                _not_newer(ends, {i for i, _ in missing}),
                comparator_group_id__in={g for _, g in missing},
            ).annotate(
                newest_first=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("comparator_group_id")],
                    order_by=[F("period__end").desc(nulls_last=True), F("pk").asc()],
                )
            )
            found += [
                b
                for b in earlier.filter(newest_first=1).select_related("comparator_group", "period")
                if (b.indicator_id, b.comparator_group_id) in missing
            ]
        return found

    # Lookups -------------------------------------------------------------------------

    def target_for(self, value):
        # Asked for by the comparisons and again by the exception rule.
        if value.pk not in self._target_of:
            self._target_of[value.pk] = self._find_target(value)
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

    def exceptions(self, value, recent_values, commentary=None, comparisons=None):
        """(reasons, their words): Norfolk's exception criteria for a value, gathered from
        its comparisons for indicators.rules.exceptions.assess_exceptions, the one rule the
        dashboard, the officers' advice and the return checklist share. recent_values:
        figures of the value's kind of period, oldest first, ending with it; commentary
        carries the officers' budget and corporate-risk flags."""
        if comparisons is None:
            comparisons = self.comparisons(value)
        scheme = value.indicator.scheme_for(value.authority)
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
        )
        return reasons, [describe_reason(r, variance_percent=variance) for r in reasons]

    def _find_target(self, value):
        return Target.choose(
            self.targets.get((value.indicator_id, value.authority_id), []), value.period
        )

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

    def _rule(self, scheme):
        # The scheme's rule, built once per scheme rather than once per comparison.
        if scheme is None:
            return None
        if scheme.pk not in self._rules:
            self._rules[scheme.pk] = scheme.as_rule()
        return self._rules[scheme.pk]

    def benchmarks_for(self, value):
        return self.paired.get(value.pk, [])

    # Comparisons ---------------------------------------------------------------------

    def comparisons(self, value):
        ind = value.indicator
        scheme = ind.scheme_for(value.authority)
        polarity = Polarity(ind.polarity)
        published = dict(self.published.get(value.pk, {}))
        value_quirk = value.published_quirk
        rows = []

        def add(kind, name, group=None, **kwargs):
            pc = published.pop((kind, group.pk if group else None), None)
            row = Comparison(value=value, kind=kind, name=name, group=group, published=pc, **kwargs)
            if pc:
                if pc.not_comparable:
                    row.rating = Rating.NOT_RATED
                if not row.comparator_printed:
                    row.comparator_printed = pc.printed_comparator
            if value_quirk:
                row.quirks.insert(0, value_quirk)
            rows.append(row)

        rule = self._rule(scheme)
        target = self.target_for(value)
        tolerance = self.tolerances.get((value.indicator_id, value.authority_id))
        if target or tolerance:
            add(
                ComparisonKind.TARGET,
                "Target" if not target or target.kind != "tracker" else "Tracker",
                **self._target_fields(value, target, tolerance, rule, polarity),
            )

        for kind, span in self._spans.get(value.pk) or _earlier_spans(value):
            earlier = self.earlier_value(value, span)
            if earlier is None and (kind, None) not in published:
                continue
            add(
                kind,
                PERIOD_NAMES[kind],
                **self._earlier_fields(value, earlier, kind, rule, polarity),
            )

        for bench in self.benchmarks_for(value):
            group = bench.comparator_group
            rating = rate(rule, group.kind, value.value, polarity, comparator=bench.value)
            add(
                group.kind,
                group.name,
                group=group,
                comparator_value=bench.value,
                comparator_printed=bench.printed,
                comparator_period_label=bench.period_label,
                rating=rating,
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
        return rows

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
        fields = {
            "comparator_value": earlier.value,
            "comparator_printed": earlier.printed,
            "comparator_period_label": earlier.period_label,
            "direction": direction_of_travel(value.value, earlier.value, polarity),
            "quirks": [q for q in [earlier.published_quirk] if q],
        }
        fields["rating"] = rate(rule, kind, value.value, polarity, comparator=earlier.value)
        return fields


def _not_newer(ends, indicator_ids):
    """Benchmarks of these indicators no newer than each one's newest value (or undated)."""
    by_end = defaultdict(list)
    for indicator_id in indicator_ids:
        by_end[max(ends[indicator_id])].append(indicator_id)
    condition = Q(period__isnull=True, indicator_id__in=list(indicator_ids))
    for end, ids in by_end.items():
        condition |= Q(indicator_id__in=ids, period__end__lte=end)
    return condition


def _earlier_spans(value):
    """[(comparison kind, (period kind, start, end))] of the earlier values to compare with."""
    spans = []
    last_year = _span_or_none(value.period.span_last_year)
    if last_year:
        spans.append((ComparisonKind.PREVIOUS_YEAR, last_year))
    step = value.indicator.frequency_months
    before = _span_or_none(value.period.span_before, step) if step else None
    if before and before != last_year:
        spans.append((ComparisonKind.PREVIOUS_PERIOD, before))
    return spans


def _history_key(value, period):
    return (
        value.indicator_id,
        value.authority_id,
        value.area_id,
        period.kind,
        period.start,
        period.end,
    )


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
