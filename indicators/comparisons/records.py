"""What a comparison reads from each source, as immutable records: one type per source.

The loader (load.py) builds them from plain rows rather than model instances: a
comparison reads a few fields of each, and a dashboard reads hundreds.
"""

from decimal import Decimal
from typing import NamedTuple

from indicators.models import ComparatorGroup, Period
from indicators.rules.types import TargetKind, TargetSpec


class Earlier(NamedTuple):
    """A value 12 months or one period earlier (of Value)."""

    value: Decimal | None
    printed: str
    period_label: str
    published_quirk: str


class TargetFigure(NamedTuple):
    """A target, or Tracker (of Target); Target.choose picks among them by period."""

    pk: int
    period_id: int | None
    period: Period | None
    kind: str
    value: Decimal | None
    upper: Decimal | None
    inclusive: bool
    display: str  # Target.display: as printed, else at the indicator's precision
    published_quirk: str

    def as_rule(self):
        return TargetSpec(TargetKind(self.kind), self.value, self.upper, self.inclusive)


class Thresholds(NamedTuple):
    """A council's Red and Green tolerances (of Tolerance)."""

    red: Decimal | None
    green: Decimal | None
    published_quirk: str


class Benchmark(NamedTuple):
    """A benchmark: one a council's paper printed, or one computed for a comparator group
    (of BenchmarkValue)."""

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


class PrintedComparison(NamedTuple):
    """What the paper printed for one comparison of a value (of PublishedComparison)."""

    value_id: int
    kind: str
    comparator_group_id: int | None
    comparator_group: ComparatorGroup | None
    published_rating: str
    published_direction: str
    printed_rating: str
    printed_comparator: str
    not_comparable: bool
    not_comparable_reason: str


def benchmark_period_label(printed_label, period):
    # BenchmarkValue.period_label: an undated benchmark is "Latest available".
    return printed_label or (period.label if period is not None else "Latest available")
