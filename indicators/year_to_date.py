"""Each indicator's financial year to date at a month: the stored year-to-date value (as
published, with its printed form) or, where none is stored and the indicator says how
(Indicator.year_to_date), worked out from its monthly values by
indicators.rules.year_to_date. Two queries, however many indicators."""

from dataclasses import dataclass
from decimal import Decimal

from indicators.models import Value
from indicators.rules.periods import PeriodKind, period_label
from indicators.rules.year_to_date import (
    YearToDateMethod,
    months_to_date,
    year_to_date,
    year_to_date_span,
)


@dataclass(frozen=True)
class YearToDate:
    value: Decimal | None
    printed: str  # as published; empty when computed
    period_label: str  # "2018/19 to Apr 2018"
    method: str = ""  # how it was computed from the months; empty when stored

    @property
    def computed(self):
        return bool(self.method)


def years_to_date(authority, indicators, month_end, visible=None, computable=None):
    """{indicator id: YearToDate} for the council-wide year to date ending with month_end's
    month; indicators with neither a stored value nor a way to compute one are left out.
    visible: the values to read (published by default: what members see); computable: the
    ids of the indicators that may be computed (all by default)."""
    visible = Value.objects.published() if visible is None else visible
    start, end = year_to_date_span(month_end)
    label = period_label(PeriodKind.YEAR_TO_DATE, start, end)
    indicators = list(indicators)
    values = visible.filter(authority=authority, area__isnull=True)
    found = {}
    for v in values.filter(
        indicator__in=indicators,
        period__kind=PeriodKind.YEAR_TO_DATE,
        period__start=start,
        period__end=end,
    ).select_related("period"):
        found[v.indicator_id] = YearToDate(v.value, v.printed, v.period_label)
    to_compute = [
        i
        for i in indicators
        if i.pk not in found
        and i.year_to_date != YearToDateMethod.NONE
        and (computable is None or i.pk in computable)
    ]
    if not to_compute:
        return found
    months = months_to_date(end)
    by_month = {
        (indicator_id, (period_end.year, period_end.month)): figure
        for indicator_id, period_end, figure in values.filter(
            indicator__in=to_compute,
            period__kind=PeriodKind.MONTH,
            period__start__gte=start,
            period__end__lte=end,
        ).values_list("indicator_id", "period__end", "value")
    }
    for indicator in to_compute:
        figures = [by_month.get((indicator.pk, month)) for month in months]
        figure = year_to_date(indicator.year_to_date, figures)
        if figure is not None:
            found[indicator.pk] = YearToDate(figure, "", label, indicator.year_to_date)
    return found
