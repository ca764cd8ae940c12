"""One figure everywhere: one council's period read from every output a member or a
committee clerk sees (the dashboard, the indicator page, and the committee table as CSV,
Excel, Word and HTML) gives each indicator the same figure, target, comparators,
tolerances, label, direction and rating words. Durham's Apr - Jun 2017 (Appendix 3) and
Norfolk's April 2018 (the MI county table).

Each output is read into {(ref, column): text}. The committee-table formats print the
paper's own text ("8.8*", "1522", "69"), so they must agree with each other exactly; the
member pages add the unit ("69%") and thousands separators ("1,522") and drop the paper's
footnote markers, so against them the figure itself is compared: the number as printed, at
its own precision ("69.3", never "69"), its provisional or revised label, and the rating
and direction words.
"""

import csv
import html
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from indicators.models import Value
from indicators.spreadsheet_text import read_csv_field

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Council:
    slug: str
    period: str
    ref_column: str  # the committee table's reference column
    table_columns: dict  # committee-table title -> what it holds
    dashboard_columns: dict  # dashboard column -> what it holds
    page_rows: dict  # indicator-page row title -> what it holds
    provisional: str  # the row whose latest figure the test marks provisional
    pages: tuple  # (ref, slug) of the indicator pages read
    # Norfolk's table prints the last four months: a figure is keyed by its month.
    by_month: bool = False
    examples: dict = field(default_factory=dict)  # {(ref, column): text} the CSV must print


DURHAM = Council(
    slug="durham",
    period="2017-06-30",
    ref_column="PI ref",
    table_columns={
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
    },
    # The table's one local column is the dashboard's region or neighbours.
    dashboard_columns={
        "latest": "value",
        "target": "target",
        "previous_year": "previous_year",
        "england": "national",
        "region": "local",
        "neighbours": "local",
    },
    page_rows={
        "Durham": "value",
        "Target": "target",
        "Tracker": "target",
        "12 months earlier": "previous_year",
        "England": "national",
        "North East": "local",
        "Statistical neighbours": "local",
    },
    provisional="CYP S16",
    pages=(("CYP S26", "cyp-s26"), ("CYP S16", "cyp-s16"), ("CYP S1", "cyp-s1")),
    # A provisional figure, and a comparator printed at more decimals than the figure.
    examples={
        ("CYP S16", "value"): "83.2 (provisional)",
        ("CYP S26", "value"): "69",
        ("CYP S26", "national"): "69.3",
    },
)
NORFOLK = Council(
    slug="norfolk",
    period="2018-04-30",
    ref_column="Ref",
    table_columns={
        "Current year Target": "target",
        "RAG County": "target rating",
        "DOT (month on month) DOT": "direction",
        "Tolerances Red": "red",
        "Tolerances Green": "green",
        "Latest benchmarking Stat neigh avg": "neighbours",
        "Latest benchmarking Nat. avg": "national",
        "Latest benchmarking Eastern region": "region",
    },
    dashboard_columns={
        "latest": "value",
        "target": "target",
        "previous_period": "value",  # last month's figure: one of the table's months
        "england": "national",
        "region": "region",
        "neighbours": "neighbours",
    },
    page_rows={
        "Norfolk": "value",
        "Target": "target",
        "Previous period": "value",
        "England": "national",
        "Eastern region": "region",
        "Statistical neighbour average": "neighbours",
    },
    provisional="1.4",
    pages=(("1.4", "1-4"), ("2.3", "2-3"), ("3.3", "3-3"), ("2.4", "2-4")),
    by_month=True,
    # Printed without a thousands separator, and kept so in every format.
    examples={
        ("1.4", "value Apr-18"): "1522 (provisional)",
        ("1.4", "value Mar-18"): "1637",
        ("3.3", "target rating"): "RED",
        ("2.3", "red"): "15%",
    },
)
COUNCILS = [pytest.param(DURHAM, id="durham"), pytest.param(NORFOLK, id="norfolk")]

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
LABEL = re.compile(r" \((provisional|revised)\)$")
RATINGS = {"GREEN", "AMBER", "RED"}
# The table's DOT words and the member pages' direction words.
DIRECTIONS = {"better": "improved", "improved": "improved", "worse": "worse", "same": "same"}
DIRECTIONS["change"] = "same"  # "No change"


