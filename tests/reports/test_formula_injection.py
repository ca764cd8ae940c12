"""Officers' text never runs as a formula when a member opens a download in a spreadsheet
(OWASP "CSV injection"): CSV fields get the apostrophe, Excel cells are text cells, numbers
stay numbers, and Word shows the text as written."""

import csv
import io

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from indicators.models import Indicator, Theme, Value
from tests import factories as f

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x","y")'
HOSTILE = [LINK, "+1 (provisional)", "@SUM(A1)", "-2+3"]  # CYP S17's "+1" is provisional


def number_rows(council):
    for n, indicator in enumerate(Indicator.objects.filter(authority=council), start=1):
        indicator.table_ref = str(n)
        indicator.save()


@pytest.fixture
def hostile_durham(durham):
    """Durham with an officer's hostile text in a printed figure, an indicator name, a caveat,
    a footnote and a theme, and a negative figure that must stay a number."""
    number_rows(durham)
    Value.objects.filter(indicator__ref="CYP S16", value="83.2").update(printed=LINK)
    Indicator.objects.filter(ref="CYP S16").update(
        name="@SUM(A1)", published_quirk="-2+3", footnote="-2+3"
    )
    Value.objects.filter(indicator__ref="CYP S17", value="38.0").update(printed="+1")
    ind = Indicator.objects.get(ref="CYP S17")
    negative = f.indicator(
        durham,
        "CYP S99",
        polarity="none",
        unit="count",
        name="Change in the rate",
        theme=ind.theme,
        key_question=ind.key_question,
        order=3,
        table_ref="9",
        decimal_places=1,
    )
    f.value(negative, Value.objects.get(value="38.0").period, "-3.2")
    Theme.objects.filter(authority=durham).update(name="=1+1")
    return durham


def download(client, council, fmt):
    response = client.get(f"/councils/{council.slug}/committee-table.{fmt}")
    assert response.status_code == 200
    return response.content


def csv_cells(content):
    return [cell for row in csv.reader(io.StringIO(content.decode())) for cell in row]


def xlsx_cells(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_the_committee_table_csv_quotes_every_would_be_formula(client, hostile_durham):
    cells = csv_cells(download(client, hostile_durham, "csv"))
    for text in [*HOSTILE, "=1+1"]:
        assert "'" + text in cells, text
        assert text not in cells, text
    assert "-3.2" in cells  # a negative figure is a number, not a formula


def test_the_committee_table_xlsx_has_text_cells_never_formulas(client, hostile_durham):
    cells = xlsx_cells(download(client, hostile_durham, "xlsx"))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    by_value = {c.value: c for c in cells}
    for text in [*HOSTILE, "=1+1"]:
        cell = by_value[text]  # the officer's text as written, no apostrophe added
        assert cell.data_type == "s" and cell.quotePrefix, text
    negative = by_value[-3.2]
    assert negative.data_type == "n"  # numbers stay numbers


def test_the_mi_layout_xlsx_and_csv_keep_officers_text_inert(client, norfolk):
    number_rows(norfolk)
    Value.objects.filter(indicator__ref="6.10b", value="84", area=None).update(printed=LINK)
    Indicator.objects.filter(ref="7.2").update(name="@SUM(A1)")
    cells = xlsx_cells(download(client, norfolk, "xlsx"))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    by_value = {c.value: c for c in cells}
    assert by_value[LINK].data_type == "s" and by_value["@SUM(A1)"].data_type == "s"
    assert {"'" + LINK, "'@SUM(A1)"} <= set(csv_cells(download(client, norfolk, "csv")))


def test_word_shows_the_text_as_written(client, hostile_durham):
    document = Document(io.BytesIO(download(client, hostile_durham, "docx")))
    texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {
        LINK,
        "+1 (provisional)",
        "@SUM(A1)",
    } <= texts  # Word has no formulas: nothing to escape
    assert not any(text.startswith("'") for text in texts)


def test_the_open_data_export_quotes_would_be_formulas(client, hostile_durham):
    Value.objects.filter(indicator__ref="CYP S17", value="38.0").update(published_quirk="@x")
    web = csv_cells(client.get("/data/observations.csv").content)
    out = io.StringIO()
    call_command("export_observations", stdout=out)
    command = csv_cells(out.getvalue().encode())
    for cells in (web, command):
        assert {"'" + LINK, "'+1", "'@SUM(A1)"} <= set(cells)
        assert not {LINK, "+1", "@SUM(A1)"} & set(cells)
        assert "-3.2" in cells
