"""Reporting periods: labels in the councils' own style, parsing them back, and shifting.

Labels follow Durham's Appendix 3 ("Apr - Jun 2017", "As at Jun 2017", "2015/16 ac yr",
"2013/14 - 2015/16") and Norfolk's terms ("Aut 17-18"). Financial years run 1 Apr-31 Mar
(Q1 = Apr-Jun, Q4 = Jan-Mar); academic years 1 Sep-31 Aug.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    TERM = "term"
    SNAPSHOT = "snapshot"
    ROLLING = "rolling"
    MULTI_YEAR_POOL = "multi_year_pool"
    YEAR_TO_DATE = "year_to_date"
    CUMULATIVE = "cumulative"

    @property
    def label_noun(self) -> str:
        return self.value.replace("_", " ")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {name.lower(): i for i, name in enumerate(_MONTHS, start=1)}
# Full names spelled out: calendar.month_name follows the process locale.
_FULL_MONTHS = (
    "january february march april may june july august september october november december"
)
_MONTH_NUMBERS.update({name: i for i, name in enumerate(_FULL_MONTHS.split(), start=1)})
_MONTH_NUMBERS["sept"] = 9  # Durham action plans print "Sept 16"

# Terms as Norfolk's exclusions tables use them (seeds-stockton-norfolk.md §2.5):
# (abbreviation, first month, years after the academic year's start).
_TERMS = (("Aut", 9, 0), ("Spr", 1, 1), ("Sum", 5, 1))
_QUARTER_STARTS = (1, 4, 7, 10)

# Steps back to "the period before", in months.
_DEFAULT_STEPS = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.FINANCIAL_YEAR: 12,
    PeriodKind.ACADEMIC_YEAR: 12,
    PeriodKind.TERM: 4,  # Sep-Dec, Jan-Apr, May-Aug: every term is four months long
    PeriodKind.SNAPSHOT: 3,  # the previous quarter end, as Durham's quarterly stock counts
    PeriodKind.ROLLING: 12,  # the window a year earlier, not an overlapping one
    PeriodKind.MULTI_YEAR_POOL: 12,  # 2013/14 - 2015/16 -> 2012/13 - 2014/15
    PeriodKind.YEAR_TO_DATE: 1,
    PeriodKind.CUMULATIVE: 3,
}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _is_month_end(d: date) -> bool:
    return d == _month_end(d.year, d.month)


def _add_months(d: date, months: int) -> date:
    """Move d by whole months; a month's last day stays on the last day (31 Mar -> 30 Jun)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if _is_month_end(d):
        return _month_end(year, month)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_after(d: date, months: int) -> tuple[int, int]:
    """(year, month) of the month `months` after d's month."""
    shifted = _add_months(date(d.year, d.month, 1), months)
    return shifted.year, shifted.month


def _fy_start_year(d: date) -> int:
    return d.year if d.month >= 4 else d.year - 1


