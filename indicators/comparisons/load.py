"""Loading what a set of values is compared with: a fixed number of queries however many
values, each source's rows as its immutable record (records.py). Nothing here rates.

It loads only what the comparisons use: the two earlier values of each series (not the
whole series), the benchmarks of the comparator groups each council belongs to, and, when
each indicator is shown at one period (a dashboard), only the latest of those. At
national scale a council's dashboard would otherwise read every council's figures.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
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
from indicators.rules.figures import target_text
from indicators.rules.types import Polarity

from .records import (
    Benchmark,
    Earlier,
    PrintedComparison,
    TargetFigure,
    Thresholds,
    benchmark_period_label,
)

# Computed only for a measure with a polarity (indicators.rules.averages.best).
POLARITY_GROUP_KINDS = {
    ComparisonKind.BEST_STATISTICAL_NEIGHBOUR,
    ComparisonKind.NATIONAL_TOP_QUARTILE,
}

BENCHMARK_FIELDS = (
    "pk", "indicator_id", "comparator_group_id", "period_id",
    "value", "printed", "printed_period_label", "published_quirk",
)  # fmt: skip


@dataclass(frozen=True)
class Sources:
    """Everything the given values are compared with, keyed for lookup per value."""

    values: list
    for_members: bool
    # value pk -> [(comparison kind, (period kind, start, end))] of its earlier values
    spans: dict
    # (indicator, authority, area, period kind, start, end) -> Earlier
    history: dict
    # (indicator, authority) -> [TargetFigure] and -> Thresholds
    targets: dict
    tolerances: dict
    # group pk -> ComparatorGroup; authority id -> {pk of each group it belongs to}
    groups: dict
    groups_for: dict
    # group pk -> {member council id: its name}: the ranks read them (indicators.ranks)
    members: dict
    # indicator id -> [Benchmark] that can sit beside its values
    benchmarks: dict
    # value pk -> {(comparison kind, group pk or None): PrintedComparison}
    printed: dict


def load(values, groups=None):
    """groups: council_groups() of the values' councils, where the caller read them already
    (alongside the values: reports.dashboard)."""
    return _Loader(values, groups).sources()


def council_groups(authority_ids):
    """({pk: ComparatorGroup}, {council: {pk of each group it belongs to}}, {pk: {member id:
    name}}) for the councils' comparator groups, as ComparatorGroup.objects.relevant_to():
    the comparisons read the groups, the ranks their members. Two queries."""
    groups = {
        g.pk: g
        for g in ComparatorGroup.objects.filter(
            Q(kind__in=EVERY_COUNCIL_KINDS)
            | Q(owner_id__in=authority_ids)
            | Q(members__in=authority_ids, owner__isnull=True)
        )
        .distinct()
        .select_related("owner")
        .order_by("kind", "name", "pk")
    }
    groups_for = defaultdict(set)
    for g in groups.values():
        for authority_id in authority_ids:
            if g.kind in EVERY_COUNCIL_KINDS or g.owner_id == authority_id:
                groups_for[authority_id].add(g.pk)
    members = {pk: {} for pk in groups}
    for group_id, authority_id, name in ComparatorGroup.members.through.objects.filter(
        comparatorgroup_id__in=list(groups)
    ).values_list("comparatorgroup_id", "authority_id", "authority__name"):
        members[group_id][authority_id] = name
        if authority_id in authority_ids and groups[group_id].owner_id is None:
            groups_for[authority_id].add(group_id)
    return groups, groups_for, members


def history_key(value, period):
    return (
        value.indicator_id,
        value.authority_id,
        value.area_id,
        period.kind,
        period.start,
        period.end,
    )


def earlier_spans(value):
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


class _Key(NamedTuple):
    """What the loader reads of each value, read off the model once: its foreign keys go
    through Django's descriptors on every access, and the loader reads them ~15 times."""

    pk: int
    indicator_id: int
    authority_id: int
    area_id: int | None
    period_id: int
    period: Period
    end: date
    owned: bool  # the council's own indicator (not a national one)
    polarity: str
    value: Value


