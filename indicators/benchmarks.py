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
- national: over every authority with a value (England's members are not listed), and
  regional, statistical neighbours, other: over the group's members - for a share or a
  rate whose every member value has its numerator and denominator, the sum of numerators
  over the sum of denominators in the unit's scale (`pooled`, as the DfE and OHID work out
  England's rate), else the mean of the values;
- best statistical neighbour: best member value in the polarity's direction;
- national top quartile: the top-quartile threshold over every authority with a value.
A measure with no polarity has no best neighbour and no top quartile.

Each computed row says so (`BenchmarkValue.computed`). An official figure - a paper's, or
England's and a region's imported from the DfE's or OHID's file (import_statistics) - is
never replaced by a computed one.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Case, Count, DecimalField, F, Max, Min, Q, Sum, When, Window
from django.db.models.functions import RowNumber

from indicators.bulk import delete_rows, insert_rows
from indicators.models import BenchmarkValue, ComparatorGroup, ComparisonKind, Indicator, Value
from indicators.models.value import FRACTION_SCALES
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
    scales = {
        pk: FRACTION_SCALES[unit]
        for pk, unit in scope.values_list("pk", "unit")
        if unit in FRACTION_SCALES
    }
    period_ids = None if periods is None else [getattr(p, "pk", p) for p in periods]
    groups = dict(ComparatorGroup.objects.values_list("pk", "kind"))
    result = Refresh()
    ids = sorted(polarity)
    with transaction.atomic():
        for start in range(0, len(ids), INDICATORS_PER_BATCH):
            batch = ids[start : start + INDICATORS_PER_BATCH]
            wanted = _compute(batch, period_ids, polarity, scales, groups)
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


# Values whose numerator and denominator are both known: a share or rate can be pooled.
KNOWN_FRACTION = Q(numerator__isnull=False, denominator__isnull=False)
FRACTION_SUMS = {
    "known": Count("pk", filter=KNOWN_FRACTION),
    "numerators": Sum("numerator", filter=KNOWN_FRACTION, output_field=FIGURE),
    "denominators": Sum("denominator", filter=KNOWN_FRACTION, output_field=FIGURE),
}


def _average(row, scales):
    """The pooled share or rate where every member's numerator and denominator are known,
    else the mean of the members' values (rules.averages.pooled and mean)."""
    scale = scales.get(row["indicator_id"])
    if scale and row["known"] == row["n"] and row["denominators"]:
        return row["numerators"] / row["denominators"] * scale
    return row["mean"]


def _compute(indicator_ids, period_ids, polarity, scales, groups):
    """{(group_id, indicator_id, period_id): (figure, n)} for one batch of indicators."""
    wanted = {}
    by_kind = defaultdict(list)
    for group_id, kind in groups.items():
        by_kind[kind].append(group_id)
    values = _values(indicator_ids, period_ids)

    if by_kind[ComparisonKind.NATIONAL]:
        for row in values.values("indicator_id", "period_id").annotate(
            mean=Avg("value", output_field=FIGURE), n=Count("value"), **FRACTION_SUMS
        ):
            for group_id in by_kind[ComparisonKind.NATIONAL]:
                key = (group_id, row["indicator_id"], row["period_id"])
                wanted[key] = (stored(_average(row, scales)), row["n"])

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
                **FRACTION_SUMS,
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
                figure = _average(row, scales)
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
    for pk, group_id, indicator_id, period_id, figure, source, computed in existing.values_list(
        "pk", "comparator_group_id", "indicator_id", "period_id", "value", "source", "computed"
    ).order_by():
        key = (group_id, indicator_id, period_id)
        if not (computed or source.startswith(SOURCE_PREFIX)):
            # A figure a paper printed is kept as published, never overwritten.
            if wanted.pop(key, None) is not None:
                result.kept_published += 1
            continue
        if key not in wanted:
            to_delete.append(pk)
            continue
        new_figure, n = wanted.pop(key)
        new_source = computed_source(n)
        if figure == new_figure and source == new_source and computed:
            result.unchanged += 1
        else:
            to_update.append(
                BenchmarkValue(pk=pk, value=new_figure, source=new_source, computed=True)
            )

    if to_delete:
        for start in range(0, len(to_delete), 5_000):
            chunk = to_delete[start : start + 5_000]
            delete_rows(BenchmarkValue.objects.filter(pk__in=chunk))
        result.deleted += len(to_delete)
    if to_update:
        BenchmarkValue.objects.bulk_update(
            to_update, ["value", "source", "computed"], batch_size=1_000
        )
        result.updated += len(to_update)
    if wanted:
        # Computed from approved figures only, so published as they are computed.
        columns = [
            "comparator_group_id",
            "indicator_id",
            "period_id",
            "value",
            "source",
            "computed",
        ]
        blank = ["printed", "printed_period_label", "note", "published_quirk", "workflow"]
        rows = (
            (g, i, p, figure, computed_source(n), True, "", "", "", "", "approved")
            for (g, i, p), (figure, n) in wanted.items()
        )
        result.created += insert_rows(BenchmarkValue, columns + blank, rows)
