"""Issue 13: rank and quartile of the council in England, its region and its statistical
neighbours on national indicators: dashboard row, indicator page (each neighbour with its
figure), committee exports, open data."""

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import ComparatorGroup, Indicator, Value
from indicators.observations import observation_rows, write_csv
from indicators.ranks import ranks_for
from reports.dashboard import dashboard_rows, split_context
from reports.exports.table import appendix3_table
from tests import factories as f

pytestmark = pytest.mark.django_db

# Lower is better. Durham 70 is 3rd of 6 in England; 2nd of 4 in the North East.
FIGURES = {"Durham": 70, "Gateshead": 60, "Sunderland": 90, "Hartlepool": 100,
           "Barnsley": 50, "Rotherham": 80}  # fmt: skip


def national(ref, q1):
    measure = Indicator.objects.create(
        authority=None, ref=ref, name=f"Looked-after rate {ref}", polarity="lower",
        unit="rate_10000", frequency="quarterly", decimal_places=1,
    )  # fmt: skip
    return measure


@pytest.fixture
def england(db):
    councils = {name: f.authority(name) for name in FIGURES}
    f.group("North East", kind="regional", members=[
        councils[n] for n in ("Durham", "Gateshead", "Sunderland", "Hartlepool")
    ])  # fmt: skip
    f.group("Durham neighbours", kind="statistical_neighbours", owner=councils["Durham"],
            members=[councils["Barnsley"], councils["Rotherham"]])  # fmt: skip
    q1 = f.quarter(2017)
    measure = national("CLA-RATE", q1)
    for name, figure in FIGURES.items():
        f.value(measure, q1, figure, council=councils[name])
    return councils


def durham_row(england):
    return next(r for r in dashboard_rows(england["Durham"]) if r.ref == "CLA-RATE")


def test_the_row_has_rank_and_quartile_in_each_group(england):
    ranks = durham_row(england).ranks
    assert ranks["national"].text == "3rd of 6, quartile 2"
    assert ranks["regional"].text == "2nd of 4, quartile 2"
    assert ranks["statistical_neighbours"].text == "2nd of 3"  # under four: no quartile


def test_ranks_counted_by_the_database_match_ranks_listed_with_peers(england):
    # The dashboard counts (no peers shown); the indicator page lists each peer's figure.
    values = list(Value.objects.published().filter(authority=england["Durham"]))
    counted = ranks_for(values)
    listed = ranks_for(values, peers=True)
    ((pk, kinds),) = counted.items()
    assert {k: r.text for k, r in kinds.items()} == {k: r.text for k, r in listed[pk].items()}
    assert not any(r.peers for r in kinds.values())
    assert [p[0] for p in listed[pk]["statistical_neighbours"].peers] == [
        "Barnsley", "Durham", "Rotherham",
    ]  # fmt: skip


def test_the_dashboard_and_exports_show_the_rank(client, england):
    page = client.get("/councils/durham/").content.decode()
    assert "Ranked 3rd of 6, quartile 2" in page
    # The committee table (every format prints its cells) carries it beside the rating.
    measure, q1 = Indicator.objects.get(ref="CLA-RATE"), f.quarter(2017)
    f.benchmark(ComparatorGroup.objects.get(name="North East"), measure, q1, 95)
    table = appendix3_table(england["Durham"], q1.end)
    (line,) = [line for _, line in table.flat_rows()]
    assert "Ranked 2nd of 4, quartile 2" in [cell.text for cell in line.cells]


def test_the_indicator_page_lists_each_neighbour_with_its_figure(client, england):
    body = client.get("/councils/durham/indicators/cla-rate/").content.decode()
    page = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))
    assert "North East: Durham is ranked 2nd of 4, quartile 2" in page
    assert "Barnsley 50.0 Durham (this council) 70.0 Rotherham 80.0" in page


def test_the_open_data_has_rank_rank_of_and_quartile(england):
    f.benchmark(f.group("England"), Indicator.objects.get(ref="CLA-RATE"), f.quarter(2017), 70)
    out = io.StringIO()
    values = Value.objects.published().filter(authority=england["Durham"]).for_export()
    write_csv(observation_rows(values), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    (national_row,) = [r for r in rows if r["comparison_kind"] == "national"]
    assert (national_row["rank"], national_row["rank_of"], national_row["quartile"]) == (
        "3rd", "6", "2",
    )  # fmt: skip


def test_queries_are_flat_in_the_number_of_indicators(england):
    def count(peers):
        values = list(
            Value.objects.published()
            .filter(authority=england["Durham"])
            .select_related("indicator")
        )
        with CaptureQueriesContext(connection) as queries:
            ranks_for(values, peers=peers)
        return len(queries)

    one = count(False), count(True)
    q1 = f.quarter(2017)
    for n in range(5):
        measure = national(f"N{n}", q1)
        for name, figure in FIGURES.items():
            f.value(measure, q1, figure + n, council=england[name])
    # The groups (two queries, which the dashboard's comparisons have read already) and the
    # counts; with peers, the members' figures too.
    assert (count(False), count(True)) == one == (3, 4)


def test_a_national_measure_is_in_the_committee_table_of_a_council_that_numbers_its_rows(
    england,
):
    # Durham's paper numbers its rows; a row with no number and no target is context there,
    # but an official measure with a better direction is rated and ranked, not set apart.
    own = f.indicator(england["Durham"], "D1", table_ref="1")
    f.value(own, f.quarter(2017), "5")
    table, context = split_context(dashboard_rows(england["Durham"]))
    assert {r.ref for r in table} == {"D1", "CLA-RATE"} and context == []


def test_england_rank_where_higher_is_better_and_councils_tie(england):
    # Counted, not listed (indicators.ranks._england_counts): the rule's ties and polarity hold.
    measure = Indicator.objects.create(
        authority=None, ref="EET", name="Care leavers in education", polarity="higher",
        unit="percent", frequency="quarterly", decimal_places=1,
    )  # fmt: skip
    q1 = f.quarter(2017)
    tied = {"Durham": 70, "Gateshead": 70}  # level with Durham: both "=2nd"
    for name, figure in FIGURES.items():
        f.value(measure, q1, tied.get(name, figure), council=england[name])
    row = next(r for r in dashboard_rows(england["Durham"]) if r.ref == "EET")
    # Higher is better: 100, 90, 80 above; 70, 70 level; 50 below.
    assert row.ranks["national"].text == "=4th of 6, quartile 3"
    assert row.ranks["regional"].text == "=3rd of 4, quartile 3"


def test_neighbours_rank_comes_from_the_neighbours_group_that_has_members(england):
    # Norfolk's papers give it an empty "Statistical neighbour average" group beside its
    # "Statistical neighbours": named first, it must not hide the neighbours' rank.
    f.group("Durham neighbour average", kind="statistical_neighbours", owner=england["Durham"])
    ranks = durham_row(england).ranks
    assert ranks["statistical_neighbours"].name == "Durham neighbours"
    assert ranks["statistical_neighbours"].text == "2nd of 3"
