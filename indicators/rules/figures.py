"""How a figure is written: the one formatter every page, export and officer screen uses.

Pure functions (no Django, no database), here rather than in `reports` so the officer
pages in `indicators` format through the same code as the member pages and exports.
"""

import functools
from decimal import ROUND_HALF_UP, Decimal

from .printed import parse_printed
from .types import TargetKind

# The rounding step for each number of decimal places, built once: a dashboard prints
# a few thousand figures.
_QUANTUMS = [Decimal(1).scaleb(-places) for places in range(10)]


def half_up(number, places):
    """The figure rounded as the councils round: half up (83.25 at 1 dp is 83.3), never
    Python's default half even. None for no figure."""
    if number is None:
        return None
    places = max(int(places or 0), 0)
    quantum = _QUANTUMS[places] if places < len(_QUANTUMS) else Decimal(1).scaleb(-places)
    if not isinstance(number, Decimal):
        number = Decimal(str(number))
    return number.quantize(quantum, rounding=ROUND_HALF_UP)


def figure(number, decimal_places=1):
    """83.2, 1,178, -3.4 at the given decimal places, rounded half up; "" for no figure."""
    if type(number) is Decimal and type(decimal_places) is int and number.is_finite():
        # Remembered: a dashboard writes ~2,800 figures, mostly the same few hundred
        # comparators again. The sign is in the key: -0.0 equals 0.0 but prints "-0.0".
        return _figure(number, decimal_places, number.is_signed())
    return _written(number, decimal_places)


@functools.lru_cache(maxsize=8192)
def _figure(number, decimal_places, _signed):
    return _written(number, decimal_places)


def _written(number, decimal_places):
    rounded = half_up(number, decimal_places)
    if rounded is None:
        return ""
    return f"{rounded:,.{max(int(decimal_places or 0), 0)}f}"


# Units written before the figure, and after it: money reads "£1,234" and, in thousands
# as councils' finance tables count it, "£1,234k"; a negative sum "-£1,234".
UNIT_PREFIX = {"pounds": "£", "pounds_000": "£"}
UNIT_AFTER_MONEY = {"pounds_000": "k"}


def with_money(text, unit):
    """A figure already written by figure() with its money unit; other units unchanged."""
    prefix = UNIT_PREFIX.get(unit)
    if not text or prefix is None:
        return text
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    return f"{sign}{prefix}{digits}{UNIT_AFTER_MONEY.get(unit, '')}"


def as_printed(number, printed, decimal_places):
    """A figure as a committee paper prints it: the paper's own printed form where there is
    one ("8.8*", "1522", "No Data"), else the figure at its decimal places, half up."""
    return printed or figure(number, decimal_places)


def number_format(text, decimal_places):
    """The spreadsheet number format that shows a figure as `text` writes it: at its decimal
    places, thousands separated only where the text is ("1,178"; a paper's "1522" stays
    1522), a percentage as the paper's figure with its sign (80.8%, not 0.808)."""
    places = "." + "0" * decimal_places if decimal_places else ""
    if text.endswith("%"):
        return f'0{places}"%"'
    unseparated = len(text.lstrip("-").partition(".")[0]) > 3 and "," not in text
    return f"{'0' if unseparated else '#,##0'}{places}"


def stored(number):
    """The figure exactly as stored, without the database's trailing zeros: 9.1, not
    9.10000000; 90, not 9E+1. For officers checking what they entered, and the open data."""
    if number is None:
        return ""
    if not isinstance(number, Decimal):
        number = Decimal(str(number))
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def exact(number):
    """The stored figure with thousands separators and no rounding (1,415; 12.5): a
    numerator, a denominator or a count, whatever its decimals."""
    text = stored(number)
    if not text:
        return ""
    places = len(text.partition(".")[2])
    return figure(Decimal(text), places)


@functools.lru_cache(maxsize=4096)
def printed_places(printed):
    """The decimal places of a figure as a paper printed it ("69.3" -> 1, "8.8*" -> 1,
    "<20%" -> 0); None where it prints no number ("Tracker", "No Data") or no printed form."""
    if not printed:
        return None
    try:
        parsed = parse_printed(printed)
    except ValueError:
        return None
    return parsed.decimals if parsed.is_number else None


def places_for(printed, default):
    """A figure's own precision: its printed decimals where a printed form exists, else the
    indicator's (`default`)."""
    places = printed_places(printed)
    return default if places is None else places


BOUND_SIGNS = {
    (TargetKind.AT_LEAST, True): ">=",
    (TargetKind.AT_LEAST, False): ">",
    (TargetKind.AT_MOST, True): "<=",
    (TargetKind.AT_MOST, False): "<",
}


def target_text(kind, value, upper=None, inclusive=True, decimal_places=0, percent=False):
    """A target as the councils print one: "85.0%", ">=86%", "80-100%", "Tracker", at the
    indicator's decimal places (a target entered without its printed form)."""
    if kind == TargetKind.TRACKER:
        return "Tracker"
    suffix = "%" if percent else ""
    if value is None:
        return ""
    if kind == TargetKind.RANGE:
        return f"{figure(value, decimal_places)}-{figure(upper, decimal_places)}{suffix}"
    sign = BOUND_SIGNS.get((kind, bool(inclusive)), "")
    return f"{sign}{figure(value, decimal_places)}{suffix}"
