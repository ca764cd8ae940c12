"""The committee table as a real Word table: landscape A4, repeated header row, ratings as
text with cell shading, then footnotes, the report key and comparator-group membership."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# Fills light enough for black text to keep AA contrast; the word is always printed too.
FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}
GROUP_FILL = "D9E2F3"


def _shade(cell, fill):
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _write(cell, text, bold=False, size=7):
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def landscape(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))


def _header_rows(grid, table, size):
    """The column titles, under Norfolk's column groups where the layout has them; both
    rows repeat at the top of every page."""
    if table.column_groups:
        cells = grid.rows[0].cells
        start = 0
        for title, span in table.column_groups:
            merged = cells[start].merge(cells[start + span - 1]) if span > 1 else cells[start]
            _write(merged, title, bold=True, size=size)
            start += span
        _repeat_as_header(grid.rows[0])
    header = grid.rows[-1]
    _repeat_as_header(header)
    for cell, title in zip(header.cells, table.columns, strict=True):
        _write(cell, title, bold=True, size=size)


def add_committee_table(document, table, heading_level=1, with_key=True):
    document.add_heading(table.title, level=heading_level)
    document.add_paragraph(f"Period: {table.period_label}")
    # Norfolk's 29 columns need a smaller type than Durham's 13 to fit A4 landscape.
    size = 7 if len(table.columns) <= 16 else 5.5
    grid = document.add_table(rows=2 if table.column_groups else 1, cols=len(table.columns))
    grid.style = "Table Grid"
    _header_rows(grid, table, size)
    for group in table.groups:
        headings = (group.title if group.new_heading else "", group.subtitle)
        for heading in filter(None, headings if table.heading_rows else ()):
            cells = grid.add_row().cells
            merged = cells[0].merge(cells[-1])
            _write(merged, heading, bold=True, size=8)
            _shade(merged, GROUP_FILL)
        for row in group.rows:
            cells = grid.add_row().cells
            for cell, content in zip(cells, row.cells, strict=True):
                _write(cell, content.shown, size=size)
                if content.rating:
                    _shade(cell, FILLS[content.rating])
    if table.footnotes:
        document.add_paragraph()
        for footnote in table.footnotes:
            document.add_paragraph(footnote)
    caveats = table.caveats()
    if caveats:
        document.add_heading("Published data caveats", level=heading_level + 1)
        for ref, flag in caveats:
            document.add_paragraph(f"{ref}: {flag}", style="List Bullet")
    if with_key:
        add_report_key(document, table, heading_level + 1)


def add_report_key(document, table, level=2):
    document.add_heading("Report key", level=level)
    document.add_paragraph(table.key_text or "These indicators are not rated.")
    for note in table.key_notes:
        document.add_paragraph(note)
    document.add_paragraph(
        "Ratings are printed as words (GREEN, AMBER, RED); the cell shading repeats them."
    )
    for name, members in table.comparator_groups:
        document.add_paragraph(f"{name}: {', '.join(members)}.")


def committee_table_docx(table):
    document = Document()
    landscape(document)
    add_committee_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
