"""When a figure is too old to count as current (issue 13).

A committee dashboard shows each indicator's latest published value as at its date; an
annual measure last published for 2016/17 still shows on a 2024 dashboard. Such a figure is
kept on the row (members see the last known position) but marked "Old figure" and left
out of the summary counts and the exception criteria: it says nothing about performance
now.

A figure is old when its period ended more than the indicator's frequency allows before
the dashboard's date. The defaults allow for publication lag: a month's figure three
months, a quarter's six, a term's twelve, an annual figure two years (national data sets
such as school attainment or health outcomes come a year or more after the year they
cover). Occasional measures (inspections, surveys) are never old: they stand until the next
one. Settings override any of them (SCRUTINY_STALE_AFTER_MONTHS, "annual=36,monthly=4").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

DEFAULT_STALE_AFTER_MONTHS = {"monthly": 3, "quarterly": 6, "termly": 12, "annual": 24}


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from one date to a later one (31 Mar to 30 Jun is 3)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    # 31 Mar -> 30 Jun counts 3: a month-end to a month-end is a whole month.
    if later.day < earlier.day and not _month_end(later):
        months -= 1
    return months


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def stale_limits(overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """The months allowed per frequency: the defaults with any overrides."""
    return {**DEFAULT_STALE_AFTER_MONTHS, **(overrides or {})}


def parse_limits(text: str) -> dict[str, int]:
    """'annual=36, monthly=4' -> {"annual": 36, "monthly": 4}; ValueError naming the part."""
    limits = {}
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        frequency, _, months = part.partition("=")
        frequency = frequency.strip().lower()
        if frequency not in DEFAULT_STALE_AFTER_MONTHS or not months.strip().isdigit():
            raise ValueError(
                f"{part!r}: expected FREQUENCY=MONTHS with a frequency of "
                f"{', '.join(DEFAULT_STALE_AFTER_MONTHS)}"
            )
        limits[frequency] = int(months)
    return limits


def is_stale(
    frequency: str, period_end: date, as_of: date | None, limits: Mapping[str, int]
) -> bool:
    """True when a figure for a period ending period_end is too old to count as current on
    a dashboard dated as_of (None: no date, never old). Frequencies without a limit
    (occasional) are never old."""
    allowed = limits.get(frequency)
    if as_of is None or allowed is None or period_end >= as_of:
        return False
    return months_between(period_end, as_of) > allowed
