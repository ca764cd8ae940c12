"""Reading one cell of a return: a figure, a period, a status. No database."""

from __future__ import annotations

import string
import unicodedata
from decimal import Decimal

from indicators.rules.periods import PeriodKind
from indicators.rules.printed import parse_printed

# The period kinds an indicator of each reporting frequency may be given for. Durham's
# quarterly indicators are reported as the quarter, a snapshot "As at Jun 2017", a rolling
# year "Jul 2016 - Jun 2017" or a cumulative period (seed data, Appendix 3).
FREQUENCY_KINDS = {
    "monthly": {"month", "snapshot", "rolling", "year_to_date", "cumulative"},
    "quarterly": {"quarter", "snapshot", "rolling", "year_to_date", "cumulative"},
    "termly": {"term", "snapshot", "rolling"},
    "annual": {
        "financial_year",
        "academic_year",
        "multi_year_pool",
        "snapshot",
        "rolling",
        "cumulative",
    },
    "occasional": {kind.value for kind in PeriodKind},
}

# The frequency whose indicators are due in a return for a period of this kind.
RETURN_FREQUENCY = {
    "month": "monthly",
    "quarter": "quarterly",
    "term": "termly",
    "financial_year": "annual",
    "academic_year": "annual",
}

ASCII_DIGITS = frozenset(string.digits)
STATUSES = {"": "final", "final": "final", "provisional": "provisional", "revised": "revised"}


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the officer's terms."""


def period_fits_frequency(frequency: str, kind: str) -> bool:
    return kind in FREQUENCY_KINDS.get(frequency, set())


def read_figure(text, unit: str, unit_label: str, ref: str) -> Decimal | None:
    """A figure typed by an officer: "54.3", "1,876", "14.7%". Blank gives None.

    Rejects what the papers print but a return must not contain: approximations ("c.85%"),
    tokens ("No Data": leave the cell blank), a % sign on a count ("7100.0%", Durham's typo).
    """
    text = "" if text is None else str(text).strip()
    if not text:
        return None
    hidden = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf")), None)
    if hidden is not None:
        raise CellError(
            f"{text!r} contains a hidden character (U+{ord(hidden):04X}"
            f"{' ' + unicodedata.name(hidden) if unicodedata.name(hidden, '') else ''}): "
            "type the figure again"
        )
    if any(c.isdigit() and c not in ASCII_DIGITS for c in text):
        raise CellError(f"{text!r} uses digits other than 0-9: type the figure with 0 to 9")
    try:
        parsed = parse_printed(text)
    except ValueError:
        raise CellError(f"{text!r} is not a number (give digits only, e.g. 54.3)") from None
    if parsed.token:
        raise CellError(f"{text!r} is not a number: leave the cell blank when there is none")
    if parsed.marker or parsed.rank or parsed.bound or parsed.upper is not None:
        raise CellError(f"{text!r} is not a single number (give digits only, e.g. 54.3)")
    if parsed.percent_sign and unit != "percent":
        raise CellError(
            f"{text!r} has a % sign but {ref} is a {unit_label.lower()}, not a percentage"
        )
    value = parsed.value
    if value == 0 and value.is_signed():
        raise CellError(f"{text!r} is a negative zero: give 0")
    if value.as_tuple().exponent < -8 or abs(value) >= Decimal(10) ** 12:
        raise CellError(f"{text!r} has more digits than a figure can hold (8 decimal places)")
    return value


def read_status(text) -> str:
    key = ("" if text is None else str(text)).strip().lower()
    if key not in STATUSES:
        raise CellError(f"{text!r} is not a status: give provisional or final")
    return STATUSES[key]


def change_share(previous: Decimal | None, new: Decimal | None) -> Decimal | None:
    """How far new moved from previous, as a share of previous (0.25 = 25%)."""
    if previous is None or new is None or previous == 0:
        return None
    return abs(new - previous) / abs(previous)
