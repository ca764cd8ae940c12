"""Norfolk's April 2018 MI county table as Word, Excel and CSV reads like Appendix 2 of the
July 2018 pack: the same rows, figures, targets, tolerances, benchmarks, ratings and
arrows (seeds-stockton-norfolk.md §2.6-2.8), checked against the published cells."""

import csv
import io
from collections import defaultdict
from datetime import date

import pytest
from django.db import transaction
from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indicators.models import Authority, Theme
from papers.seeds.base import read_json, read_paper_rows
from reports.exports.formats import render
from reports.exports.layout import committee_table

pytestmark = pytest.mark.django_db

MONTHS = ["Jan-18", "Feb-18", "Mar-18", "Apr-18"]
BENCHMARKS = {
    "stat_neighbours": "Stat neigh avg",
    "best_stat_neighbour": "Best stat neigh",
    "england": "Nat. avg",
    "eastern_region": "Eastern region",
}
WORDS = {"green": "GREEN", "amber": "AMBER", "red": "RED"}
ARROWS = {"↑": "↑", "↓": "↓", "→": "→"}


@pytest.fixture(scope="module")
def documents(seeded_papers, django_db_blocker):
    """The table once for the module, in every format, inside a rolled-back transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        norfolk = Authority.objects.get(slug="norfolk")
        table = committee_table(norfolk, date(2018, 4, 30), "Apr 2018")
        yield {
            "table": table,
            "docx": Document(io.BytesIO(render(table, "docx"))),
            "xlsx": load_workbook(io.BytesIO(render(table, "xlsx"))).active,
            "csv": list(csv.DictReader(io.StringIO(render(table, "csv").decode()))),
        }
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def published():
    """{ref: {column: printed cell}} from the county table as the paper printed it, with
    each rating glyph decoded by its page block's legend (green, amber, red or a set)."""
    config = read_json("norfolk.json")
    legends = {legend: spec["glyphs"] for legend, spec in config["rag_legends"].items()}
    rows = defaultdict(dict)
    for row in read_paper_rows("data-stockton-norfolk.csv"):
        if row["authority"] != "Norfolk" or not row["notes"].startswith("MI county table"):
            continue
        ref = row["indicator_ref"] or config["synthetic_refs"][row["indicator_name"]]
        cells = rows[ref]
        where = row["comparator"]
        if where == "self" and row["period_label"] in MONTHS:
            cells[row["period_label"]] = row["value"]
        if where == "self" and row["period_label"] == "Apr-18":
            cells.update(Target=row["target"], DOT=row["published_dot"])
            cells.update(Red=row["red_tolerance"], Green=row["green_tolerance"])
        if where in BENCHMARKS:
            cells[BENCHMARKS[where]] = row["value"]
        glyph = row["published_rag"]
        if glyph and row["period_label"] == "Apr-18":
            legend = next(legend for legend in legends if f"({legend})" in row["notes"])
            column = "County" if where == "self" else where.split(":", 1)[1]
            cells[f"RAG {column}"] = (set(legends[legend][glyph]), row["value"])
    return rows


def word_rows(document):
    table = document.tables[0]
    header = [cell.text for cell in table.rows[1].cells]
    return header, [
        dict(zip(header, (c.text for c in r.cells), strict=True)) for r in table.rows[2:]
    ]


def test_every_county_row_is_there_in_the_published_order(documents, published):
    _, rows = word_rows(documents["docx"])
    refs = [row["Ref"] for row in rows]
    assert len(refs) == 106  # 1.7 is printed with no figures, and is here with none
    assert set(refs) == set(published) | {"1.7"}
    assert refs[:3] == ["1.1", "1.1a", "1.2"] and refs[-1] == "12.2c"


def test_the_word_table_prints_the_published_figures(documents, published):
    _, rows = word_rows(documents["docx"])
    compared = 0
    for row in rows:
        for column, printed in published.get(row["Ref"], {}).items():
            if column in (*MONTHS, "Target", "Red", "Green", *BENCHMARKS.values()):
                assert row[column] == printed, (row["Ref"], column)
                compared += 1
    assert compared > 500


def test_the_county_ratings_match_the_published_rag(documents, published):
    _, rows = word_rows(documents["docx"])
    rated = {r["Ref"]: r["County"] for r in rows if r["County"]}
    expected = {
        ref: cells["RAG County"][0] for ref, cells in published.items() if "RAG County" in cells
    }
    assert set(rated) == set(expected) and len(rated) == 18
    for ref, text in rated.items():
        # A block-2 star is Green or Red (its colour is lost); the rule picks one of them.
        assert text.lower() in expected[ref], ref


