"""Durham's Appendix 3 as Word, Excel, CSV and PDF reads like the published appendix."""

import csv
import io
import os
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from indicators.models import Authority, PublishedComparison
from reports.exports.formats import render
from reports.exports.layout import committee_table
from reports.exports.table import resolve_period

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def durham_q1(seeded_papers, django_db_blocker):
    with django_db_blocker.unblock():
        durham = Authority.objects.get(slug="durham")
        return committee_table(durham, date(2017, 6, 30), "Apr - Jun 2017")


def published_ratings():
    """{(PI ref, column title): printed rating} as the paper printed them."""
    column = {
        "previous_year": "Performance compared to 12 months earlier",
        "national": "Performance compared to National figure",
        "regional": "Performance compared to *North East or **Nearest statistical neighbour figure",
        "statistical_neighbours": "Performance compared to *North East or **Nearest "
        "statistical neighbour figure",
    }
    return {
        (pc.value.indicator.ref, column[pc.kind]): pc.printed_rating
        for pc in PublishedComparison.objects.filter(
            value__authority__slug="durham", published_rating__gt=""
        ).select_related("value__indicator")
    }


def test_the_word_table_has_every_published_rating_as_text(durham_q1):
    document = Document(io.BytesIO(render(durham_q1, "docx")))
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    found = {}
    for row in table.rows[1:]:
        cells = [cell.text for cell in row.cells]
        if cells[0] == cells[-1]:  # a merged theme or key-question row
            continue
        for title, text in zip(header, cells, strict=True):
            if title.startswith("Performance compared") and text:
                found[(cells[1], title)] = text
    expected = published_ratings()
    assert len(expected) == 94
    assert {key: found.get(key) for key in expected} == expected


def test_every_shaded_word_cell_also_says_its_rating_in_words(durham_q1):
    document = Document(io.BytesIO(render(durham_q1, "docx")))
    shaded = 0
    for row in document.tables[0].rows[1:]:
        for cell in row.cells:
            fill = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
            if fill and fill[0] in ("C6EFCE", "FFEB9C", "FFC7CE"):
                shaded += 1
                assert cell.text in ("GREEN", "AMBER", "RED")
    assert shaded == 94


def test_the_word_table_is_landscape_with_a_repeated_header_and_the_report_key(durham_q1):
    document = Document(io.BytesIO(render(durham_q1, "docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert document.tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "within 2% tolerance" in text
    assert "Barnsley" in text and "Hartlepool" in text  # comparator-group membership
    assert "[1] The high number of school leavers" in text


def test_the_excel_sheet_stores_numbers_as_numbers_and_freezes_the_header(durham_q1):
    sheet = load_workbook(io.BytesIO(render(durham_q1, "xlsx"))).active
    assert sheet.freeze_panes == "A2"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    s16 = rows["CYP S16"]
    assert s16[3] == 83.2 and isinstance(s16[3], float)
    assert s16[7] == "RED"  # 83.2 against 86.8 twelve months earlier
    assert rows["CYP S1"][10] == "8.8*"  # the North East marker kept as printed


def test_the_csv_has_one_row_per_indicator_with_theme_and_question(durham_q1):
    rows = list(csv.DictReader(io.StringIO(render(durham_q1, "csv").decode())))
    assert len(rows) == 45
    assert rows[0]["Theme"] == "Altogether Wealthier"
    assert rows[0]["PI ref"] == "CYP S1"


@pytest.mark.browser
def test_the_pdf_is_text_in_landscape_pages(durham_q1):
    if not os.path.exists("/usr/bin/chromium") and os.environ.get("CI") != "true":
        pytest.skip("Chromium is not installed")
    import pypdfium2

    pdf = pypdfium2.PdfDocument(render(durham_q1, "pdf"))
    assert 3 <= len(pdf) <= 8
    first = pdf[0]
    width, height = first.get_size()
    assert width > height
    assert "summary of key performance indicators" in first.get_textpage().get_text_range()
    bitmap = first.render(scale=0.5)  # rendered as a reader sees it, not just laid out
    assert bitmap.width > bitmap.height
    assert len(set(bytes(bitmap.buffer)[::97])) > 2  # ink on the page, not a blank sheet


def test_a_period_is_given_by_end_date_or_label():
    assert resolve_period("2017-06-30") == (date(2017, 6, 30), "as at 30 June 2017")
    assert resolve_period("Apr - Jun 2017") == (date(2017, 6, 30), "Apr - Jun 2017")
    with pytest.raises(ValueError, match="neither a period end date"):
        resolve_period("last quarter")


def test_the_command_writes_the_file_and_rejects_bad_input(durham_q1, tmp_path):
    out = tmp_path / "appendix3.docx"
    call_command(
        "committee_table",
        "durham",
        "--period",
        "2017-06-30",
        "--format",
        "docx",
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    assert Document(str(out)).tables
    with pytest.raises(CommandError, match="Unknown authority"):
        call_command("committee_table", "nowhere", "--period", "2017-06-30", "-o", str(out))
    with pytest.raises(CommandError, match="no published data"):
        call_command("committee_table", "durham", "--period", "2001-03-31", "-o", str(out))


def test_the_csv_and_excel_headers_are_unique():
    from reports.exports.table import DURHAM_COLUMNS, CommitteeTable

    table = CommitteeTable("t", None, "", DURHAM_COLUMNS, set(), [], [], "", [])
    titles = table.qualified_columns()
    assert len(set(titles)) == len(titles)
    assert titles[-1] == "Period covered (national and regional or neighbour figures)"