def _keys(values):
    return [
        _Key(
            v.pk,
            v.indicator_id,
            v.authority_id,
            v.area_id,
            v.period_id,
            v.period,
            v.period.end,
            v.indicator.authority_id == v.authority_id,
            v.indicator.polarity,
            v,
        )
        for v in values
    ]


class _Loader:
    def __init__(self, values, groups=None):
        self.values = list(values)
        self.given_groups = groups
        self.keys = _keys(self.values)
        # Members' pages compare published figures with published targets and benchmarks;
        # an officer's draft return is compared with what officers are working on.
        self.for_members = any(v.workflow == Value.Workflow.APPROVED for v in self.values)
        self.periods = {k.period_id: k.period for k in self.keys}  # shared by what is read
        self.indicators = {v.indicator_id: v.indicator for v in self.values}
        self.indicator_ids = set(self.indicators)
        self.authority_ids = {k.authority_id for k in self.keys}

    def sources(self):
        spans = {}  # values of one period and frequency share their earlier spans
        self.spans = {}
        for k in self.keys:
            shared = (k.period_id, self.indicators[k.indicator_id].frequency_months)
            if shared not in spans:
                spans[shared] = earlier_spans(k.value)
            self.spans[k.pk] = spans[shared]
        history = self._history()
        target_rows, tolerances = self._targets()
        groups, groups_for, members = self._groups()
        self.groups, self.groups_for = groups, groups_for
        printed_rows, benchmarks = self._benchmarks()
        # The periods of targets and printed benchmarks: mostly the values' own, shared
        # rather than joined again on every row; the others in one query.
        wanted = {row[3] for rows in (target_rows, printed_rows) for row in rows}
        wanted -= set(self.periods) | {None}
        if wanted:
            self.periods.update(Period.objects.order_by().in_bulk(wanted))
        targets = defaultdict(list)
        for row in target_rows:
            targets[(row[1], row[2])].append(self._target(*row))
        for row in printed_rows:
            benchmarks[row[1]].append(self._benchmark(*row))
        return Sources(
            values=self.values,
            for_members=self.for_members,
            spans=self.spans,
            history=history,
            targets=targets,
            tolerances=tolerances,
            groups=groups,
            groups_for=groups_for,
            members=members,
            benchmarks=_ordered_by_groups(self._paired_benchmarks(benchmarks)),
            printed=self._printed(),
        )

    def _visible(self, model):
        return model.objects.published() if self.for_members else model.objects.working()

    def _history(self):
        """The values 12 months earlier and one period earlier, by their series and span."""
        history = {
            (
                k.indicator_id,
                k.authority_id,
                k.area_id,
                k.period.kind,
                k.period.start,
                k.end,
            ): k.value
            for k in self.keys
        }
        spans = {span for spans in self.spans.values() for _, span in spans}
        if not spans:
            return history
        periods = {
            p.pk: p
            for p in Period.objects.filter(end__in={end for _, _, end in spans})
            if (p.kind, p.start, p.end) in spans
        }
        rows = self._visible(Value).filter(
            indicator_id__in_ids=self.indicator_ids,
            authority_id__in=self.authority_ids,
            period_id__in=periods,
        )
        for indicator_id, authority_id, area_id, period_id, *fields in rows.values_list(
            "indicator_id", "authority_id", "area_id", "period_id",
            "value", "printed", "printed_period_label", "published_quirk",
        ):  # fmt: skip
            p = periods[period_id]
            figure, printed, printed_label, quirk = fields
            history.setdefault(
                (indicator_id, authority_id, area_id, p.kind, p.start, p.end),
                Earlier(figure, printed, printed_label or p.label, quirk),
            )
        return history

    def _targets(self):
        """Raw target rows (their records need their periods) and the tolerances."""
        where = {"indicator_id__in_ids": self.indicator_ids, "authority_id__in": self.authority_ids}
        target_rows = list(
            self._visible(Target)
            .filter(**where)
            .values_list(
                "pk",
                "indicator_id",
                "authority_id",
                "period_id",
                "kind",
                "value",
                "upper",
                "inclusive",
                "printed",
                "published_quirk",
            )  # fmt: skip
        )
        tolerances = {
            (indicator_id, authority_id): Thresholds(red, green, quirk)
            for indicator_id, authority_id, red, green, quirk in self._visible(Tolerance)
            .filter(**where)
            .values_list("indicator_id", "authority_id", "red", "green", "published_quirk")
        }
        return target_rows, tolerances

    def _target(self, pk, indicator_id, _authority_id, period_id, kind, figure, upper, inclusive,
                printed, quirk):  # fmt: skip
        indicator = self.indicators[indicator_id]
        # Target.display: as printed, or as the council prints one (85.0%, not 85.00000000).
        display = printed or target_text(
            kind,
            figure,
            upper,
            inclusive,
            indicator.decimal_places,
            percent=indicator.unit == "percent",
        )
        period = self.periods[period_id] if period_id else None
        return TargetFigure(pk, period_id, period, kind, figure, upper, inclusive, display, quirk)

    def _groups(self):
        """Each council's comparator groups, as ComparatorGroup.objects.relevant_to(), and
        every member of those groups with its name. Two queries."""
        return self.given_groups or council_groups(self.authority_ids)

    def _groups_of(self, rows, at):
        """{pk: ComparatorGroup} for the rows' groups (row[at]): the councils' own, and any
        other a row names in one query."""
        found = self.groups
        wanted = {row[at] for row in rows} - set(found) - {None}
        if wanted:
            found = {**found, **ComparatorGroup._base_manager.order_by().in_bulk(wanted)}
        return found

    def _benchmarks(self):
        """The benchmarks that can sit beside the values: none newer than the newest value
        of its indicator; for a council's own indicator from any group (its paper chose
        them), for a national indicator from the councils' own groups only. A national
        indicator has a benchmark for every group of every council (1.8 million rows at
        national scale), so those lookups start from the groups, through an index.
        Returns the printed ones' raw rows (their records need their periods) and the
        others' records by indicator."""
        benchmarks = defaultdict(list)
        printed_rows = []
        ends = defaultdict(set)
        for k in self.keys:
            if k.area_id is None:
                ends[k.indicator_id].add(k.end)
        owned = {k.indicator_id for k in self.keys if k.owned} & set(ends)
        shared = set(ends) - owned
        relevant = set().union(*self.groups_for.values())
        if owned:
            # The few benchmarks a council's paper printed (ComparisonFinder picks). Their
            # groups are looked up rather than joined: with the join SQLite's planner starts
            # from the groups and reads every national benchmark.
            printed_rows = list(
                self._visible(BenchmarkValue)
                .filter(indicator_id__in_ids=owned)
                .values_list(*BENCHMARK_FIELDS)
            )
            self.printed_groups = self._groups_of(printed_rows, 2)
        if shared and relevant:
            in_groups = self._visible(BenchmarkValue).filter(comparator_group_id__in=relevant)
            if all(len(ends[i]) == 1 for i in shared):
                found = self._beside_one_period(in_groups, shared, ends)
            else:
                found = [
                    _from_model(b)
                    for b in in_groups.filter(_not_newer(ends, shared)).select_related(
                        "comparator_group", "period"
                    )
                ]
            for b in found:
                benchmarks[b.indicator_id].append(b)
        return printed_rows, benchmarks

    def _benchmark(self, pk, indicator_id, group_id, period_id, figure, printed, printed_label,
                   quirk):  # fmt: skip
        period = self.periods[period_id] if period_id else None
        return Benchmark(
            pk,
            indicator_id,
            group_id,
            self.printed_groups[group_id],
            period_id,
            period,
            figure,
            printed,
            benchmark_period_label(printed_label, period),
            quirk,
        )  # fmt: skip

    def _beside_one_period(self, in_groups, shared, ends):
        """National indicators shown at one period each (a dashboard): their benchmarks
        are computed for every period with values, so the one beside a value is nearly
        always for the value's own period. Those come by index; the latest earlier one
        is looked up only for a group that has none."""
        wanted = defaultdict(set)
        expected = set()
        for k in self.keys:
            if k.indicator_id not in shared or k.area_id is not None:
                continue
            wanted[k.period_id].add(k.indicator_id)
            for group_id in self.groups_for[k.authority_id]:
                # A measure with no polarity has no best neighbour and no top quartile
                # (indicators.benchmarks): nothing to look for.
                if not (
                    k.polarity == Polarity.NONE
                    and self.groups[group_id].kind in POLARITY_GROUP_KINDS
                ):
                    expected.add((k.indicator_id, group_id))
        own_period = Q()
        for period_id, ids in wanted.items():
            own_period |= Q(period_id=period_id, indicator_id__in_ids=ids)
        periods = {k.period_id: k.period for k in self.keys}
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
                in_groups.filter(own_period).values_list(*BENCHMARK_FIELDS)
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
                _from_model(b)
                for b in earlier.filter(newest_first=1).select_related("comparator_group", "period")
                if (b.indicator_id, b.comparator_group_id) in missing
            ]
        return found

    def _paired_benchmarks(self, benchmarks):
        """{value pk: [Benchmark]}: a benchmark sits beside the latest value that it is the
        latest benchmark for: Durham sets England 2015/16 beside Apr-Jun 2017, not also
        beside Apr-Jun 2016."""
        owner = {}
        for k in sorted(self.keys, key=lambda k: k.end):
            for group_id, bench in self._candidates(k, benchmarks).items():
                owner[(k.indicator_id, k.authority_id, group_id, bench.pk)] = (k.pk, bench)
        paired = defaultdict(list)
        for pk, bench in owner.values():
            paired[pk].append(bench)
        return paired

    def _candidates(self, key, benchmarks):
        """The latest benchmark of each relevant group that is not newer than the value."""
        if key.area_id:
            return {}
        relevant = self.groups_for[key.authority_id]
        owned = key.owned
        chosen = {}
        for b in benchmarks.get(key.indicator_id, []):
            if not owned and b.comparator_group_id not in relevant:
                continue
            if b.period_id and b.period.end > key.end:
                continue
            current = chosen.get(b.comparator_group_id)
            if current is None or _end(current) < _end(b):
                chosen[b.comparator_group_id] = b
        return chosen

    def _printed(self):
        rows = list(
            PublishedComparison.objects.filter(
                value_id__in_ids=[k.pk for k in self.keys]
            ).values_list(
                "value_id",
                "kind",
                "comparator_group_id",
                "published_rating",
                "published_direction",
                "printed_rating",
                "printed_comparator",
                "not_comparable",
                "not_comparable_reason",
            )  # fmt: skip
        )
        groups = self._groups_of(rows, 2)
        printed = defaultdict(dict)
        for value_id, kind, group_id, *fields in rows:
            group = groups[group_id] if group_id else None
            printed[value_id][(kind, group_id)] = PrintedComparison(
                value_id, kind, group_id, group, *fields
            )
        return printed


