"""Text that a spreadsheet shows as text, never runs as a formula (OWASP "CSV injection").

Officers type notes, commentary and printed figures; a member opens the export in Excel.
A cell starting with = + - @ (or a tab or carriage return) is read as a formula there:
"=HYPERLINK(...)" becomes a live link, worse can run commands. Every CSV and Excel writer
in the portal puts its cells through here. This module imports nothing of the portal's, so
both `indicators` and `reports` use it without an import cycle.

- CSV: such a field gets a leading apostrophe, the spreadsheets' "this is text" mark.
- Excel: text is always a text cell (openpyxl would store "=..." as a formula) and such a
  cell also carries Excel's quote prefix, so editing it later keeps it text; the text
  itself is unchanged.
A negative number ("-3.2", "-1,234", "-12.3%") is left alone: it is a figure, not a formula.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_NEGATIVE_NUMBER = re.compile(r"-\d[\d,]*(\.\d+)?%?")


def runs_as_formula(text):
    return (
        isinstance(text, str)
        and text.startswith(FORMULA_STARTS)
        and not _NEGATIVE_NUMBER.fullmatch(text)
    )


def csv_field(value):
    """A CSV field a spreadsheet shows as written: a would-be formula behind an apostrophe."""
    return "'" + value if runs_as_formula(value) else value


def csv_row(values):
    return [csv_field(v) for v in values]


def csv_record(record):
    """csv_field for each value of a DictWriter row."""
    return {key: csv_field(value) for key, value in record.items()}


def read_csv_field(text):
    """The text an officer wrote, from a field csv_field wrote (the import template read
    back): the apostrophe it added is dropped, any other is kept."""
    if text.startswith("'") and runs_as_formula(text[1:]):
        return text[1:]
    return text


def set_xlsx_value(cell, value):
    """Put value in an openpyxl cell: numbers stay numbers, text is a text cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl stores any str starting with "=" as a formula
        if runs_as_formula(value):
            cell.quotePrefix = True
    return cell


def append_xlsx_row(sheet, values):
    """sheet.append(values), with every text a text cell."""
    values = list(values)
    sheet.append(values)
    if any(v is not None for v in values):  # then the new row is the sheet's last
        for cell, value in zip(sheet[sheet.max_row], values, strict=False):
            set_xlsx_value(cell, value)