def plain(fragment):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def figure_of(text):
    """The number as printed, without unit, marker, label or thousands separator: "1522"
    from "1,522", "69.3" from "69.3%"."""
    found = NUMBER.search(LABEL.sub("", text))
    return found.group(0).replace(",", "") if found else ""


def month(period_label):
    """The table's month column for a period the member pages label "Apr 2018"."""
    return datetime.strptime(period_label, "%b %Y").strftime("%b-%y")


def column_of(council, title):
    if council.by_month and title.startswith("Last four months "):
        return f"value {title.removeprefix('Last four months ')}"
    return council.table_columns.get(title)


def table_entries(council, rows):
    """{(ref, column): text} from the committee table's rows, each a {title: text}."""
    found = {}
    for row in rows:
        for title, text in row.items():
            column = column_of(council, title)
            if column and row[council.ref_column]:
                found[(row[council.ref_column], column)] = text
    return found


def core(entries):
    """What every output must agree on: the figure, its label, the target, the direction,
    the rating."""
    found = {}
    for (ref, column), text in entries.items():
        if column.endswith("rating"):
            found[(ref, column)] = text.upper() if text.upper() in RATINGS else ""
        elif column == "direction":
            found[(ref, column)] = DIRECTIONS.get(text.split(" ")[-1].lower(), "")
        elif column == "target":  # a tolerance without a target: the pages say "Target"
            found[(ref, column)] = "" if text == "Target" else text
        else:
            found[(ref, column)] = figure_of(text)
            if column.startswith("value"):
                label = LABEL.search(text)
                found[(ref, f"{column} label")] = label.group(1) if label else ""
    return found


# The committee table, four formats ---------------------------------------------------------


def url(council, path):
    return f"/councils/{council.slug}/{path}?period={council.period}"


def csv_rows(client, council):
    response = client.get(url(council, "committee-table.csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    # "'-13.3*": the apostrophe is CSV's "this is text" mark (no formula), not the figure's.
    return [{k: read_csv_field(v) for k, v in row.items()} for row in rows]


def titles(client, council):
    """The table's columns as CSV names them ("RAG County"), without CSV's own."""
    header = next(csv.reader(io.StringIO(client.get(url(council, "committee-table.csv")).text)))
    return [t for t in header if t not in ("Theme", "Key question", "Caveats")]


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


def from_excel(client, council):
    sheet = load_workbook(io.BytesIO(client.get(url(council, "committee-table.xlsx")).content))
    sheet = sheet.active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (excel_shows(c) for c in row), strict=False)) for row in sheet]
    return table_entries(council, (r for r in rows[1:] if r.get(council.ref_column)))


def from_word(client, council, columns):
    table = Document(io.BytesIO(client.get(url(council, "committee-table.docx")).content))
    rows, body = [], False
    for row in table.tables[0].rows:
        cells = [c.text for c in row.cells]
        if body and len(set(cells)) > 1:  # not a merged theme or key-question row
            rows.append(dict(zip(columns, cells, strict=True)))
        body = body or council.ref_column in cells  # the header's last row
    return table_entries(council, rows)


