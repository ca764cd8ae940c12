"""One figure everywhere: Durham's Apr - Jun 2017 read from every output a member or a
committee clerk sees (the dashboard, the indicator page, and the committee table as CSV,
Excel, Word and HTML) gives each indicator the same figure, target, comparators, label and
rating words.

Each output is read into {(ref, column): text}. The committee-table formats print the
paper's own text ("8.8*", "69"), so they must agree with each other exactly; the member
pages add the unit ("69%") and drop the paper's footnote markers, so against them the
figure itself is compared: the number as printed, at its own precision ("69.3", never
"69"), its provisional or revised label, and the rating word.
"""

import csv
import html
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from indicators.models import Value
from indicators.spreadsheet_text import read_csv_field

pytestmark = pytest.mark.django_db

PERIOD = "2017-06-30"
# Where Appendix 3 prints each figure and rating, by column title.
TABLE_COLUMNS = {
    "Latest data": "value",
    "Period target": "target",
    "Data 12 months earlier": "previous_year",
    "Performance compared to 12 months earlier": "previous_year rating",
    "National figure": "national",
    "Performance compared to National figure": "national rating",
    "*North East or **Nearest statistical neighbour figure": "local",
    "Performance compared to *North East or **Nearest statistical neighbour figure": (
        "local rating"
    ),
}
# The dashboard's columns for the same comparisons.
DASHBOARD_COLUMNS = {
    "latest": "value",
    "target": "target",
    "previous_year": "previous_year",
    "england": "national",
    "region": "local",
    "neighbours": "local",
}
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
LABEL = re.compile(r" \((provisional|revised)\)$")
RATINGS = {"GREEN", "AMBER", "RED"}


def plain(fragment):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def figure_of(text):
    """The figure as printed, without unit, marker or label: "69.3" from "69.3%"."""
    found = NUMBER.search(LABEL.sub("", text))
    return found.group(0) if found else ""


def table_entries(rows):
    """{(ref, column): text} from the committee table's rows, each a {title: text}."""
    found = {}
    for row in rows:
        for title, column in TABLE_COLUMNS.items():
            found[(row["PI ref"], column)] = row[title]
    return found


def core(entries):
    """What every output must agree on: the figure, the label, the target, the rating."""
    found = {}
    for (ref, column), text in entries.items():
        if column.endswith("rating"):
            found[(ref, column)] = text.upper() if text.upper() in RATINGS else ""
        elif column == "target":
            found[(ref, column)] = text
        else:
            found[(ref, column)] = figure_of(text)
            if column == "value":
                label = LABEL.search(text)
                found[(ref, "label")] = label.group(1) if label else ""
    return found


# The committee table, four formats ---------------------------------------------------------


def from_csv(client):
    response = client.get(f"/councils/durham/committee-table.csv?period={PERIOD}")
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    # "'-13.3*": the apostrophe is CSV's "this is text" mark (no formula), not the figure's.
    return table_entries({k: read_csv_field(v) for k, v in row.items()} for row in rows)


def excel_shows(cell):
    """A cell's text as Excel displays it: the number at its format's decimal places (half
    up, thousands separated where the format says), then the format's quoted text."""
    if not isinstance(cell.value, int | float):  # openpyxl reads 23.0 back as 23
        return "" if cell.value is None else str(cell.value)
    number, _, text = cell.number_format.partition(" ")
    number, quote, percent = number.partition('"')  # 0.0"%": the sign is text
    places = len(number.partition(".")[2])
    separator = "," if number.startswith("#,##") else ""
    shown = f"{cell.value:{separator}.{places}f}" + (percent + quote).replace('"', "")
    return " ".join(filter(None, [shown, text.replace('"', "")]))


def from_excel(client):
    response = client.get(f"/councils/durham/committee-table.xlsx?period={PERIOD}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, (excel_shows(c) for c in row), strict=False))
        for row in sheet.iter_rows(min_row=2)
        if row[1].value
    ]
    return table_entries(r for r in rows if r.get("PI ref"))


def from_word(client):
    response = client.get(f"/councils/durham/committee-table.docx?period={PERIOD}")
    table = Document(io.BytesIO(response.content)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    rows = []
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0] != cells[-1]:  # not a merged theme or key-question row
            rows.append(dict(zip(header, cells, strict=True)))
    return table_entries(rows)


