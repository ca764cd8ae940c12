"""The frozen paper as Word, Excel and PDF, printed from the snapshot by the committee
table's own writers (reports/exports). The Word file is the same bytes every time: its
dates are the meeting's, and its zip entries carry that date too, not the moment written."""

import io
import zipfile
from datetime import datetime, time

from django.template.loader import render_to_string
from docx import Document

from reports.exports.excel import committee_table_xlsx
from reports.exports.pdf import html_to_pdf
from reports.exports.word import add_committee_table, landscape

CARD_PARTS = [
    ("Why is this important?", "why_important"),
    ("What is the background to current performance?", "background"),
    ("Action required", "actions"),
    ("What will success look like?", "success"),
]


def presented_line(meeting):
    return (
        f"As presented to the {meeting.committee} on {meeting.date:%-d %B %Y}"
        + (f" ({meeting.agenda_item})" if meeting.agenda_item else "")
        + f": performance report for {meeting.period_label}."
    )


def _fixed_docx(document, when):
    """Save with every date set to `when`, so the bytes depend only on the content."""
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = when
    properties.revision = 1
    properties.author = properties.last_modified_by = "Scrutiny performance portal"
    buffer = io.BytesIO()
    document.save(buffer)
    stamp = when.timetuple()[:6]
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            target.writestr(entry, source.read(item.filename))
    return fixed.getvalue()


def paper_docx(meeting, table, cards):
    document = Document()
    landscape(document)
    document.add_paragraph(presented_line(meeting))
    add_committee_table(document, table)
    if cards:
        document.add_heading("Exception report cards", level=1)
    for card in cards:
        document.add_heading(f"{card.ref} {card.title}", level=2)
        if card.reasons:
            document.add_paragraph("Reported because: " + "; ".join(card.reasons) + ".")
        if card.points:
            latest = card.points[-1]
            document.add_paragraph(
                f"Latest: {latest[1]} ({latest[0]})"
                + (f", target {card.target}" if card.target else "")
                + (f". Rating: {card.rating}." if card.rating else ".")
            )
        for heading, name in CARD_PARTS:
            text = getattr(card, name)
            if not text:
                continue
            document.add_heading(heading, level=3)
            for point in [text] if isinstance(text, str) else text:
                document.add_paragraph(point)
    when = datetime.combine(meeting.date, time(9, 0))
    return _fixed_docx(document, when)


def paper_xlsx(meeting, table, cards):
    return committee_table_xlsx(table)


def paper_html(meeting, table, cards):
    context = {"meeting": meeting, "table": table, "cards": cards}
    context["presented"] = presented_line(meeting)
    return render_to_string("meetings/paper_print.html", context)


def paper_pdf(meeting, table, cards):
    return html_to_pdf(paper_html(meeting, table, cards))


WRITERS = {"docx": paper_docx, "xlsx": paper_xlsx, "pdf": paper_pdf}
