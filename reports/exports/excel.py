"""The committee table as an Excel sheet: numbers stored as numbers with the published
decimal places, ratings as words with a fill, a frozen header row."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from indicators.rules.figures import half_up, number_format
from indicators.spreadsheet_text import append_xlsx_row

from .word import FILLS, GROUP_FILL


def _fill(colour):
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")


def committee_table_xlsx(table):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Committee table"
    # One header row, its titles made unique ("RAG County"), so the sheet sorts and filters.
    # Every text goes in as a text cell: an officer's "=HYPERLINK(...)" is never a formula.
    append_xlsx_row(sheet, table.qualified_columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Norfolk's wide table keeps area, ref and indicator in view while scrolling across.
    sheet.freeze_panes = "D2" if table.column_groups else "A2"
    for group in table.groups:
        headings = (group.title if group.new_heading else "", group.subtitle)
        for heading in filter(None, headings if table.heading_rows else ()):
            append_xlsx_row(sheet, [heading])
            row = sheet.max_row
            sheet.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=len(table.columns)
            )
            sheet.cell(row, 1).font = Font(bold=True)
            sheet.cell(row, 1).fill = _fill(GROUP_FILL)
        for row in group.rows:
            append_xlsx_row(sheet, [_excel_value(c) for c in row.cells])
            for index, content in enumerate(row.cells, start=1):
                cell = sheet.cell(sheet.max_row, index)
                if content.rating:
                    cell.fill = _fill(FILLS[content.rating])
                if isinstance(cell.value, float):
                    cell.number_format = _number_format(content)
    sheet.append([])
    for line in [*table.footnotes, "Report key: " + table.key_text, *table.key_notes]:
        append_xlsx_row(sheet, [line])
    for name, members in table.comparator_groups:
        append_xlsx_row(sheet, [f"{name}: {', '.join(members)}."])
    for index, title in enumerate(table.columns, start=1):
        # Descriptions need room; rating and figure columns stay narrow.
        width = 60 if title in ("Description", "Indicator") else min(max(len(title), 8), 16)
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(cell):
    # A figure printed with a marker ("8.8*") or a word ("No Data") stays text. A number is
    # stored as shown (rounded half up at its own places), so Excel cannot round it again.
    if cell.number is not None and _is_plain_number(cell.text.removesuffix("%")):
        return float(half_up(cell.number, cell.decimals))
    return cell.shown


def _number_format(cell):
    """The figure as the table prints it (63.6 stays 63.6, not 64; "1522" not "1,522"); a
    provisional or revised figure says so while staying a number."""
    label = f' "({cell.label})"' if cell.label else ""
    return number_format(cell.text, cell.decimals) + label


def _is_plain_number(text):
    return text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()