def test_every_locality_rating_the_paper_printed_is_in_the_table(documents, published):
    """April 2018: no locality cell is blank where the paper printed a rating. Where the
    paper quotes the locality's figure the rule's rating is there; where it printed only
    the glyph, the paper's rating is there marked † (as published, no figure)."""
    _, rows = word_rows(documents["docx"])
    localities = ["Breckland", "North", "Norwich", "South", "West", "Yarmouth"]
    checked = {"rated": 0, "as published": 0}
    for row in rows:
        for area in localities:
            glyph = published.get(row["Ref"], {}).get(f"RAG {area}")
            if not glyph:
                assert row[area] == "", (row["Ref"], area)
            elif glyph[1]:  # the paper quotes the locality's figure: the rule rates it
                assert row[area].lower() in glyph[0], (row["Ref"], area)
                checked["rated"] += 1
            else:
                word, marker = row[area][:-1], row[area][-1:]
                assert marker == "†", (row["Ref"], area)
                assert set(word.lower().split(" or ")) == glyph[0], (row["Ref"], area)
                checked["as published"] += 1
    assert checked == {"rated": 12, "as published": 96}
    key = " ".join(documents["table"].key_notes)
    assert "† The paper's rating, printed with no figure" in key


def test_a_rating_printed_without_a_figure_is_coloured_as_printed_in_excel(documents):
    sheet = documents["xlsx"]
    header = [c.value for c in sheet[1]]
    column = get_column_letter(next(i for i, h in enumerate(header, 1) if "Breckland" in h))
    cells = {str(c.value): c for c in sheet[column][1:] if c.value}
    assert cells["RED†"].fill.start_color.rgb.endswith("FFC7CE")  # the red fill
    assert cells["GREEN OR RED†"].fill.fill_type is None  # two colours: no fill


def test_the_dot_arrows_match_except_the_five_printed_ties(documents, published):
    _, rows = word_rows(documents["docx"])
    ties = {u["ref"] for u in read_json("norfolk.json")["undecidable_directions"]}
    agree = 0
    for row in rows:
        printed = published.get(row["Ref"], {}).get("DOT", "")
        if printed in ARROWS:
            if row["Ref"] in ties:
                assert row["DOT"].startswith("→")  # equal as printed; the paper used more digits
            else:
                assert row["DOT"].startswith(printed), row["Ref"]
                agree += 1
        elif printed in (".", "•"):
            assert row["DOT"] == "•"
    assert agree == 91


def test_every_shaded_word_cell_says_its_rating_in_words(documents):
    shaded = 0
    for row in documents["docx"].tables[0].rows[2:]:
        for cell in row.cells:
            fill = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
            if fill:
                shaded += 1
                assert cell.text.removesuffix("†") in WORDS.values()
    # County, localities with a figure, and one-colour ratings printed with no figure.
    assert shaded == 18 + 12 + (96 - 37)


def test_the_word_header_groups_columns_and_repeats_on_every_page(documents):
    table = documents["docx"].tables[0]
    groups = [c.text for c in table.rows[0].cells]
    assert groups.count("RAG") == 7 and groups.count("Latest benchmarking") == 5
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")
    section = documents["docx"].sections[0]
    assert section.page_width > section.page_height
    text = "\n".join(p.text for p in documents["docx"].paragraphs)
    assert "Red and a Green tolerance" in text  # the report key
    assert "percentages over 100" in text  # footnote ❶ kept
    assert "6.5: Red 30 / Green 35 is inverted" in text  # a published quirk, flagged


def test_the_excel_sheet_keeps_percentages_as_numbers_that_read_as_printed(documents):
    sheet = documents["xlsx"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "D2"
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2) if r[1].value}
    apr = rows["3.3"][header.index("Last four months Apr-18")]
    assert apr.value == 61.9 and apr.number_format == '0.0"%"'
    county = rows["3.3"][header.index("RAG County")]
    assert county.value == "RED" and county.fill.start_color.rgb.endswith("FFC7CE")
    assert rows["7.1"][header.index("Last four months Apr-18")].value == 1179


def test_the_csv_names_each_column_by_its_group(documents):
    rows = {r["Ref"]: r for r in documents["csv"]}
    assert rows["8.4"]["RAG Yarmouth"] == "GREEN" and rows["8.4"]["RAG West"] == "RED"
    assert rows["2.4"]["Current year YTD"] == "1,876" and rows["2.4"]["Previous YTD"] == "2,296"


def test_a_theme_narrows_the_table_to_its_rows(documents, django_db_blocker):
    with django_db_blocker.unblock():
        norfolk = Authority.objects.get(slug="norfolk")
        lac = Theme.objects.get(authority=norfolk, name="LAC")
        table = committee_table(norfolk, date(2018, 4, 30), "Apr 2018", theme=lac)
    refs = [row.label for _, row in table.flat_rows()]
    assert refs and all(r.startswith("7.") for r in refs)
    assert table.title.endswith(", LAC")
