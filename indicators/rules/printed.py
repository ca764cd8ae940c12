"""Reading values exactly as the committee papers print them.

The portal keeps what was published and validates it rather than correcting it silently,
so a parse keeps the decoration (markers, ranks, bounds, decimal places) beside the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .types import TargetKind, TargetSpec

# Durham Appendix 3 prints "No Data", "New PI" and "NA" for missing comparators and
# "Tracker" for no target; Norfolk prints "-" for "not available".
_TOKENS = {
    "no data": "No Data",
    "new pi": "New PI",
    "na": "NA",
    "n/a": "NA",
    "tracker": "Tracker",
    "-": "-",
}
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
_SINGLE = re.compile(rf"^({_NUMBER}) ?(%?)$")
_RANGE = re.compile(rf"^({_NUMBER}) ?(%?) ?- ?({_NUMBER}) ?(%?)$")
# Stockton: "94(2nd)", "96(=3rd)" and, with a stray space, "89 (1st)".
_RANK = re.compile(r" ?\( ?(=?) ?(\d+) ?(?:st|nd|rd|th) ?\)$", re.IGNORECASE)
_MARKER = re.compile(r"(\*{1,2})$")
_BOUND = re.compile(r"^(<=|>=|<|>) ?")


@dataclass(frozen=True)
class PrintedValue:
    value: Decimal | None
    token: str = ""  # "No Data", "New PI", "NA", "Tracker", "-" when no number
    # Durham Appendix 3: "*" marks a North East figure, "**" nearest neighbours.
    marker: str = ""
    percent_sign: bool = False
    rank: int | None = None
    rank_tied: bool = False
    bound: str = ""  # "<", ">", "<=", ">=" for targets such as "<20%", ">86%"
    upper: Decimal | None = None  # upper end of a range such as "80-100%"
    decimals: int | None = None  # decimal places as printed: "66.0" -> 1, "69" -> 0

    @property
    def is_number(self) -> bool:
        return self.value is not None

    def as_target(self) -> TargetSpec | None:
        """The target a "Period target" cell states; None when it states none.

        Norfolk's dashboard prints "<20%" and ">86%" (strict bounds); Durham prints
        "Tracker" for no target and ranges such as "80-100% By Mar 2018".
        """
        if self.token == "Tracker":
            return TargetSpec.tracker()
        if self.value is None:
            return None
        if self.upper is not None:
            return TargetSpec(TargetKind.RANGE, self.value, self.upper)
        if self.bound:
            kind = TargetKind.AT_MOST if self.bound.startswith("<") else TargetKind.AT_LEAST
            return TargetSpec(kind, self.value, inclusive=self.bound.endswith("="))
        return TargetSpec(TargetKind.VALUE, self.value)


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2212", "-")  # NBSP; Unicode minus
    text = text.replace("≤", "<=").replace("≥", ">=")
    return re.sub(r"\s+", " ", text).strip()


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))


def _places(fraction: str | None) -> int:
    return len(fraction) if fraction else 0


def parse_printed(text: str) -> PrintedValue:
    """Parse a printed cell such as "8.8*", "14.7%", "1,876", "96(=3rd)", "<20%" or "No Data".

    Raises ValueError naming the text when it is not a number or a known token, e.g.
    "c.85%" (an approximation in a report card's prose) or "12..5".
    """
    original = text
    text = _normalise(text or "")
    if not text:
        return PrintedValue(None)
    token = _TOKENS.get(text.lower()) or ("-" if text in ("\u2013", "\u2014") else None)
    if token:
        return PrintedValue(None, token=token)

    marker = rank = ""
    tied = False
    if found := _MARKER.search(text):
        marker, text = found.group(1), text[: found.start()].rstrip()
    if found := _RANK.search(text):
        tied, rank, text = found.group(1) == "=", found.group(2), text[: found.start()]
    bound = ""
    if found := _BOUND.match(text):
        bound, text = found.group(1), text[found.end() :]

    if found := _SINGLE.match(text):
        number, fraction, percent = found.groups()
        return PrintedValue(
            _decimal(number),
            marker=marker,
            percent_sign=bool(percent),
            rank=int(rank) if rank else None,
            rank_tied=tied,
            bound=bound,
            decimals=_places(fraction),
        )
    if (found := _RANGE.match(text)) and not bound and not rank:
        low, low_fraction, low_percent, high, _, high_percent = found.groups()
        lower, upper = _decimal(low), _decimal(high)
        if upper < lower:
            raise ValueError(f"{original!r} is a range with its ends the wrong way round")
        return PrintedValue(
            lower,
            marker=marker,
            percent_sign=bool(low_percent or high_percent),
            upper=upper,
            decimals=_places(low_fraction),
        )
    raise ValueError(
        f"{original!r} is not a number: expected a number such as '9.1', '14.7%', '1,876', "
        "'8.8*', '94(2nd)', '<20%' or '80-100%', or one of 'No Data', 'New PI', 'NA', "
        "'Tracker', '-'"
    )