def _year_pair(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def _month_year(d: date) -> str:
    return f"{_MONTHS[d.month - 1]} {d.year}"


def financial_year_of(d: date) -> str:
    """The financial year (1 Apr-31 Mar) containing d, as "2017/18"."""
    return _year_pair(_fy_start_year(d))


def _month_aligned(start: date, end: date) -> bool:
    return start.day == 1 and _is_month_end(end)


def _term_start_year(start: date) -> int | None:
    """The first calendar year of the academic year whose term starts on start's month."""
    for _, month, offset in _TERMS:
        if start.month == month:
            return start.year - offset
    return None


def _fits(kind: PeriodKind, start: date, end: date) -> bool:
    if start > end:
        return False
    if kind == PeriodKind.MONTH:
        return start.day == 1 and end == _month_end(start.year, start.month)
    if kind == PeriodKind.QUARTER:
        return (
            start.day == 1
            and start.month in _QUARTER_STARTS
            and end == _month_end(*_month_after(start, 2))
        )
    if kind == PeriodKind.FINANCIAL_YEAR:
        return start == date(start.year, 4, 1) and end == date(start.year + 1, 3, 31)
    if kind == PeriodKind.ACADEMIC_YEAR:
        return start == date(start.year, 9, 1) and end == date(start.year + 1, 8, 31)
    if kind == PeriodKind.TERM:
        return (
            start.day == 1
            and _term_start_year(start) is not None
            and end == _month_end(*_month_after(start, 3))
        )
    if kind == PeriodKind.SNAPSHOT:
        return start == end
    if kind == PeriodKind.MULTI_YEAR_POOL:
        return (
            start == date(start.year, 4, 1)
            and end.month == 3
            and end.day == 31
            and (end.year - start.year >= 2)
        )
    if kind == PeriodKind.YEAR_TO_DATE:
        fy_start = date(_fy_start_year(start), 4, 1)
        return start == fy_start and _is_month_end(end) and end < date(fy_start.year + 1, 4, 1)
    return True  # ROLLING and CUMULATIVE: any window


def check_period(kind: PeriodKind | str, start: date, end: date) -> None:
    """Raise ValueError unless start..end is a whole period of this kind."""
    kind = PeriodKind(kind)
    if not _fits(kind, start, end):
        raise ValueError(f"{start.isoformat()} to {end.isoformat()} is not a {kind.label_noun}")


def period_label(kind: PeriodKind | str, start: date, end: date) -> str:
    """The label as the papers print it, e.g. "Apr - Jun 2017" or "2015/16 ac yr"."""
    kind = PeriodKind(kind)
    check_period(kind, start, end)
    if kind == PeriodKind.MONTH:
        return _month_year(start)
    if kind == PeriodKind.QUARTER:
        return f"{_MONTHS[start.month - 1]} - {_MONTHS[end.month - 1]} {end.year}"
    if kind == PeriodKind.FINANCIAL_YEAR:
        return _year_pair(start.year)
    if kind == PeriodKind.ACADEMIC_YEAR:
        return f"{_year_pair(start.year)} ac yr"
    if kind == PeriodKind.TERM:
        first = _term_start_year(start)
        name = next(name for name, month, _ in _TERMS if month == start.month)
        return f"{name} {first % 100:02d}-{(first + 1) % 100:02d}"
    if kind == PeriodKind.SNAPSHOT:
        if _is_month_end(start):
            return f"As at {_month_year(start)}"
        return f"As at {start.day} {_month_year(start)}"
    if kind == PeriodKind.MULTI_YEAR_POOL:
        return f"{_year_pair(start.year)} - {_year_pair(end.year - 1)}"
    if kind == PeriodKind.YEAR_TO_DATE:
        return f"{_year_pair(start.year)} to {_month_year(end)}"
    # ROLLING and CUMULATIVE. Windows that do not start and end on month boundaries
    # (e.g. a lagged re-offending cohort) are labelled with days.
    if not _month_aligned(start, end):
        return f"{start.day} {_month_year(start)} - {end.day} {_month_year(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return _month_year(end)
    if start.year == end.year:
        return f"{_MONTHS[start.month - 1]} - {_month_year(end)}"
    return f"{_month_year(start)} - {_month_year(end)}"


def shift_months(kind: PeriodKind | str, start: date, end: date, months: int) -> tuple[date, date]:
    """The same kind of period moved by whole months, month-end aware."""
    kind = PeriodKind(kind)
    check_period(kind, start, end)
    new_start, new_end = _add_months(start, months), _add_months(end, months)
    if not _fits(kind, new_start, new_end):
        raise ValueError(
            f"moving a {kind.label_noun} by {months} months does not give a {kind.label_noun}"
        )
    return new_start, new_end


def same_period_last_year(kind: PeriodKind | str, start: date, end: date) -> tuple[date, date]:
    """Durham's "Data 12 months earlier": the same kind of period, 12 months back."""
    return shift_months(kind, start, end, -12)


def previous_period(
    kind: PeriodKind | str, start: date, end: date, step_months: int | None = None
) -> tuple[date, date]:
    """The period before this one (Norfolk's DOT compares with the previous period).

    Default steps: month 1, quarter 3, term 4 (the previous term), financial and academic
    year 12, snapshot 3, rolling windows and pools 12. A year to date keeps its 1 April
    start and ends one month earlier; a cumulative period keeps its start and ends
    step_months (default 3) earlier. Raises ValueError when no such earlier period exists.
    """
    kind = PeriodKind(kind)
    step = _DEFAULT_STEPS[kind] if step_months is None else step_months
    if step < 1:
        raise ValueError(f"step_months must be at least 1, not {step}")
    if kind in (PeriodKind.YEAR_TO_DATE, PeriodKind.CUMULATIVE):
        check_period(kind, start, end)
        new_end = _add_months(end, -step)
        if new_end < start:
            raise ValueError(
                f"there is no earlier {kind.label_noun} than {period_label(kind, start, end)!r}"
                f" ending {step} month(s) before it"
            )
        return start, new_end
    return shift_months(kind, start, end, -step)


_MON = r"([a-z]{3,9})\.?"
_YEAR = r"(\d{4}|\d{2})"
_PATTERNS = (
    ("ytd", re.compile(rf"^(\d{{4}})/(\d{{2}}) to {_MON} {_YEAR}$")),
    ("pool", re.compile(r"^(\d{4})/(\d{2}) ?- ?(\d{4})/(\d{2})$")),
    ("academic", re.compile(r"^(\d{4})/(\d{2}) (?:ac\.? ?yr\.?|academic year)$")),
    ("financial", re.compile(r"^(\d{4})[/-](\d{2})$")),
    ("term", re.compile(r"^(aut|spr|sum)[a-z]* (\d{2}) ?- ?(\d{2})$")),
    ("snapshot", re.compile(rf"^as at (?:(\d{{1,2}}) )?{_MON} {_YEAR}$")),
    ("days", re.compile(rf"^(\d{{1,2}}) {_MON} (\d{{4}}) ?- ?(\d{{1,2}}) {_MON} (\d{{4}})$")),
    ("months", re.compile(rf"^{_MON}(?: {_YEAR})? ?[-/] ?{_MON} {_YEAR}$")),
    ("month", re.compile(rf"^{_MON}[ -]?{_YEAR}$")),
)
_STATUS_SUFFIX = re.compile(r"\s*\((?:final|provisional|revised)\)\s*$", re.IGNORECASE)


def _month(name: str) -> int:
    try:
        return _MONTH_NUMBERS[name]
    except KeyError:
        raise ValueError(f"{name!r} is not a month") from None


def _year(digits: str) -> int:
    # Two-digit years ("Jul 16", "Aut 17-18") are all this century in the papers.
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _first_of_pair(first: str, second: str) -> int:
    year = int(first)
    if int(second) != (year + 1) % 100:
        raise ValueError(f"{first}/{second} is not one year and the next")
    return year


def _read(
    kind: str, g: tuple[str | None, ...], default_day: int | None
) -> tuple[PeriodKind, date, date]:
    if kind == "ytd":
        fy = _first_of_pair(g[0], g[1])
        end = _month_end(_year(g[3]), _month(g[2]))
        return PeriodKind.YEAR_TO_DATE, date(fy, 4, 1), end
    if kind == "pool":
        first, last = _first_of_pair(g[0], g[1]), _first_of_pair(g[2], g[3])
        if last <= first:
            raise ValueError("a pool of years must run from an earlier year to a later one")
        return PeriodKind.MULTI_YEAR_POOL, date(first, 4, 1), date(last + 1, 3, 31)
    if kind == "academic":
        first = _first_of_pair(g[0], g[1])
        return PeriodKind.ACADEMIC_YEAR, date(first, 9, 1), date(first + 1, 8, 31)
    if kind == "financial":
        first = _first_of_pair(g[0], g[1])
        return PeriodKind.FINANCIAL_YEAR, date(first, 4, 1), date(first + 1, 3, 31)
    if kind == "term":
        first = _year(g[1])
        if int(g[2]) != (first + 1) % 100:
            raise ValueError(f"{g[1]}-{g[2]} is not one academic year")
        _, month, offset = next(t for t in _TERMS if t[0].lower() == g[0])
        start = date(first + offset, month, 1)
        return PeriodKind.TERM, start, _month_end(*_month_after(start, 3))
    if kind == "snapshot":
        year, month = _year(g[2]), _month(g[1])
        day = g[0] or default_day
        when = _month_end(year, month) if day is None else date(year, month, int(day))
        return PeriodKind.SNAPSHOT, when, when
    if kind == "days":
        start = date(int(g[2]), _month(g[1]), int(g[0]))
        end = date(int(g[5]), _month(g[4]), int(g[3]))
        return PeriodKind.ROLLING, start, end
    if kind == "months":
        m1, m2, y2 = _month(g[0]), _month(g[2]), _year(g[3])
        if g[1] is None and m1 > m2:
            raise ValueError("the first month has no year and comes after the second")
        y1 = y2 if g[1] is None else _year(g[1])
        start, end = date(y1, m1, 1), _month_end(y2, m2)
        if _fits(PeriodKind.QUARTER, start, end):
            return PeriodKind.QUARTER, start, end
        return PeriodKind.ROLLING, start, end
    # kind == "month"
    year, month = _year(g[1]), _month(g[0])
    return PeriodKind.MONTH, date(year, month, 1), _month_end(year, month)


def parse_period_label(label: str, default_day: int | None = None) -> tuple[PeriodKind, date, date]:
    """Read a printed period label into (kind, start, end).

    Status suffixes "(final)", "(provisional)" and "(revised)" are ignored. A month range
    that is exactly a financial quarter reads as a QUARTER, any other as ROLLING (a
    CUMULATIVE period prints like a rolling one; callers who know better override the
    kind). default_day is the day used for "As at Jun 2017"; None means the month end.
    """
    text = _STATUS_SUFFIX.sub("", label or "")
    text = re.sub(r"[\u2012\u2013\u2014\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        try:
            kind_, start, end = _read(kind, match.groups(), default_day)
        except ValueError as error:  # includes impossible dates: "As at 31 Jun 2017"
            raise ValueError(f"Cannot read period label {label!r}: {error}") from None
        if not _fits(kind_, start, end):  # e.g. "2018/19 to May 2019" runs past the year
            raise ValueError(
                f"Cannot read period label {label!r}: it is not a whole {kind_.label_noun}"
            )
        return kind_, start, end
    raise ValueError(
        f"Cannot read period label {label!r}: expected a form such as 'Apr - Jun 2017', "
        "'As at Jun 2017', '2016/17', '2015/16 ac yr', '2013/14 - 2015/16', "
        "'Jul 16 - Jun 17', 'Apr 2018', 'Aut 17-18' or '2018/19 to Apr 2018'"
    )
