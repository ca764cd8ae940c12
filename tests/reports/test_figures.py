"""One figure everywhere: each figure at its own precision, one rounding rule, and the
provisional and revised labels, on the dashboard and in every committee-table format."""

import csv
import html
import io
import re
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from indicators.models import Authority, Indicator, Value
from reports.exports.formats import render
from reports.exports.layout import committee_table

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def dashboard_cell(client, url, ref, column):
    """The text of one cell of the dashboard table: the row of `ref`, the column's class."""
    page = client.get(url).content.decode()
    row = re.search(rf'<tr><th scope="row" class="col-indicator">.*?{ref}</span>.*?</tr>', page)
    cell = re.search(rf'<td class="col-{column}">(.*?)</td>', row.group(0))
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell.group(1)))).strip()


def durham_table():
    durham = Authority.objects.get(slug="durham")
    return committee_table(durham, date(2017, 6, 30), "Apr - Jun 2017")


def csv_rows(table):
    return {r["PI ref"]: r for r in csv.DictReader(io.StringIO(render(table, "csv").decode()))}


def test_comparators_show_at_their_own_printed_precision(client, seeded):
    url = "/councils/durham/?period=2017-06-30"
    # Durham's whole-number indicators beside comparators the paper printed to 1 dp.
    assert dashboard_cell(client, url, "CYP S26", "england").startswith("69.3% 2015/16")
    assert dashboard_cell(client, url, "CYP S32", "previous_year").startswith("1.9%")
    assert dashboard_cell(client, url, "ASH6", "previous_year").startswith("36.6%")
    assert dashboard_cell(client, url, "CYP S26", "latest").startswith("69%")
    page = text(client.get("/councils/durham/indicators/cyp-s26/?period=2017-06-30"))
    assert "69.3%" in page


def test_the_excel_table_formats_each_figure_at_its_own_places(seeded):
    sheet = load_workbook(io.BytesIO(render(durham_table(), "xlsx"))).active
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2) if row[1].value}
    last_year = rows["CYP S26"][6]
    assert last_year.value == 63.6
    assert last_year.number_format == "#,##0.0"  # shows 63.6, not 64
    assert rows["CYP S26"][3].number_format == "#,##0"  # the council's own 69


@pytest.fixture
def tabled(durham):
    """The hand-made Durham with rows in its committee table (a table ref each)."""
    for number, ref in enumerate(("CYP S16", "CYP S17"), start=1):
        Indicator.objects.filter(ref=ref).update(table_ref=str(number))
    return durham


@pytest.fixture
def half(tabled):
    """CYP S16's latest figure is exactly half way at its one decimal place."""
    Value.objects.filter(indicator__ref="CYP S16", value="83.2").update(value="83.25")
    return tabled


def test_one_rounding_rule_half_up_everywhere(client, half):
    assert dashboard_cell(client, "/councils/durham/", "CYP S16", "latest").startswith("83.3%")
    table = committee_table(half, date(2017, 6, 30), "Apr - Jun 2017")
    assert csv_rows(table)["CYP S16"]["Latest data"] == "83.3"
    word = Document(io.BytesIO(render(table, "docx")))
    assert "83.3" in {c.text for row in word.tables[0].rows for c in row.cells}
    assert "83.3" in render(table, "html").decode()


def test_a_target_entered_without_a_printed_form_reads_like_the_councils(client, tabled):
    durham = tabled
    # The fixture's CYP S16 target is 85, entered with no printed form: stored 85.00000000.
    cell = dashboard_cell(client, "/councils/durham/", "CYP S16", "target")
    assert cell.startswith("85.0% ") and "85.00000000" not in cell
    table = committee_table(durham, date(2017, 6, 30), "Apr - Jun 2017")
    assert csv_rows(table)["CYP S16"]["Period target"] == "85.0%"
    page = text(client.get("/councils/durham/indicators/cyp-s16/"))
    assert "Target 85.0% Apr - Jun 2017" in page and "85.00000000" not in page


def test_provisional_and_revised_figures_say_so_in_every_committee_format(client, tabled):
    durham = tabled
    Value.objects.filter(indicator__ref="CYP S16", value="83.2").update(status="revised")
    dashboard = text(client.get("/councils/durham/"))
    assert "38.0 per 10,000 Apr - Jun 2017 provisional" in dashboard
    assert "83.2% Apr - Jun 2017 revised" in dashboard
    table = committee_table(durham, date(2017, 6, 30), "Apr - Jun 2017")
    rows = csv_rows(table)
    assert rows["CYP S17"]["Latest data"] == "38.0 (provisional)"
    assert rows["CYP S16"]["Latest data"] == "83.2 (revised)"
    word = {c.text for row in Document(io.BytesIO(render(table, "docx"))).tables[0].rows
            for c in row.cells}  # fmt: skip
    assert {"38.0 (provisional)", "83.2 (revised)"} <= word
    assert "38.0 (provisional)" in render(table, "html").decode()
    sheet = load_workbook(io.BytesIO(render(table, "xlsx"))).active
    latest = {row[1].value: row[3] for row in sheet.iter_rows(min_row=2) if row[1].value}
    assert latest["CYP S17"].value == 38.0  # still a number ...
    assert latest["CYP S17"].number_format == '#,##0.0 "(provisional)"'  # ... that says so
    assert latest["CYP S16"].number_format == '#,##0.0 "(revised)"'