def from_html(client, council, columns):
    page = client.get(url(council, "committee-table.html")).content.decode()
    rows = []
    for row in re.findall(r"<tr>(<td.*?)</tr>", page, re.S):
        cells = [plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        rows.append(dict(zip(columns, cells, strict=True)))
    return table_entries(council, rows)


# The member pages ----------------------------------------------------------------------------


def member_cells(council, ref, column, fragment):
    """{(ref, column): text} from one dashboard or indicator-page cell: the figure with its
    label, its rating, the direction of travel, a target's tolerances."""
    figure = re.search(r'<span class="figure">(.*?)</span>', fragment)
    if figure is None:
        return {}
    text = plain(figure.group(1))
    label = re.search(r'<span class="flag">(provisional|revised)</span>', fragment)
    if label:
        text += f" ({label.group(1)})"
    period = re.search(r'<span class="period">(.*?)</span>', fragment)
    rating = re.search(r'<span class="rating rating--\w+">.*?</span> (\w+)</span>', fragment)
    direction = re.search(r'<span class="direction direction--\w+">.*?</span> ([^<]+)', fragment)
    rating = rating.group(1) if rating else ""
    if column == "value" and council.by_month:
        found = {(ref, f"value {month(plain(period.group(1)))}"): text}
        if direction:  # the month before: the table's DOT
            found[(ref, "direction")] = direction.group(1)
        return found
    found = {(ref, column): text, (ref, f"{column} rating"): rating}
    tolerance = re.search(r'<span class="tolerance">Red (\S+), Green (\S+)</span>', fragment)
    if tolerance:
        found[(ref, "red")], found[(ref, "green")] = tolerance.groups()
    return found


def from_dashboard(client, council, refs):
    page = client.get(url(council, "")).content.decode()
    found = {}
    for row in re.findall(r'<tr><th scope="row" class="col-indicator">.*?</tr>', page):
        ref = plain(re.search(r'<span class="ref">(.*?)</span>', row).group(1))
        if ref not in refs:
            continue
        for name, fragment in re.findall(r'<td class="col-(\w+)">(.*?)</td>', row):
            column = council.dashboard_columns.get(name)
            if column is not None:
                found.update(member_cells(council, ref, column, fragment))
    return found


def from_indicator_page(client, council, ref, slug):
    page = client.get(url(council, f"indicators/{slug}/")).content.decode()
    section = page[page.index('id="latest-heading"') : page.index("</table>", page.index("latest"))]
    found = {}
    for name, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', section):
        column = council.page_rows.get(plain(name))
        if column is not None:
            found.update(member_cells(council, ref, column, cells))
    return found


def mark_provisional(council):
    updated = Value.objects.filter(
        indicator__ref=council.provisional,
        authority__slug=council.slug,
        area__isnull=True,
        period__end=council.period,
    ).update(status=Value.Status.PROVISIONAL)
    assert updated == 1


def differences(reference, other):
    return {
        key: (text, other.get(key)) for key, text in reference.items() if other.get(key) != text
    }


@pytest.mark.parametrize("council", COUNCILS)
def test_the_committee_table_formats_print_the_same_text(client, seeded_papers, council):
    mark_provisional(council)
    columns = titles(client, council)
    csv_entries = table_entries(council, csv_rows(client, council))
    assert len({ref for ref, _ in csv_entries}) >= 45
    for key, text in council.examples.items():
        assert csv_entries[key] == text, key
    for name, entries in (
        ("Excel", from_excel(client, council)),
        ("Word", from_word(client, council, columns)),
        ("HTML", from_html(client, council, columns)),
    ):
        assert differences(csv_entries, entries) == {}, name
        assert set(entries) == set(csv_entries), name


@pytest.mark.parametrize("council", COUNCILS)
def test_the_member_pages_show_the_committee_tables_figures_and_ratings(
    client, seeded_papers, council
):
    mark_provisional(council)
    table = core(table_entries(council, csv_rows(client, council)))
    refs = {ref for ref, _ in table}
    # What the council's table prints; the member pages show more (Norfolk's ratings
    # against benchmarks, Durham's against the target).
    dashboard = {k: v for k, v in core(from_dashboard(client, council, refs)).items() if k in table}
    assert differences(dashboard, table) == {}
    # Every figure the table prints for the period is on the dashboard, with its label.
    latest = {k for k, v in table.items() if k[1].startswith("value") and v}
    if council.by_month:  # the table's other months are not the dashboard's
        latest = {k for k in latest if k[1].endswith(month_of(council.period))}
    assert latest <= set(dashboard)
    assert dashboard[(council.provisional, latest_label(council))] == "provisional"
    for key, text in council.examples.items():
        assert dashboard.get(key, figure_of(text)) == core({key: text})[key], key
    for ref, slug in council.pages:
        page = core(from_indicator_page(client, council, ref, slug))
        page = {k: v for k, v in page.items() if k in table}
        assert differences(page, table) == {}, ref
        assert (ref, latest_label(council)) in page, ref


def month_of(period):
    return datetime.strptime(period, "%Y-%m-%d").strftime("%b-%y")


def latest_label(council):
    return f"value {month_of(council.period)} label" if council.by_month else "value label"
