"""Reading an upload (CSV or Excel) into rows of text, with a clear message for a bad file.

The import format (one row per figure, headings in the first row, names case-insensitive):

Values (a CSV file, or the sheet "values" of a workbook):
    authority       the council's name or slug (must be the council you import for)
    area            blank for the whole council, else a sub-area (Norfolk locality) name
    indicator_ref   the council's reference, e.g. "CYP S16", "6.10b"
    period          a label as the papers print it: "Apr - Jun 2017", "As at Jun 2017",
                    "2016/17", "2015/16 ac yr", "Jul 2016 - Jun 2017", "Apr 2018"
    value           the figure (digits; a % sign only for percentages; blank for none)
    numerator       optional
    denominator     optional
    status          provisional or final (blank means final)
    note            optional; needed to confirm a large change since the previous period

Benchmarks (a CSV file with these columns, or the sheet "benchmarks" of a workbook):
    comparator_group  the group's name or slug ("England", "North East")
    indicator_ref     as above
    period            the benchmark's own period (often older); blank if not stated
    value             the figure
    note              optional
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.spreadsheet_text import read_csv_field

VALUE_COLUMNS = [
    "authority",
    "area",
    "indicator_ref",
    "period",
    "value",
    "numerator",
    "denominator",
    "status",
    "note",
]
BENCHMARK_COLUMNS = ["comparator_group", "indicator_ref", "period", "value", "note"]
KINDS = {"values": VALUE_COLUMNS, "benchmarks": BENCHMARK_COLUMNS}
MAX_BYTES = 10 * 1024 * 1024  # 10,000 rows of a return are well under 1 MB
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(ValueError):
    """The file as a whole cannot be read; nothing in it is imported."""


@dataclass
class Sheet:
    kind: str  # "values" or "benchmarks"
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, cells)


def _heading(name) -> str:
    return " ".join(str(name).strip().lower().replace("_", " ").split()).replace(" ", "_")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportFileError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(MAX_BYTES)}. "
            "Split it into smaller files."
        )


def read_upload(filename: str, data: bytes) -> list[Sheet]:
    """The sheets of an uploaded file, or ImportFileError saying what is wrong with it."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        hint = " (save it as .xlsx)" if suffix == ".xls" else ""
        raise ImportFileError(
            f"{filename!r} is not a CSV (.csv) or Excel (.xlsx) file{hint}. "
            "Download the template to see the format."
        )
    check_size(len(data))
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if suffix == ".csv":
        frames = {None: _read_csv(data)}
    else:
        frames = _read_xlsx(data)
    sheets = [_sheet(name, frame) for name, frame in frames.items()]
    if not any(sheet.rows for sheet in sheets):
        raise ImportFileError("The file has column headings but no rows.")
    return sheets


def _read_csv(data: bytes) -> pd.DataFrame:
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError("This is an Excel workbook named .csv: rename it to .xlsx.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). In Excel use "
            '"Save as: CSV UTF-8", or upload the .xlsx workbook.'
        ) from None
    try:
        return pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True
        )
    except pd.errors.EmptyDataError:
        raise ImportFileError("The file is empty.") from None
    except pd.errors.ParserError as error:
        raise ImportFileError(f"The file is not a readable CSV: {error}") from None


def _read_xlsx(data: bytes) -> dict:
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError("The file is named .xlsx but is not an Excel workbook.")
    try:
        frames = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(f"The workbook cannot be read: {error}") from None
    named = {name: frame for name, frame in frames.items() if name.strip().lower() in KINDS}
    if named:
        return named
    if len(frames) == 1:
        return {None: next(iter(frames.values()))}
    raise ImportFileError(
        f"The workbook has sheets {', '.join(map(repr, frames))}; "
        'name them "values" and "benchmarks".'
    )


def _sheet(name, frame: pd.DataFrame) -> Sheet:
    frame = frame.rename(columns=_heading)
    headings = [c for c in frame.columns if not str(c).startswith("unnamed:")]
    kind = (name or "").strip().lower() or (
        "benchmarks" if "comparator_group" in headings else "values"
    )
    expected = KINDS[kind]
    where = f'Sheet "{name}"' if name else "The file"
    missing = [c for c in expected if c not in headings]
    extra = [c for c in headings if c not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        for column in extra:
            near = difflib.get_close_matches(column, expected, n=1)
            parts.append(
                f"unknown column {column!r}" + (f" (did you mean {near[0]!r}?)" if near else "")
            )
        raise ImportFileError(
            f"{where} has {'; '.join(parts)}. Expected the columns: {', '.join(expected)}."
        )
    rows = []
    # Row numbers as the spreadsheet shows them: the headings are row 1.
    for number, record in enumerate(frame[expected].to_dict("records"), start=2):
        # The template's "'=..." (indicators.spreadsheet_text) reads back as the officer wrote it.
        cells = {k: read_csv_field(str(v).strip()) for k, v in record.items()}
        if any(cells.values()):
            rows.append((number, cells))
    return Sheet(kind=kind, rows=rows)
