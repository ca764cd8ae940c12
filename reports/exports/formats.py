"""One committee table, four formats: what the download view and the command share."""

from django.template.loader import render_to_string

from .excel import committee_table_xlsx
from .pdf import html_to_pdf
from .text import committee_table_csv
from .word import committee_table_docx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def committee_table_html(table):
    return render_to_string("exports/committee_table.html", {"table": table})


def render(table, fmt):
    if fmt == "docx":
        return committee_table_docx(table)
    if fmt == "xlsx":
        return committee_table_xlsx(table)
    if fmt == "csv":
        return committee_table_csv(table)
    if fmt == "html":
        return committee_table_html(table).encode("utf-8")
    if fmt == "pdf":
        return html_to_pdf(committee_table_html(table))
    raise ValueError(f"Unknown format '{fmt}': choose docx, xlsx, csv or pdf.")


def filename(authority, period_label, fmt):
    period = period_label.replace(" ", "").replace("/", "-")
    return f"{authority.slug}-committee-table-{period}.{fmt}"


def committee_pack_html(pack):
    return render_to_string("exports/committee_pack.html", {"pack": pack})


def render_pack(pack, fmt):
    if fmt == "docx":
        from .pack_word import committee_pack_docx

        return committee_pack_docx(pack)
    if fmt == "html":
        return committee_pack_html(pack).encode("utf-8")
    if fmt == "pdf":
        return html_to_pdf(committee_pack_html(pack))
    raise ValueError(f"Unknown format '{fmt}' for a pack: choose docx or pdf.")
