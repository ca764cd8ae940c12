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

Limits (issue #11: a small file must not tie up a server). Checked while reading, so an
over-long or over-wide file is refused before it is all in memory:
    the file           MAX_BYTES (10 MB) through the web
    rows               settings.SCRUTINY_IMPORT_MAX_ROWS through the web (default 20,000);
                       the command line allows SCRUTINY_IMPORT_MAX_ROWS_COMMAND or --max-rows
    columns            MAX_COLUMNS: a cell with something in it further right is refused
    a cell             MAX_CELL_CHARS characters (a note, not a document)
    a workbook         the declared sheet size (<dimension>) within the row and column limits;
                       its parts may expand to UNZIPPED_PER_BYTE times the byte limit in all,
                       and no part to more than MAX_RATIO times its compressed size
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# openpyxl's own streaming sheet parser, the one its read-only mode uses: it hands over each
# cell as written, with no padding to the widest row (a cell in column XFD would otherwise
# become 16,384 cells a row). Pinned to openpyxl 3.1 in pyproject.toml for this reason.
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

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
COMMAND_MAX_BYTES = 100 * 1024 * 1024  # the command line, for a council's whole history
MAX_COLUMNS = 26  # the format has 9 columns; anything right of Z is a mistake or an attack
MAX_CELL_CHARS = 4000  # a note or a name; commentary goes in the return grid
UNZIPPED_PER_BYTE = 5  # a 10 MB upload may expand to 50 MB (a real sheet: about 15 times)
MAX_RATIO = 100  # real sheets compress 5-20 times; a run of one letter about 1,000
EXTENSIONS = (".csv", ".xlsx")


class ImportFileError(ValueError):
    """The file as a whole cannot be read; nothing in it is imported."""


@dataclass
class Sheet:
    kind: str  # "values" or "benchmarks"
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, cells)
    # Cells that cannot be taken as text at all (a formula with no saved result, a date where
    # a figure goes, a cell too long): (row number, column, reason). Their rows are rejected.
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def web_max_rows() -> int:
    """Rows one upload through the web may hold (headings not counted)."""
    return int(getattr(settings, "SCRUTINY_IMPORT_MAX_ROWS", 20_000))


def _heading(name) -> str:
    return " ".join(str(name).strip().lower().replace("_", " ").split()).replace(" ", "_")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(size: int, limit: int | None = None) -> None:
    limit = MAX_BYTES if limit is None else limit
    if size > limit:
        raise ImportFileError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(limit)}. "
            "Split it into smaller files."
        )


def _too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        f"The file has more than {limit:,} rows; the limit is {limit:,} rows a file. "
        "Split it into smaller files. Nothing was read beyond that row."
    )


