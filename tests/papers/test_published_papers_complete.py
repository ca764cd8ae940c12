"""Issue #3's fixture list, item by item: every printed figure it names is loaded by
`load_seed_data`, exactly as printed, read back from the extraction in fixtures/papers/."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.models import (
    BenchmarkValue,
    Commentary,
    ComparatorGroup,
    Indicator,
    PublishedComparison,
    Target,
    Tolerance,
    Value,
)
from papers.seeds.base import read_json, read_paper_rows
from papers.seeds.norfolk_mi import BENCHMARK_GROUPS, MONTHS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_papers")]

MI_TABLE = "MI county table"


@pytest.fixture(scope="module")
def norfolk_rows():
    return [r for r in read_paper_rows("data-stockton-norfolk.csv") if r["authority"] == "Norfolk"]


@pytest.fixture(scope="module")
def config():
    return read_json("norfolk.json")


def norfolk_value(ref, start, area=None):
    return Value.objects.get(
        authority__slug="norfolk",
        indicator__ref=ref,
        area__name=area,
        period__kind="month",  # not the year to date over the same days
        period__start=start,
    )


# Durham, Q1 2017/18, Appendix 3 --------------------------------------------------------


def test_appendix_3_has_every_row_with_its_latest_value_period_and_target():
    indicators = Indicator.objects.filter(authority__slug="durham", table_ref__gt="")
    assert indicators.count() == 45
    assert not indicators.filter(theme=None).exists()
    assert not indicators.filter(key_question=None).exists()
    for ind in indicators:
        latest = Value.objects.filter(
            indicator=ind, source__endswith="Appendix 3", workflow="approved"
        )
        assert latest.count() == 1, ind.ref  # the latest value; 12 months earlier is apart
        target = Target.objects.get(indicator=ind, period=latest.get().period)
        assert target.printed == "Tracker" or target.value is not None, ind.ref


def test_appendix_3_keeps_every_comparison_cell_as_printed():
    cells = PublishedComparison.objects.filter(
        value__authority__slug="durham", source__endswith="Appendix 3"
    )
    assert cells.count() == 45 * 3  # 12 months earlier, England, North East or neighbours
    tokens = [p for p in cells.values_list("printed_comparator", flat=True) if p[:1].isalpha()]
    assert sorted(set(tokens)) == ["NA", "New PI", "No Data"]
    assert (tokens.count("No Data"), tokens.count("New PI"), tokens.count("NA")) == (21, 8, 1)
    for cell in cells.exclude(printed_comparator__in=tokens).select_related("value"):
        figure = cell.printed_comparator.rstrip("*")
        assert figure.replace(".", "").lstrip("-").isdigit(), (cell.value, cell.printed_comparator)
    neighbours = cells.get(kind="statistical_neighbours")
    assert (neighbours.value.indicator.ref, neighbours.printed_comparator) == ("CYP S35", "413**")


def test_each_benchmark_keeps_its_own_period_even_two_in_one_cell():
    ahs4 = dict(
        BenchmarkValue.objects.filter(indicator__ref="AHS4").values_list(
            "comparator_group__slug", "period__label"
        )
    )
    assert ahs4 == {"england": "2011/12 - 2013/14", "north-east": "2010/11 - 2012/13"}


def test_footnotes_and_comparator_groups_are_as_printed():
    assert Indicator.objects.get(ref="CYP S2").footnote.startswith("[1] The high number")
    for ref in ("CYP S35", "CYP S34"):
        assert "amended/refreshed" in Indicator.objects.get(ref=ref).footnote
    north_east = ComparatorGroup.objects.get(slug="north-east")
    assert north_east.members.count() == 12 and north_east.members.filter(slug="durham")
    assert ComparatorGroup.objects.get(slug="durham-cipfa-neighbours").members.count() == 15


def test_the_key_messages_volumes_are_loaded_with_last_years_figure():
    lac = Value.objects.filter(indicator__ref="X-LAC-COUNT", authority__slug="durham")
    assert {v.period.label: v.value for v in lac}.items() >= {
        "As at Jun 2017": 789,
        "As at Jun 2016": 712,
    }.items()


# Norfolk, July 2018: the vital-signs dashboard ------------------------------------------


def test_every_vital_sign_cell_is_loaded_with_its_fraction(config, norfolk_rows):
    printed = {}
    for row in norfolk_rows:
        if row["area_or_theme"].startswith("Vital signs dashboard") and row["value"]:
            printed.setdefault(row["indicator_name"], []).append(row)
    signs = Indicator.objects.filter(ref__in=[s["ref"] for s in config["vital_signs"]])
    assert signs.count() == 16 and len(printed) == 16
    fractions = 0
    for sign in signs:
        stored = {
            (v.period.start, v.printed, v.numerator, v.denominator) for v in sign.values.all()
        }
        expected = {
            (
                date.fromisoformat(r["period_start"]),
                r["value"],
                int(r["numerator"]) if r["numerator"] else None,
                int(r["denominator"]) if r["denominator"] else None,
            )
            for r in printed[sign.name]
        }
        assert stored == expected, sign.ref
        fractions += sum(1 for cell in stored if cell[2] is not None)
    assert fractions == 114
    monthly = signs.filter(frequency="monthly")
    assert monthly.count() == 10
    assert all(s.values.count() == 13 for s in monthly)


def test_vital_sign_targets_keep_their_printed_form():
    printed = set(
        Target.objects.filter(indicator__ref__startswith="VS-").values_list("printed", flat=True)
    )
    assert {"<20%", ">86%", "<15%", "<55", "100%", "92%", "70%", "20.0%"} == printed


# Norfolk, July 2018: the MI county table, every column ----------------------------------


def mi_rows(norfolk_rows, config):
    for row in norfolk_rows:
        if row["notes"].startswith(MI_TABLE):
            ref = row["indicator_ref"] or config["synthetic_refs"][row["indicator_name"]]
            yield ref, row


def test_every_mi_county_table_cell_is_loaded(norfolk_rows, config):
    without = {
        (g["ref"], g["locality"]): g["glyph"] for g in config["locality_ratings_without_values"]
    }
    april = date(2018, 4, 1)
    checked = {}
    for ref, row in mi_rows(norfolk_rows, config):
        comparator, label = row["comparator"], row["period_label"]
        if comparator == "self" and label in MONTHS:
            # A rolling figure is filed under the month that ends its window.
            value = norfolk_value(ref, date.fromisoformat(row["period_end"]).replace(day=1))
            assert value.printed == row["value"], (ref, label)
            kind = "month"
        elif comparator == "self":  # YTD and previous YTD, on their year-to-date periods
            value = Value.objects.get(
                indicator__authority__slug="norfolk",
                indicator__ref=ref,
                area__isnull=True,
                period__kind="year_to_date",
                period__start=date.fromisoformat(row["period_start"]),
                period__end=date.fromisoformat(row["period_end"]),
            )
            assert value.printed == row["value"], (ref, label)
            kind = label
        elif comparator in BENCHMARK_GROUPS:
            bench = BenchmarkValue.objects.get(
                indicator__authority__slug="norfolk",
                indicator__ref=ref,
                comparator_group__slug=BENCHMARK_GROUPS[comparator],
            )
            assert bench.printed == row["value"], (ref, comparator)
            kind = "benchmark"
        else:
            locality = comparator.split(":", 1)[1]
            if row["value"]:
                cell = PublishedComparison.objects.get(
                    value=norfolk_value(ref, april, locality), kind="target"
                )
                assert cell.printed_rating.startswith(row["published_rag"]), (ref, locality)
                kind = "locality rating with its value"
            else:  # stored with no figure, holding the printed glyph
                assert without[(ref, locality)] == row["published_rag"], (ref, locality)
                value = norfolk_value(ref, april, locality)
                cell = PublishedComparison.objects.get(value=value, kind="target")
                assert value.value is None and value.printed == "", (ref, locality)
                assert cell.printed_rating.startswith(row["published_rag"]), (ref, locality)
                kind = "locality rating, value not printed"
        checked[kind] = checked.get(kind, 0) + 1
    assert checked == {
        "month": 416,
        "YTD": 32,
        "Previous YTD": 6,
        "benchmark": 87,
        "locality rating with its value": 12,
        "locality rating, value not printed": 96,
    }


def test_every_mi_target_tolerance_and_county_rating_is_loaded(norfolk_rows, config):
    april = [
        (ref, r)
        for ref, r in mi_rows(norfolk_rows, config)
        if r["comparator"] == "self" and r["period_label"] == "Apr-18"
    ]
    targets = {ref: r["target"] for ref, r in april if r["target"]}
    stored = Target.objects.filter(
        indicator__authority__slug="norfolk", indicator__table_ref__gt=""
    )
    assert dict(stored.values_list("indicator__ref", "printed")) == targets
    tolerances = {
        ref: (r["red_tolerance"], r["green_tolerance"]) for ref, r in april if r["red_tolerance"]
    }
    assert len(tolerances) == 19
    for tolerance in Tolerance.objects.filter(authority__slug="norfolk").select_related(
        "indicator"
    ):
        red, green = tolerances[tolerance.indicator.ref]
        assert (tolerance.red, tolerance.green) == (
            Decimal(red.rstrip("%")),
            Decimal(green.rstrip("%")),
        )
    rated = {ref: r["published_rag"] for ref, r in april if r["published_rag"]}
    assert len(rated) == 18
    county = PublishedComparison.objects.filter(
        value__authority__slug="norfolk", kind="target", value__area=None
    ).select_related("value__indicator")
    assert {pc.value.indicator.ref: pc.printed_rating[:1] for pc in county} == rated
    assert not any(
        r["comparator"] == "national_top_quartile" for r in norfolk_rows
    )  # never printed


def test_the_mi_indicator_pages_give_13_months(norfolk_rows, config):
    for ref in ("3.3", "7.2", "8.4"):
        series = Value.objects.filter(
            authority__slug="norfolk", indicator__ref=ref, area=None, period__kind="month"
        )
        assert series.count() == 13, ref


def test_the_four_report_cards_have_every_field(config):
    cards = Commentary.objects.filter(authority__slug="norfolk")
    assert cards.count() == 4
    for card in cards:
        for name in ("why_important", "background", "actions", "success"):
            assert getattr(card, name).strip(), (card.indicator.ref, name)
        assert card.lead_officer and card.data_owner, card.indicator.ref
    titles = {c["title"] for c in config["report_cards"]}
    assert {c.source.split(": ", 1)[1] for c in cards} == titles


# Stockton, Q1 2017/18 --------------------------------------------------------------------


def stockton(ref, label=None):
    values = Value.objects.filter(authority__slug="stockton-on-tees", indicator__ref=ref)
    return values.get(period__label=label) if label else values.get()


def test_stocktons_tables_and_key_social_care_figures_are_loaded():
    for ref in ("SCH-GOOD-ALL", "SCH-GOOD-PRI", "SCH-GOOD-SEC"):
        groups = BenchmarkValue.objects.filter(indicator__ref=ref)
        assert set(groups.values_list("comparator_group__slug", flat=True)) == {
            "england",
            "north-east",
        }
        assert "since June 2016" in stockton(ref).note
    for ref in ("NEET-PCT", "NOT-KNOWN-PCT", "IN-LEARNING-PCT", "YP1214-COHORT"):
        assert BenchmarkValue.objects.filter(
            indicator__ref=ref, comparator_group__slug="tees-valley"
        )
    assert (
        Value.objects.filter(
            indicator__ref__startswith="CFA-", authority__slug="stockton-on-tees"
        ).count()
        == 8
    )
    assert Value.objects.filter(indicator__ref__startswith="RH-").count() == 9
    figures = {
        ("SA-TIMELY", None): "99%",
        ("CP-PLANS", "As at Mar 2017"): "307",
        ("CP-PLANS", "As at Jun 2017"): "276",
        ("REVIEWS-TIMELY", None): "98%",
        ("CPC-TIMELY", None): "93%",
        ("CIC-COUNT", None): "433",
        ("CL-ACCOMMODATION", None): "93%",
        ("CL-EET", None): "63%",
    }
    for (ref, label), printed in figures.items():
        assert stockton(ref, label).printed == printed, ref


# Durham 2014 and 2016 ----------------------------------------------------------------------


def test_durhams_2014_figures_and_the_ofsted_tracker_are_loaded():
    sept = Value.objects.get(indicator__ref="X-SF-PCT", period__label="As at Sep 2014")
    groups = BenchmarkValue.objects.filter(indicator=sept.indicator).values_list(
        "comparator_group__slug", flat=True
    )
    assert set(groups) == {"england", "north-east", "durham-cipfa-neighbours"}
    tracker = PublishedComparison.objects.filter(value__indicator__ref__startswith="OFSTED-REC-")
    assert tracker.count() == 14 and set(tracker.values_list("printed_rating", flat=True)) == {
        "A",
        "G",
    }
