"""Comparator averages computed by the portal from member councils' values.

When every council's values are in the portal, England, the regions, each council's
statistical neighbours, its best neighbour and the national top quartile need not be
typed in from DfE or OHID tables: they follow from the values. `refresh_benchmarks()`
recomputes them as BenchmarkValue rows for national indicators (those with no owning
authority, reported by every council), set-based: a few aggregate queries per batch of
indicators, whatever the number of councils and groups. Running it twice changes nothing.

Only approved (published) whole-authority values count: a draft return must not move
another council's benchmark before it is signed off.

Definitions (indicators.rules.averages, tested without a database):
- national: mean of every authority with a value (England's members are not listed);
- regional, statistical neighbours, other: mean of the group's members;
- best statistical neighbour: best member value in the polarity's direction;
- national top quartile: the top-quartile threshold over every authority with a value.
A measure with no polarity has no best neighbour and no top quartile.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Case, Count, DecimalField, F, Max, Min, Q, When, Window
from django.db.models.functions import RowNumber

from indicators.bulk import delete_rows, insert_rows
from indicators.models import BenchmarkValue, ComparatorGroup, ComparisonKind, Indicator, Value
from indicators.rules.averages import best, stored
from indicators.rules.types import Polarity

SOURCE_PREFIX = "Computed by the portal from "
MEAN_KINDS = [
    ComparisonKind.REGIONAL,
    ComparisonKind.STATISTICAL_NEIGHBOURS,
    ComparisonKind.OTHER,
]
MEMBER_KINDS = [*MEAN_KINDS, ComparisonKind.BEST_STATISTICAL_NEIGHBOUR]
FIGURE = DecimalField(max_digits=20, decimal_places=8)
# Enough indicators per batch to keep the query count low, few enough that a batch's
# benchmark rows (up to ~130,000 at national scale) fit comfortably in memory.
INDICATORS_PER_BATCH = 10


def computed_source(n):
    return f"{SOURCE_PREFIX}{n} member value{'' if n == 1 else 's'}"


@dataclass
class Refresh:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    kept_published: int = 0

    def __str__(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.deleted} deleted, "
            f"{self.unchanged} unchanged, {self.kept_published} published figures kept"
        )


def refresh_benchmarks(indicators=None, periods=None):
    """Recompute the portal's benchmark values for national indicators.

    indicators, periods: optional iterables of model instances or ids limiting the work
    (e.g. the indicators and periods an import touched); None means all.
    """
    scope = Indicator.objects.filter(authority__isnull=True)
    if indicators is not None:
        scope = scope.filter(pk__in=[getattr(i, "pk", i) for i in indicators])
    polarity = dict(scope.values_list("pk", "polarity"))
    period_ids = None if periods is None else [getattr(p, "pk", p) for p in periods]
    groups = dict(ComparatorGroup.objects.values_list("pk", "kind"))
    result = Refresh()
    ids = sorted(polarity)
    with transaction.atomic():
        for start in range(0, len(ids), INDICATORS_PER_BATCH):
            batch = ids[start : start + INDICATORS_PER_BATCH]
            wanted = _compute(batch, period_ids, polarity, groups, result)
            _write(batch, period_ids, wanted, result)
    return result


def _values(indicator_ids, period_ids):
    values = Value.objects.filter(
        indicator_id__in=indicator_ids,
        area__isnull=True,
        value__isnull=False,
        workflow=Value.Workflow.APPROVED,
    ).order_by()
    if period_ids is not None:
        values = values.filter(period_id__in=period_ids)
    return values


def _compute(indicator_ids, period_ids, polarity, groups, result):
    """{(group_id, indicator_id, period_id): (figure, n)} for one batch of indicators."""
    wanted = {}
    by_kind = defaultdict(list)
    for group_id, kind in groups.items():
        by_kind[kind].append(group_id)
    values = _values(indicator_ids, period_ids)

    if by_kind[ComparisonKind.NATIONAL]:
        for row in values.values("indicator_id", "period_id").annotate(
            mean=Avg("value", output_field=FIGURE), n=Count("value")
        ):
            for group_id in by_kind[ComparisonKind.NATIONAL]:
                key = (group_id, row["indicator_id"], row["period_id"])
                wanted[key] = (stored(row["mean"]), row["n"])

    if by_kind[ComparisonKind.NATIONAL_TOP_QUARTILE]:
        for row in _top_quartile_rows(values):
            for group_id in by_kind[ComparisonKind.NATIONAL_TOP_QUARTILE]:
                key = (group_id, row["indicator_id"], row["period_id"])
                wanted[key] = (stored(row["value"]), row["n"])

    if any(by_kind[kind] for kind in MEMBER_KINDS):
        member_rows = (
            values.filter(authority__comparator_groups__kind__in=MEMBER_KINDS)
            .values("indicator_id", "period_id", group_id=F("authority__comparator_groups"))
            .annotate(
                mean=Avg("value", output_field=FIGURE),
                low=Min("value"),
                high=Max("value"),
                n=Count("value"),
            )
        )
        for row in member_rows:
            key = (row["group_id"], row["indicator_id"], row["period_id"])
            if groups[row["group_id"]] == ComparisonKind.BEST_STATISTICAL_NEIGHBOUR:
                # The best of all members is the better of the two extremes.
                figure = best([row["low"], row["high"]], polarity[row["indicator_id"]])
                if figure is None:
                    continue
            else:
                figure = row["mean"]
            wanted[key] = (stored(figure), row["n"])
    return wanted


def _top_quartile_rows(values):
    """One row per (indicator, period): the value at position ceil(n / 4) counted from
    the best (rules.averages.top_quartile_threshold), in one windowed query."""
    partition = [F("indicator_id"), F("period_id")]
    higher = Q(indicator__polarity=Polarity.HIGHER)
    lower = Q(indicator__polarity=Polarity.LOWER)
    # Within a partition the polarity is fixed, so one of the two keys is always NULL
    # and the other orders best first.
    best_first = [
        Case(When(higher, then=F("value"))).desc(nulls_last=True),
        Case(When(lower, then=F("value"))).asc(nulls_last=True),
    ]
    ranked = (
        values.exclude(indicator__polarity=Polarity.NONE)
        .annotate(
            position=Window(RowNumber(), partition_by=partition, order_by=best_first),
            n=Window(Count("pk"), partition_by=partition),
        )
        .annotate(wanted=(F("n") + 3) / 4)
        .filter(position=F("wanted"))
    )
    return ranked.values("indicator_id", "period_id", "value", "n")


def _write(indicator_ids, period_ids, wanted, result):
    existing = BenchmarkValue.objects.filter(indicator_id__in=indicator_ids)
    if period_ids is not None:
        existing = existing.filter(period_id__in=period_ids)
    to_update, to_delete = [], []
    for pk, group_id, indicator_id, period_id, figure, source in existing.values_list(
        "pk", "comparator_group_id", "indicator_id", "period_id", "value", "source"
    ).order_by():
        key = (group_id, indicator_id, period_id)
        if not source.startswith(SOURCE_PREFIX):
            # A figure a paper printed is kept as published, never overwritten.
            if wanted.pop(key, None) is not None:
                result.kept_published += 1
            continue
        if key not in wanted:
            to_delete.append(pk)
            continue
        new_figure, n = wanted.pop(key)
        new_source = computed_source(n)
        if figure == new_figure and source == new_source:
            result.unchanged += 1
        else:
            to_update.append(BenchmarkValue(pk=pk, value=new_figure, source=new_source))

    if to_delete:
        for start in range(0, len(to_delete), 5_000):
            chunk = to_delete[start : start + 5_000]
            delete_rows(BenchmarkValue.objects.filter(pk__in=chunk))
        result.deleted += len(to_delete)
    if to_update:
        BenchmarkValue.objects.bulk_update(to_update, ["value", "source"], batch_size=1_000)
        result.updated += len(to_update)
    if wanted:
        # Computed from approved figures only, so published as they are computed.
        columns = ["comparator_group_id", "indicator_id", "period_id", "value", "source"]
        blank = ["printed", "printed_period_label", "note", "published_quirk", "workflow"]
        rows = (
            (g, i, p, figure, computed_source(n), "", "", "", "", "approved")
            for (g, i, p), (figure, n) in wanted.items()
        )
        result.created += insert_rows(BenchmarkValue, columns + blank, rows)