def read_upload(
    filename: str, data: bytes, max_rows: int | None = None, max_bytes: int | None = None
) -> list[Sheet]:
    """The sheets of an uploaded file, or ImportFileError saying what is wrong with it.
    max_rows and max_bytes default to the web's limits (see the module's docstring)."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        hint = " (save it as .xlsx)" if suffix == ".xls" else ""
        raise ImportFileError(
            f"{filename!r} is not a CSV (.csv) or Excel (.xlsx) file{hint}. "
            "Download the template to see the format."
        )
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    rows_limit = web_max_rows() if max_rows is None else max_rows
    check_size(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if suffix == ".csv":
        tables = {None: _read_csv(data, rows_limit)}
    else:
        tables = _read_xlsx(data, rows_limit, max_bytes * UNZIPPED_PER_BYTE)
    sheets = [_sheet(name, table) for name, table in tables.items()]
    if not any(sheet.rows or sheet.problems for sheet in sheets):
        raise ImportFileError("The file has column headings but no rows.")
    return sheets


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(data: bytes, limit: int):
    """(headings, [(row number, {column index: text})]), stopping at the row limit."""
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError("This is an Excel workbook named .csv: rename it to .xlsx.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). In Excel use "
            '"Save as: CSV UTF-8", or upload the .xlsx workbook.'
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    headings, rows = None, []
    try:
        for number, record in enumerate(reader, start=1):
            if headings is None:
                if any(cell.strip() for cell in record):
                    headings = (number, record)
                continue
            if number - headings[0] > limit:
                raise _too_many_rows(limit)
            if len(record) > len(headings[1]):
                if any(cell.strip() for cell in record[len(headings[1]) :]):
                    raise ImportFileError(
                        f"Row {number} has {len(record)} cells but there are only "
                        f"{len(headings[1])} column headings."
                    )
            if any(cell.strip() for cell in record):
                rows.append((number, dict(enumerate(record))))
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # the csv module's own bound
            raise ImportFileError(
                f"Row {reader.line_num} has a cell longer than {csv.field_size_limit():,} "
                f"characters; a cell may hold at most {MAX_CELL_CHARS:,}."
            ) from None
        raise ImportFileError(
            f"The file is not a readable CSV: row {reader.line_num}: {error}."
        ) from None
    if headings is None:
        raise ImportFileError("The file is empty.")
    return headings[1], rows


# --- Excel -------------------------------------------------------------------------------


class _Cells(WorkSheetParser):
    """Each cell's saved value and whether it holds a formula: read for values only, a
    formula Excel never calculated looks like an empty cell and the figure would vanish."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        cell["formula"] = element.find(FORMULA_TAG) is not None
        return cell


class _Problem(str):
    """A cell that cannot be read as text; the string is the reason."""