def _ordered_by_groups(paired):
    # The order every caller shows benchmarks in: by group kind, then name.
    return {
        pk: sorted(benches, key=lambda b: (b.comparator_group.kind, b.comparator_group.name))
        for pk, benches in paired.items()
    }


def _from_model(b):
    return Benchmark(
        b.pk,
        b.indicator_id,
        b.comparator_group_id,
        b.comparator_group,
        b.period_id,
        b.period,
        b.value,
        b.printed,
        b.period_label,
        b.published_quirk,
    )


def _not_newer(ends, indicator_ids):
    """Benchmarks of these indicators no newer than each one's newest value (or undated)."""
    by_end = defaultdict(list)
    for indicator_id in indicator_ids:
        by_end[max(ends[indicator_id])].append(indicator_id)
    condition = Q(period__isnull=True, indicator_id__in=list(indicator_ids))
    for end, ids in by_end.items():
        condition |= Q(indicator_id__in=ids, period__end__lte=end)
    return condition


def _span_or_none(derive, *args):
    # April's year to date has no earlier period in its year: nothing to compare with.
    try:
        return derive(*args)
    except ValueError:
        return None


def _end(benchmark):
    # An undated benchmark ("Latest benchmarking") counts as older than any dated one.
    return benchmark.period.end if benchmark.period_id else date.min