def from_html(client):
    page = client.get(f"/councils/durham/committee-table.html?period={PERIOD}").content.decode()
    header = [plain(t) for t in re.findall(r'<th scope="col">(.*?)</th>', page)]
    rows = []
    for row in re.findall(r"<tr>(<td.*?)</tr>", page, re.S):
        cells = [plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows.append(dict(zip(header, cells, strict=True)))
    return table_entries(rows)


# The member pages ----------------------------------------------------------------------------


def member_cell(fragment):
    """(figure text with its label, rating word) from a dashboard or indicator-page cell."""
    figure = re.search(r'<span class="figure">(.*?)</span>', fragment)
    label = re.search(r'<span class="flag">(provisional|revised)</span>', fragment)
    rating = re.search(r'<span class="rating rating--\w+">.*?</span> (\w+)</span>', fragment)
    text = plain(figure.group(1)) if figure else ""
    if label:
        text += f" ({label.group(1)})"
    return text, rating.group(1) if rating else ""


def from_dashboard(client, refs):
    page = client.get(f"/councils/durham/?period={PERIOD}").content.decode()
    found = {}
    for row in re.findall(r'<tr><th scope="row" class="col-indicator">.*?</tr>', page):
        ref = plain(re.search(r'<span class="ref">(.*?)</span>', row).group(1))
        if ref not in refs:
            continue
        for name, fragment in re.findall(r'<td class="col-(\w+)">(.*?)</td>', row):
            column = DASHBOARD_COLUMNS.get(name)
            text, rating = member_cell(fragment)
            if column is None or (column == "local" and not text):
                continue  # the table's one local column is the dashboard's region or neighbours
            found[(ref, column)] = text
            if column not in ("value", "target"):
                found[(ref, f"{column} rating")] = rating
    return found


def from_indicator_page(client, ref, slug):
    page = client.get(f"/councils/durham/indicators/{slug}/?period={PERIOD}").content.decode()
    section = page[page.index('id="latest-heading"') : page.index("</table>", page.index("latest"))]
    names = {"Durham": "value", "Target": "target", "Tracker": "target"}
    names.update({"12 months earlier": "previous_year", "England": "national"})
    names.update({"North East": "local", "Statistical neighbours": "local"})
    found = {}
    for name, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', section):
        column = names.get(plain(name))
        if column is None:
            continue
        text, rating = member_cell(cells)
        found[(ref, column)] = text
        if column not in ("value", "target"):
            found[(ref, f"{column} rating")] = rating
    return found


@pytest.fixture
def durham_q1(seeded):
    """The seeded papers, with CYP S16's Apr - Jun 2017 figure marked provisional."""
    Value.objects.filter(
        indicator__ref="CYP S16", authority__slug="durham", period__end="2017-06-30"
    ).update(status=Value.Status.PROVISIONAL)


def differences(reference, other):
    return {
        key: (text, other.get(key)) for key, text in reference.items() if other.get(key) != text
    }


def test_the_committee_table_formats_print_the_same_text(client, durham_q1):
    csv_entries = from_csv(client)
    assert len({ref for ref, _ in csv_entries}) == 45
    # What the test must cover: a provisional figure, and a comparator printed at more
    # decimals than the council's own figure.
    assert csv_entries[("CYP S16", "value")] == "83.2 (provisional)"
    assert csv_entries[("CYP S26", "value")] == "69"
    assert csv_entries[("CYP S26", "national")] == "69.3"
    for name, entries in (
        ("Excel", from_excel(client)),
        ("Word", from_word(client)),
        ("HTML", from_html(client)),
    ):
        assert differences(csv_entries, entries) == {}, name


def test_the_member_pages_show_the_committee_tables_figures_and_ratings(client, durham_q1):
    table = core(from_csv(client))
    refs = {ref for ref, _ in table}
    dashboard = core(from_dashboard(client, refs))
    assert set(dashboard) <= set(table)
    assert differences(dashboard, table) == {}
    # Every table row is on the dashboard, with its figure and label.
    assert {k for k in table if k[1] in ("value", "label")} <= set(dashboard)
    assert dashboard[("CYP S16", "label")] == "provisional"
    assert dashboard[("CYP S26", "national")] == "69.3"
    assert dashboard[("CYP S26", "national rating")] == "AMBER"
    for ref, slug in (("CYP S26", "cyp-s26"), ("CYP S16", "cyp-s16"), ("CYP S1", "cyp-s1")):
        page = core(from_indicator_page(client, ref, slug))
        assert page[(ref, "value")] and page[(ref, "label")] == table[(ref, "label")]
        assert differences(page, table) == {}, ref
