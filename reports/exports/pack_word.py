"""The committee pack as a Word document: cover, summary table, report cards (chart as a
picture with its description, and the figures as a table), report key. Landscape A4."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

from .pdf import svgs_to_png
from .word import add_committee_table, add_report_key, landscape

CARD_SECTIONS = [
    ("What is the background to current performance?", "background"),
    ("Action required", "actions"),
    ("What will success look like?", "success"),
]


def _page_break(document):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _cover(document, pack):
    document.add_paragraph().paragraph_format.space_before = Mm(40)
    document.add_heading(pack.authority.name, level=0)
    document.add_paragraph(pack.committee).runs[0].font.size = Pt(18)
    if pack.meeting_date:
        document.add_paragraph(f"Meeting: {pack.meeting_date:%-d %B %Y}").runs[0].font.size = Pt(14)
    document.add_paragraph(f"Performance report: {pack.period_label}").runs[0].font.size = Pt(14)
    contents = [
        *(s.title for s in pack.before),
        "Summary table",
        "Exception report cards",
        "Report key",
        *(s.title for s in pack.appendices),
    ]
    document.add_paragraph("Contents: " + "; ".join(contents) + ".")


def _figures_table(document, card):
    """The chart's figures as a real table: periods across, as Norfolk's dashboard prints."""
    grid = document.add_table(rows=3, cols=len(card.points) + 1)
    grid.style = "Table Grid"
    for row, title in zip(grid.rows, ("Period", "Value", "Target"), strict=True):
        row.cells[0].text = title
    for index, point in enumerate(card.points, start=1):
        for row, text in zip(grid.rows, (point.label, point.text, point.target), strict=True):
            row.cells[index].text = text
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7)


def _summary_line(card):
    parts = [f"Reference {card.indicator.ref}."]
    if card.value is not None and card.points:
        latest = card.points[-1]
        line = f"Latest: {latest.text} ({latest.label})"
        if card.target:
            line += f", target {card.target}"
        parts.append(line + f". Rating: {card.rating_words}.")
    if card.reasons:
        parts.append("Reported because: " + "; ".join(card.reasons) + ".")
    return " ".join(parts)


def _card(document, card, picture):
    document.add_heading(card.title, level=2)
    document.add_paragraph(_summary_line(card))
    document.add_heading("Why is this important?", level=3)
    document.add_paragraph(card.why_important or "Not written yet.")
    document.add_heading("Performance", level=3)
    if picture:
        run = document.add_paragraph().add_run()
        inline = run.add_picture(io.BytesIO(picture), width=Mm(150))
        # The picture's description, read out by screen readers; the table follows.
        inline._inline.docPr.set("descr", f"Chart of {card.title}; the figures are tabled below.")
    if card.points:
        _figures_table(document, card)
    else:
        document.add_paragraph("No published figures yet.")
    for heading, name in CARD_SECTIONS:
        document.add_heading(heading, level=3)
        points = getattr(card, name)
        for point in points:
            document.add_paragraph(point, style="List Bullet")
        if not points:
            document.add_paragraph("Not written yet.")
    document.add_heading("Responsible officers", level=3)
    document.add_paragraph(
        f"Lead: {card.lead_officer or 'not named'}    Data: {card.data_owner or 'not named'}"
    )


def _section(document, section):
    document.add_heading(section.title, level=1)
    if section.intro:
        document.add_paragraph(section.intro)
    for entry in section.entries:
        document.add_heading(entry.heading, level=2)
        for line in entry.lines:
            document.add_paragraph(line, style="List Bullet")


def committee_pack_docx(pack):
    document = Document()
    landscape(document)
    _cover(document, pack)
    _page_break(document)
    for section in pack.before:
        _section(document, section)
        _page_break(document)
    add_committee_table(document, pack.table, with_key=False)
    _page_break(document)
    document.add_heading("Exception report cards", level=1)
    if not pack.cards:
        document.add_paragraph(
            "Officers have not chosen any exceptions for this period."
            if not pack.chosen
            else "No indicator was chosen to report by exception this period."
        )
    for card in pack.cards:
        document.add_paragraph(f"{card.indicator.ref} {card.title}", style="List Bullet")
    pictures = svgs_to_png([card.chart_svg for card in pack.cards])
    for card, picture in zip(pack.cards, pictures, strict=True):
        _page_break(document)
        _card(document, card, picture)
    _page_break(document)
    add_report_key(document, pack.table, level=1)
    for section in pack.key:
        document.add_heading(section.name, level=2)
        for rule in section.rules:
            document.add_paragraph(rule, style="List Bullet")
        if section.key_text:
            document.add_paragraph(f"The council's own key: {section.key_text}")
    for section in pack.appendices:
        _page_break(document)
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
