"""Official statistics in: the Department for Education's Explore Education Statistics (EES)
tidy CSV and the OHID Fingertips data export, for every English council at once.

The format is told from the header row:
    EES         time_period, time_identifier, geographic_level, country_code, region_code,
                old_la_code, new_la_code, la_name, then filter and indicator columns
    Fingertips  Indicator ID, Area Code, Area Type, Time period, Value, Lower CI 95.0 limit,
                Upper CI 95.0 limit, Count, Denominator, Value note
UTF-8 (with or without a byte-order mark), else Windows-1252. The file's size, rows and
cells are bounded as an officer's upload is (officers/imports/reading.py).

Every council row is matched by ONS code (current, or a retired code with one successor:
North Yorkshire E10000023 is E06000065), else the DfE's old_la_code, else its name
(indicators/councils.py); councils of the list the portal lacks are added as comparators.
A retired code split between councils (Cumbria, Northamptonshire) is no current council's
figure: its rows are skipped and counted. England and region rows become the official
benchmark values of England and the regional groups (a computed figure gives way).
Suppressed cells (c, x, z, .., [c], [x], low, u, :) are stored with no figure and the marker
kept. A published figure is kept as published; numerator and denominator are stored beside
it, and a figure that differs from numerator / denominator beyond its published precision
is a warning, kept as a published quirk. Any rejected row refuses the whole file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from indicators.councils import (
    Council,
    Predecessor,
    english_councils,
    find_council,
    single_successor,
)
from indicators.models.value import FRACTION_SCALES
from indicators.rules.periods import PeriodKind

from .reading import MAX_CELL_CHARS, ImportFileError, _read_csv, check_size

SUPPRESSION_MARKERS = {"c", "x", "z", "..", "[c]", "[x]", "[z]", "[low]", "low", "u", ":"}
MAX_STATISTICS_COLUMNS = 200  # EES files carry a few dozen filters and indicators at most
EES = "Explore Education Statistics"
FINGERTIPS = "OHID Fingertips"
EES_COLUMNS = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "old_la_code",
    "new_la_code",
    "la_name",
]
FINGERTIPS_COLUMNS = ["Indicator ID", "Area Code", "Area Type", "Time period", "Value"]
# Fingertips' own columns for the count, the population and the 95% confidence interval it
# worked out, when not named otherwise.
FINGERTIPS_DEFAULTS = {
    "numerator": "Count",
    "denominator": "Denominator",
    "lower_ci": "Lower CI 95.0 limit",
    "upper_ci": "Upper CI 95.0 limit",
}


@dataclass
class Options:
    value: str
    numerator: str = ""
    denominator: str = ""
    where: dict = field(default_factory=dict)
    denominator_where: dict = field(default_factory=dict)
    snapshot: bool = False  # the figure is as at the period's end ("on 31 March")
    scale: int | None = None  # the indicator's unit: 100 for a percentage, 10,000 for a rate
    lower_ci: str = ""  # columns of a 95% confidence interval supplied with the figure
    upper_ci: str = ""


@dataclass
class Row:
    """One figure the file gives: where (council, England or a region), when, what."""

    number: int
    level: str  # "council", "national", "regional"
    code: str
    name: str
    span: tuple  # (kind, start, end)
    value: Decimal | None
    suppressed: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    places: int = 0  # decimal places as published
    lower_ci: Decimal | None = None  # the 95% interval as supplied
    upper_ci: Decimal | None = None
    council: Council | None = None
    warning: str = ""


@dataclass
class Statistics:
    format: str
    rows: list[Row] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, reason)
    skipped: Counter = field(default_factory=Counter)  # reason: rows
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def places(self):
        """The published precision: the most decimal places any figure was printed with."""
        return max((r.places for r in self.rows if r.value is not None), default=0)


def decode(data: bytes) -> bytes:
    """The file as UTF-8: a Windows-1252 file (Excel's "CSV" on Windows) is re-encoded."""
    try:
        data.decode("utf-8-sig")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is neither UTF-8 nor Windows-1252 text (byte {error.start + 1} cannot "
            "be read)."
        ) from None


def read_statistics(filename, data: bytes, options: Options, max_rows: int, max_bytes: int):
    """The file's figures as a Statistics, or ImportFileError for a file that cannot be read
    as either format at all."""
    if not (filename or "").lower().endswith(".csv"):
        raise ImportFileError(f"{filename!r} is not a CSV (.csv) file.")
    check_size(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError("The file is empty.")
    headings, records = _read_csv(decode(data), max_rows)
    headings = [h.strip() for h in headings]
    if len(headings) > MAX_STATISTICS_COLUMNS:
        raise ImportFileError(
            f"The file has {len(headings):,} columns; official statistics files have at most "
            f"{MAX_STATISTICS_COLUMNS}."
        )
    if not records:
        raise ImportFileError("The file has column headings but no rows.")
    lower = {h.lower(): i for i, h in reversed(list(enumerate(headings)))}
    if all(c in lower for c in EES_COLUMNS):
        kind = EES
    elif all(c.lower() in lower for c in FINGERTIPS_COLUMNS):
        kind = FINGERTIPS
        for name, column in FINGERTIPS_DEFAULTS.items():
            if not getattr(options, name) and column.lower() in lower:
                setattr(options, name, column)
    else:
        raise ImportFileError(
            "The file is not in a format the portal reads: an Explore Education Statistics "
            f"file has the columns {', '.join(EES_COLUMNS)}; an OHID Fingertips export has "
            f"{', '.join(FINGERTIPS_COLUMNS)}."
        )
    named = [options.value, options.numerator, options.denominator]
    named += [options.lower_ci, options.upper_ci]
    named += list(options.where) + list(options.denominator_where)
    missing = [c for c in named if c and c.lower() not in lower]
    if missing:
        raise ImportFileError(
            f"The file has no column {', '.join(map(repr, missing))}. Its columns: "
            f"{', '.join(headings)}."
        )
    result = Statistics(format=kind)
    tables = []
    for number, cells in records:
        text = {h: cells.get(i, "").strip() for h, i in lower.items()}
        too_long = [h for h, t in text.items() if len(t) > MAX_CELL_CHARS]
        if too_long:
            result.rejected.append(
                (number, too_long[0], f"a cell may hold at most {MAX_CELL_CHARS:,} characters")
            )
            continue
        tables.append((number, text))
    _figures(result, tables, options)
    return result


def _where_matches(text, where):
    return all(text.get(c.lower(), "") == v for c, v in where.items())


def _figures(result, tables, options):
    ees = result.format == EES
    geo_time = EES_COLUMNS if ees else ["area code", "time period", "area type"]
    keep = {**options.where}
    den_where = {**keep, **options.denominator_where}
    key_columns = [*geo_time, *(c.lower() for c in keep)]

    def key(text):
        return tuple(
            text.get(c, "") for c in key_columns if c not in _lower(options.denominator_where)
        )

    denominators = {}
    if options.denominator_where:
        for number, text in tables:
            if _where_matches(text, den_where):
                denominators.setdefault(key(text), (number, text))
    seen = {}
    for number, text in tables:
        if not _where_matches(text, keep):
            continue
        place = _ees_place(text) if ees else _fingertips_place(text)
        if place is None:
            result.skipped["other geographic levels"] += 1
            continue
        level, code, name = place
        try:
            span = _ees_span(text, options) if ees else _fingertips_span(text, options)
        except ValueError as error:
            result.rejected.append((number, "time_period" if ees else "Time period", str(error)))
            continue
        row = Row(number=number, level=level, code=code, name=name, span=span, value=None)
        if level == "council":
            found = find_council(code, name)
            council = single_successor(found)
            if council is None:
                if isinstance(found, Predecessor):
                    result.skipped[
                        f"{found.name} ({found.ons_code}), split in {found.until[:4]} between "
                        f"{' and '.join(english_councils()[s].name for s in found.successors)}"
                    ] += 1
                    continue
                result.rejected.append(
                    (
                        number,
                        "new_la_code" if ees else "Area Code",
                        f"no English council has the code {code!r} or the name {name!r}",
                    )
                )
                continue
            row.council = council
        if not ees and not text.get(options.value.lower(), ""):
            # Fingertips leaves Value blank where nothing is published (its Value note says
            # why); nothing to store.
            result.skipped["rows with no published value"] += 1
            continue
        problem = _read_figures(row, text, options)
        if problem:
            result.rejected.append((number, *problem))
            continue
        if options.denominator_where and options.denominator:
            found_den = denominators.get(key(text))
            if found_den is not None:
                figure = found_den[1].get(options.denominator.lower(), "")
                row.denominator, marker = _number(figure)
                if marker is None and row.denominator is None and figure:
                    result.rejected.append(
                        (found_den[0], options.denominator, f"{figure!r} is not a number")
                    )
                    continue
        who = row.council.ons_code if row.council else code
        identity = (row.level, who, span)
        if identity in seen:
            result.rejected.append(
                (
                    number,
                    options.value,
                    f"row {seen[identity]} already gives {name or code} for the same period; "
                    "choose one with --where COLUMN=VALUE",
                )
            )
            continue
        seen[identity] = number
        _check_fraction(row, options.scale)
        if row.warning:
            result.warnings.append((number, row.warning))
        result.rows.append(row)


def _lower(columns):
    return {c.lower() for c in columns}


def _ees_place(text):
    level = text.get("geographic_level", "").lower()
    if level == "national":
        return "national", text.get("country_code", ""), text.get("country_name", "England")
    if level == "regional":
        return "regional", text.get("region_code", ""), text.get("region_name", "")
    if level == "local authority":
        code = text.get("new_la_code", "") or text.get("old_la_code", "")
        return "council", code, text.get("la_name", "")
    return None


def _fingertips_place(text):
    code = text.get("area code", "").upper()
    name = text.get("area name", "")
    if code.startswith("E92"):
        return "national", code, name or "England"
    if code.startswith("E12"):
        return "regional", code, name
    if code[:3] in ("E06", "E08", "E09", "E10", "E11") or code in _all_council_codes():
        return "council", code, name
    return None


def _all_council_codes():
    from indicators.councils import predecessors

    return set(english_councils()) | set(predecessors())


def _year_span(kind, first_year, snapshot):
    if kind == PeriodKind.FINANCIAL_YEAR:
        start, end = date(first_year, 4, 1), date(first_year + 1, 3, 31)
    elif kind == PeriodKind.ACADEMIC_YEAR:
        start, end = date(first_year, 9, 1), date(first_year + 1, 8, 31)
    else:  # a calendar year
        kind, start, end = PeriodKind.ROLLING, date(first_year, 1, 1), date(first_year, 12, 31)
    if snapshot:
        return (PeriodKind.SNAPSHOT, end, end)
    return (kind, start, end)


EES_YEARS = {
    "reporting year": PeriodKind.FINANCIAL_YEAR,  # DfE children's services: year to 31 March
    "financial year": PeriodKind.FINANCIAL_YEAR,
    "tax year": PeriodKind.FINANCIAL_YEAR,
    "academic year": PeriodKind.ACADEMIC_YEAR,
    "calendar year": None,
}


def _ees_span(text, options):
    period = text.get("time_period", "")
    identifier = text.get("time_identifier", "")
    if identifier.lower() not in EES_YEARS:
        raise ValueError(
            f"time_identifier {identifier!r} is not one the portal reads (it reads "
            + ", ".join(k.capitalize() for k in EES_YEARS)
            + ")"
        )
    kind = EES_YEARS[identifier.lower()]
    if re.fullmatch(r"\d{4}", period):
        year = int(period)
        first = year if kind in (None,) else year - 1
        return _year_span(kind, first, options.snapshot)
    match = re.fullmatch(r"(\d{4})(\d{2})", period)
    if match and (int(match[1]) + 1) % 100 == int(match[2]):
        return _year_span(kind, int(match[1]), options.snapshot)
    raise ValueError(f"{period!r} is not a year (2024) or a year pair (202324)")


def _fingertips_span(text, options):
    period = text.get("time period", "").strip()
    if re.fullmatch(r"\d{4}", period):
        return _year_span(None, int(period), options.snapshot)
    match = re.fullmatch(r"(\d{4})/(\d{2})", period)
    if match and (int(match[1]) + 1) % 100 == int(match[2]):
        return _year_span(PeriodKind.FINANCIAL_YEAR, int(match[1]), options.snapshot)
    match = re.fullmatch(r"(\d{4}) ?- ?(\d{2})", period)
    if match:
        first, last = int(match[1]), int(match[1]) // 100 * 100 + int(match[2])
        if last > first:
            return (PeriodKind.ROLLING, date(first, 1, 1), date(last, 12, 31))
    raise ValueError(f"{period!r} is not a year (2023), a year pair (2022/23) or years (2020 - 22)")


def _number(text):
    """(figure, None), (None, marker) for a suppression marker, or (None, None) for blank
    or not a number."""
    text = text.strip()
    if text.lower() in SUPPRESSION_MARKERS:
        return None, text
    if not text:
        return None, None
    try:
        figure = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None, None
    if not figure.is_finite():
        return None, None
    return figure, None


def _places(text):
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def _read_figures(row, text, options):
    """Fill the row's figures; (column, reason) when a cell is not a figure."""
    raw = text.get(options.value.lower(), "")
    row.value, marker = _number(raw)
    if row.value is None and marker is None:
        if raw:
            return (
                options.value,
                f"{raw!r} is not a number or a suppression marker "
                f"({', '.join(sorted(SUPPRESSION_MARKERS))})",
            )
        return options.value, "no figure (blank): give a number or a suppression marker"
    if row.value is not None and row.value < 0 and options.scale:
        return options.value, "a share or a rate cannot be negative"
    row.suppressed = marker or ""
    row.places = _places(raw)
    for name in ("numerator", "denominator"):
        column = getattr(options, name)
        if not column or (name == "denominator" and options.denominator_where):
            continue
        raw = text.get(column.lower(), "")
        figure, marker = _number(raw)
        if figure is None and marker is None and raw:
            return column, f"{raw!r} is not a number or a suppression marker"
        if figure is not None and figure < 0:
            return column, f"the {name} cannot be negative"
        setattr(row, name, figure)
    if row.value is not None:
        return _read_interval(row, text, options)
    return None


def _read_interval(row, text, options):
    """The 95% interval supplied with the figure, kept as supplied: both limits or neither
    (blank or a suppression marker), the lower not above the upper."""
    for name in ("lower_ci", "upper_ci"):
        column = getattr(options, name)
        raw = text.get(column.lower(), "") if column else ""
        figure, marker = _number(raw)
        if figure is None and marker is None and raw:
            return column, f"{raw!r} is not a number"
        setattr(row, name, figure)
    if (row.lower_ci is None) != (row.upper_ci is None):
        missing = options.upper_ci if row.upper_ci is None else options.lower_ci
        row.lower_ci = row.upper_ci = None
        return missing, "a confidence interval needs both its limits (this one is blank)"
    if row.lower_ci is not None and row.lower_ci > row.upper_ci:
        return (
            options.lower_ci,
            f"the lower limit {row.lower_ci} is above the upper limit {row.upper_ci}",
        )
    return None


def _check_fraction(row, unit_scale=None):
    """A published figure that numerator / denominator does not give at the figure's own
    precision is kept, with a warning (a published quirk), never refused."""
    if row.value is None or row.numerator is None or not row.denominator or unit_scale == 0:
        return
    ratio = row.numerator / row.denominator
    exact = ratio * (unit_scale or _scale_guess(row.value, ratio))
    step = Decimal(1).scaleb(-row.places)
    expected = exact.quantize(step, rounding=ROUND_HALF_UP)
    if expected != row.value:
        row.warning = (
            f"the published {row.value} does not match {row.numerator} / {row.denominator} "
            f"= {expected} at {row.places} decimal place(s); kept as published"
        )


def _scale_guess(value, ratio):
    """The scale the file's figure is in (per cent, per 10,000, ...): the one that brings
    the ratio nearest the figure. The indicator's unit decides where it is known."""
    if not ratio:
        return 100
    return min(
        [1, *FRACTION_SCALES.values()],
        key=lambda scale: abs((ratio * scale - value) / (value or 1)),
    )
