"""Year to date: a financial year's figure so far (1 April to the end of a month), worked
out from the monthly figures where the indicator says how.

Norfolk's MI county table prints "YTD" and "Previous YTD" beside each in-month measure
(seeds-stockton-norfolk.md §2.6). Those it printed are stored as values on year-to-date
periods and shown as published; for the months after, the YTD is computed here from the
stored months, so an officer's next return shows one without anyone typing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .periods import _fy_start_year, _month_end
from .types import Number, to_decimal


class YearToDateMethod(StrEnum):
    # None: the year to date cannot be worked out from the months (a percentage needs its
    # numerators and denominators; a stock count is not additive). Only stored ones show.
    NONE = "none"
    SUM = "sum"  # in-month counts: contacts, referrals, admissions
    MEAN = "mean"  # the average of the months, for measures defined as a monthly average
    LATEST = "latest"  # rolling or cumulative measures: the latest month already is the YTD


def year_to_date_span(month_end: date) -> tuple[date, date]:
    """(start, end) of the year to date ending with month_end's month: 1 April of its
    financial year to that month's last day."""
    end = _month_end(month_end.year, month_end.month)
    return date(_fy_start_year(end), 4, 1), end


def months_to_date(month_end: date) -> list[tuple[int, int]]:
    """The (year, month) of each month of the year to date, April first."""
    start, end = year_to_date_span(month_end)
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def year_to_date(
    method: YearToDateMethod | str, figures: Sequence[Number | None]
) -> Decimal | None:
    """The year to date from every month's figure so far, April first, unrounded; None
    when the method is none, there are no months, or any month is missing (a YTD over
    some of the months would read as the whole year's)."""
    method = YearToDateMethod(method)
    numbers = [to_decimal(f) for f in figures]
    if method == YearToDateMethod.NONE or not numbers or any(n is None for n in numbers):
        return None
    if method == YearToDateMethod.SUM:
        return sum(numbers, Decimal(0))
    if method == YearToDateMethod.MEAN:
        return sum(numbers, Decimal(0)) / len(numbers)
    return numbers[-1]