def _check_zip(data: bytes, unzipped_limit: int) -> None:
    """Refuse a workbook that would expand beyond the limits before openpyxl opens it (it
    reads the shared strings, every text cell of the workbook, into memory at once)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError(f"The workbook cannot be read: {error}") from None
    total = sum(part.file_size for part in parts)
    if total > unzipped_limit:
        raise ImportFileError(
            f"The workbook expands to {_megabytes(total)} when opened; the limit is "
            f"{_megabytes(unzipped_limit)}. Remove what is not in the import format "
            "(pictures, long notes, other sheets), or upload a CSV file."
        )
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * part.compress_size:
            raise ImportFileError(
                f"The workbook's part {part.filename} expands from "
                f"{part.compress_size / 1024:,.0f} KB to {_megabytes(part.file_size)}, more "
                f"than {MAX_RATIO} times; a real sheet does not. Upload the workbook as saved "
                "by Excel, or a CSV file."
            )


def _read_xlsx(data: bytes, limit: int, unzipped_limit: int) -> dict:
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError("The file is named .xlsx but is not an Excel workbook.")
    _check_zip(data, unzipped_limit)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ImportFileError(f"The workbook cannot be read: {error}") from None
    try:
        names = workbook.sheetnames
        chosen = [name for name in names if name.strip().lower() in KINDS]
        if not chosen and len(names) != 1:
            raise ImportFileError(
                f"The workbook has sheets {', '.join(map(repr, names))}; "
                'name them "values" and "benchmarks".'
            )
        tables = {}
        for name in chosen or names:
            try:
                tables[name if chosen else None] = _read_worksheet(workbook, name, limit)
            except ImportFileError:
                raise
            except Exception as error:  # a damaged sheet: openpyxl and the XML parser
                raise ImportFileError(f'Sheet "{name}" cannot be read: {error}') from None
        return tables
    finally:
        workbook.close()


def _read_worksheet(workbook, name, limit):
    sheet = workbook[name]
    where = f'Sheet "{name}"'
    # The size the sheet declares (<dimension ref="A1:XFD2001">), when it declares one: a
    # quick refusal before any row is read. The cells themselves are checked as they come.
    if sheet.max_column and sheet.max_column > MAX_COLUMNS:
        raise ImportFileError(
            f"{where} spans {sheet.max_column:,} columns (to column "
            f"{get_column_letter(sheet.max_column)}); the import format has at most "
            f"{MAX_COLUMNS} ({get_column_letter(MAX_COLUMNS)}). Delete the columns after the "
            "last heading and save it again."
        )
    if sheet.max_row and sheet.max_row > limit + 1:
        raise ImportFileError(
            f"{where} spans {sheet.max_row:,} rows; the limit is {limit:,} rows a file. "
            "Split it into smaller files, or delete the empty rows at the end."
        )
    headings, rows = None, []
    with sheet._get_source() as source:  # as openpyxl's read-only worksheet reads it
        parser = _Cells(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            if headings is not None and number - headings[0] > limit:
                raise _too_many_rows(limit)
            found = {}
            for cell in cells:
                text = _excel_text(cell)
                if text == "":
                    continue
                if cell["column"] > MAX_COLUMNS:
                    raise ImportFileError(
                        f"{where} has something in cell {get_column_letter(cell['column'])}"
                        f"{number}; the import format has at most {MAX_COLUMNS} columns "
                        f"(to {get_column_letter(MAX_COLUMNS)}). Delete the columns after the "
                        "last heading and save it again."
                    )
                found[cell["column"] - 1] = text
            if headings is None:
                if found:
                    width = max(found) + 1
                    headings = (number, [found.get(i, "") for i in range(width)])
                continue
            if found:
                rows.append((number, found))
    if headings is None:
        raise ImportFileError(f"{where} is empty.")
    return headings[1], rows


def _excel_text(cell):
    """A cell as the text an officer would type, or a _Problem saying why it is not one."""
    value = cell["value"]
    if value is None:
        if cell["formula"]:
            return _Problem("formula with no saved result: open the file in Excel and save it")
        return ""
    if cell["data_type"] == "e":
        return _Problem(f"Excel shows an error ({value}) here")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return _Problem(
            f"the cell is a date in Excel ({value}); format the cell as a number or text"
        )
    return str(value)


# --- Either ------------------------------------------------------------------------------


def _sheet(name, table) -> Sheet:
    raw_headings, records = table
    positions = {}
    for index, raw in enumerate(raw_headings):
        heading = _heading(raw)
        if heading and not isinstance(raw, _Problem):
            positions.setdefault(heading, index)
    headings = list(positions)
    kind = (name or "").strip().lower() or (
        "benchmarks" if "comparator_group" in headings else "values"
    )
    expected = KINDS[kind]
    where = f'Sheet "{name}"' if name else "The file"
    missing = [c for c in expected if c not in headings]
    extra = [c for c in headings if c not in expected]
    named = [_heading(raw) for raw in raw_headings if _heading(raw)]
    twice = sorted({h for h in named if named.count(h) > 1} & set(expected))
    if missing or extra or twice:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(missing))
        for column in extra:
            near = difflib.get_close_matches(column, expected, n=1)
            parts.append(
                f"unknown column {column!r}" + (f" (did you mean {near[0]!r}?)" if near else "")
            )
        parts.extend(f"the column {column!r} twice" for column in twice)
        raise ImportFileError(
            f"{where} has {'; '.join(parts)}. Expected the columns: {', '.join(expected)}."
        )
    sheet = Sheet(kind=kind)
    for number, found in records:
        cells, problems = {}, []
        for column in expected:
            text = found.get(positions[column], "")
            if isinstance(text, _Problem):
                problems.append((number, column, str(text)))
                continue
            # The template's "'=..." (indicators.spreadsheet_text) reads back as written.
            text = read_csv_field(text.strip())
            if len(text) > MAX_CELL_CHARS:
                problems.append(
                    (
                        number,
                        column,
                        f"{len(text):,} characters; a cell may hold at most {MAX_CELL_CHARS:,}",
                    )
                )
                continue
            cells[column] = text
        if problems:
            sheet.problems.extend(problems)
        elif any(cells.values()):
            sheet.rows.append((number, cells))
    return sheet
