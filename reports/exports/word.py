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


def _landscape(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))


def add_committee_table(document, table):
    document.add_heading(table.title, level=1)
    document.add_paragraph(f"Period: {table.period_label}")
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, title in zip(header.cells, table.columns, strict=True):
        _write(cell, title, bold=True)
    for group in table.groups:
        headings = (group.heading if group.new_heading else "", group.subheading)
        for heading in filter(None, headings):
            cells = grid.add_row().cells
            merged = cells[0].merge(cells[-1])
            _write(merged, heading, bold=True, size=8)
            _shade(merged, GROUP_FILL)
        for row in group.rows:
            cells = grid.add_row().cells
            for cell, content in zip(cells, row.cells, strict=True):
                _write(cell, content.text)
                if content.rating:
                    _shade(cell, FILLS[content.rating])
    if table.footnotes:
        document.add_paragraph()
        for footnote in table.footnotes:
            document.add_paragraph(footnote)
    flags = [(row.cells[1].text, flag) for _, row in table.flat_rows() for flag in row.flags]
    if flags:
        document.add_heading("Published data caveats", level=2)
        for ref, flag in flags:
            document.add_paragraph(f"{ref}: {flag}", style="List Bullet")
    document.add_heading("Report key", level=2)
    document.add_paragraph(table.key_text)
    for name, members in table.comparator_groups:
        document.add_paragraph(f"{name}: {', '.join(members)}.")


def committee_table_docx(table):
    document = Document()
    _landscape(document)
    add_committee_table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
