"""The statistical verdicts of a value beside its council's own rating: its confidence
interval, significance against each benchmark, the recent trend and SPC (the methods are
pure rules in indicators/rules: intervals, significance, trend, spc).

`StatisticsFinder` reads every series it needs in one query (or takes the values it is
given), plus one for the SPC recalculation points, however many values it is asked about.
A value's series is its own council's published whole-authority values of the same kind
of period, up to and including its period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import NamedTuple

from .models import SpcRecalculation, Value
from .rules.intervals import Interval, interval
from .rules.significance import Significance, significance
from .rules.spc import SpcResult, spc
from .rules.trend import NOT_TESTED, TrendResult, recent_trend
from .rules.types import TargetKind

# Making Data Count charts monthly and quarterly series.
SPC_KINDS = {"month", "quarter"}


class SeriesPoint(NamedTuple):
    period_id: int
    start: object
    end: object
    label: str
    value: object
    numerator: object
    denominator: object


@dataclass
class Statistics:
    """One value's verdicts; `interval` at 95%, `interval_998` at 99.8%."""

    polarity: str
    interval: Interval | None = None
    interval_998: Interval | None = None
    trend: TrendResult = NOT_TESTED
    spc: SpcResult = field(default_factory=SpcResult)
    spc_series: list = field(default_factory=list)  # [SeriesPoint] the chart plots
    recalculations: list = field(default_factory=list)  # [SpcRecalculation] within it

    unit: str = ""

    def significance(self, benchmark_figure):
        """Against a benchmark's figure. A count is never tested: England's count is of
        another population, not an estimate of the council's."""
        if self.unit == "count":
            return Significance.UNTESTED
        return significance(self.interval, benchmark_figure, self.polarity)

    @property
    def variation(self):
        return self.spc.variation

    @property
    def assurance(self):
        return self.spc.assurance


def value_interval(value, level=95.0, indicator=None):
    """The value's interval at `level`: the 95% interval supplied with it (Fingertips'),
    kept as supplied, else one worked out from its numerator and denominator."""
    ind = indicator or value.indicator
    if level == 95.0 and value.lower_ci is not None and value.upper_ci is not None:
        return interval(
            ind.unit, level=level, supplied=(value.lower_ci, value.upper_ci)
        ).with_source(value.ci_source)
    if ind.allows_over_100 and ind.unit == "percent":
        return None  # not a proportion: a share above 100% has no binomial interval
    return interval(
        ind.unit,
        value=value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        level=level,
    )


def target_figure(target):
    """The figure SPC assurance reads from a value's target (ComparisonFinder.target_for):
    a number or a bound; none for a range or a Tracker."""
    if target is None or target.kind in (TargetKind.RANGE, TargetKind.TRACKER):
        return None
    return target.value


class StatisticsFinder:
    def __init__(self, values, series_values=None, as_of=None):
        """values: the values to judge (with .indicator, .period). series_values: all the
        values their series are made of, when the caller has them already (the open data
        export); else one query reads them."""
        self.values = values
        pairs = {(v.indicator_id, v.authority_id) for v in values if v.area_id is None}
        self.series = {}
        if series_values is not None:
            points = (
                (v.indicator_id, v.authority_id, v.period.kind, _point(v))
                for v in series_values
                if v.area_id is None
            )
        else:
            points = _load(pairs, as_of)
        for indicator_id, authority_id, kind, point in points:
            if (indicator_id, authority_id) in pairs:
                self.series.setdefault((indicator_id, authority_id, kind), []).append(point)
        for points_list in self.series.values():
            points_list.sort(key=lambda p: (p.end, p.start))
        self.recalculations = {}
        if pairs:
            found = SpcRecalculation.objects.filter(
                indicator_id__in={i for i, _ in pairs},
                authority_id__in={a for _, a in pairs},
            ).select_related("from_period")
            for r in found:
                self.recalculations.setdefault((r.indicator_id, r.authority_id), []).append(r)

    def statistics(self, value, target=None):
        """The value's verdicts; target: the figure its SPC assurance is judged against."""
        polarity = value.indicator.polarity
        stats = Statistics(
            polarity,
            interval=value_interval(value),
            interval_998=value_interval(value, 99.8),
            unit=value.indicator.unit,
        )
        if value.area_id is not None:
            return stats
        kind = value.period.kind
        series = [
            p
            for p in self.series.get((value.indicator_id, value.authority_id, kind), [])
            if p.end <= value.period.end
        ]
        if not series or series[-1].period_id != value.period_id:
            return stats
        stats.trend = recent_trend(
            [(p.numerator, p.denominator) for p in series if p.value is not None], polarity
        )
        if kind in SPC_KINDS:
            run = _consecutive(series)
            recalcs = [
                r
                for r in self.recalculations.get((value.indicator_id, value.authority_id), [])
                if run and run[0].end < r.from_period.end <= run[-1].end
            ]
            starts = [
                next(i for i, p in enumerate(run) if p.end >= r.from_period.end) for r in recalcs
            ]
            stats.spc = spc([p.value for p in run], polarity, target, recalculate_from=starts)
            stats.spc_series = run
            stats.recalculations = recalcs
        return stats


def _point(v):
    return SeriesPoint(
        v.period_id,
        v.period.start,
        v.period.end,
        v.period_label,
        v.value,
        v.numerator,
        v.denominator,
    )


def _load(pairs, as_of):
    if not pairs:
        return []
    values = (
        Value.objects.published()
        .whole_authority()
        .filter(indicator_id__in={i for i, _ in pairs}, authority_id__in={a for _, a in pairs})
    )
    if as_of is not None:
        values = values.begun_by(as_of)
    rows = values.values_list(
        "indicator_id",
        "authority_id",
        "period__kind",
        "period_id",
        "period__start",
        "period__end",
        "printed_period_label",
        "period__label",
        "value",
        "numerator",
        "denominator",
    )
    return (
        (i, a, kind, SeriesPoint(pid, start, end, printed or label, value, num, den))
        for i, a, kind, pid, start, end, printed, label, value, num, den in rows
    )


def _consecutive(series):
    """The latest unbroken run of the series: each period starting the day after the one
    before ends, with a figure. A gap or a missing figure would distort the moving ranges."""
    run = []
    for point in reversed(series):
        if point.value is None:
            break
        if run and point.end + timedelta(days=1) != run[-1].start:
            break
        run.append(point)
    return run[::-1]


__all__ = ["Significance", "Statistics", "StatisticsFinder", "target_figure", "value_interval"]
