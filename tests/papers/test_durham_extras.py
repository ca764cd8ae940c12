"""Durham's figures outside Appendix 3 load beside it without changing it: the infographic's
volumes and mini-tables, the casefile table, the Ofsted recommendation tracker and the 2014
Cabinet statistics, with every published inconsistency flagged (seeds-durham.md §2, §7)."""

import csv
from decimal import Decimal

import pytest
from django.db import transaction

from indicators.comparisons import comparisons_for
from indicators.models import (
    BenchmarkValue,
    Indicator,
    PublishedComparison,
    Target,
    Theme,
    Value,
)
from indicators.observations import export_values, observation_rows
from papers.fidelity import tally_published
from papers.seeds.base import FIXTURES, Seeder, load_reference, number, read_json
from papers.seeds.durham import load_durham_appendix3
from papers.seeds.durham_extras import load_durham_extras

pytestmark = pytest.mark.django_db

MODELS = [Indicator, Value, Target, BenchmarkValue, PublishedComparison, Theme]
APPENDIX_3 = "Durham CYP OSC 28 Sep 2017, Q1 2017/18 Performance Management Report, Appendix 3"


def figures(queryset):
    return sorted(queryset.values_list("pk", "value", "printed", "period_id"))


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """Appendix 3, a snapshot of its figures, then the extras; rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        seeder = Seeder()
        load_reference(seeder)
        load_durham_appendix3(seeder)
        appendix_3 = {
            "values": figures(Value.objects.all()),
            "benchmarks": figures(BenchmarkValue.objects.all()),
            "published": sorted(PublishedComparison.objects.values_list()),
        }
        load_durham_extras(seeder)
        yield appendix_3
        transaction.set_rollback(True)


def durham_value(ref, label):
    return Value.objects.select_related("period", "indicator").get(
        indicator__ref=ref, authority__slug="durham", period__label=label
    )


def export_rows(ref):
    durham = Indicator.objects.get(ref=ref, authority__slug="durham").authority
    return [r for r in observation_rows(export_values(durham)) if r["indicator_ref"] == ref]


def test_looked_after_children_789_against_712_carry_the_715_flag():
    june_2017 = durham_value("X-LAC-COUNT", "As at Jun 2017")
    june_2016 = durham_value("X-LAC-COUNT", "As at Jun 2016")

    assert (june_2017.value, june_2016.value) == (789, 712)
    assert "715" in june_2016.published_quirk and not june_2017.published_quirk
    last_year = next(
        r
        for r in export_rows("X-LAC-COUNT")
        if r["value"] == "789" and r["comparison_kind"] == "previous_year"
    )
    assert last_year["comparison_value"] == "712" and "715" in last_year["flags"]
    assert durham_value("X-LAC-COUNT", "As at Mar 2017").value == 810
    assert durham_value("X-LAC-COUNT", "As at Jul 2017").value == 800


def test_the_casefile_column_adding_to_102_is_flagged_and_the_others_add_to_100():
    columns = {}
    for ref in ("CYP S21", "X-CFA-BELOWGOOD"):
        for v in Value.objects.filter(indicator__ref=ref, authority__slug="durham"):
            columns.setdefault(v.period_id, []).append(v)
    pairs = [column for column in columns.values() if len(column) == 2]

    assert len(pairs) == 3  # Ofsted (20 cases), Q4 (158 cases), Q1 (92 cases)
    for column in pairs:
        total = sum(round(v.value) for v in column)
        flagged = all("102%" in v.published_quirk for v in column)
        assert (total, flagged) in ((100, False), (102, True)), column
    q4 = durham_value("X-CFA-BELOWGOOD", "Jan - Mar 2017")
    assert (q4.value, q4.denominator, q4.period_label) == (
        52,
        158,
        "Quarter 4 Mar 2017 (158 cases)",
    )


def test_the_infographic_61_percent_does_not_duplicate_appendix_3s_60_9():
    q1 = Value.objects.get(
        indicator__ref="CYP S21", authority__slug="durham", period__label="Apr - Jun 2017"
    )
    assert (q1.value, q1.printed, q1.source) == (Decimal("60.9"), "60.9", APPENDIX_3)
    assert "61%" in q1.note
    ingsons = durham_value("CYP S21", "Oct 2016")
    assert ingsons.value == 0 and "Ingsons" in ingsons.published_quirk


def test_the_ofsted_tracker_has_10_amber_and_4_green_judgements():
    tracker = Value.objects.filter(indicator__ref__startswith="OFSTED-REC-")

    assert tracker.count() == 14
    assert sorted(tracker.values_list("printed", flat=True)) == ["Amber"] * 10 + ["Green"] * 4
    assert set(tracker.values_list("value", flat=True)) == {None}
    printed = PublishedComparison.objects.filter(value__in=tracker, kind="target")
    assert sorted(printed.values_list("printed_rating", flat=True)) == ["A"] * 10 + ["G"] * 4
    assert all(p.not_comparable and p.not_comparable_reason for p in printed)
    assert durham_value("OFSTED-REC-8", "As at 28 Sep 2017").printed == "Green"
    rec_7 = Indicator.objects.get(ref="OFSTED-REC-7")
    assert rec_7.theme.name.endswith("Compliance with regulations")
    assert "leaves Recommendation 7 out" in rec_7.published_quirk


def test_the_tracker_appears_in_the_export_and_is_never_computed():
    [row] = export_rows("OFSTED-REC-1")

    assert (row["printed_value"], row["comparison_kind"], row["rating"]) == ("Amber", "target", "")
    assert row["not_comparable"] == "yes"


def test_appendix_3_figures_are_unchanged_and_all_94_ratings_still_reproduce(seeded):
    appendix_3_values = Value.objects.filter(pk__in=[v[0] for v in seeded["values"]])
    appendix_3_benchmarks = BenchmarkValue.objects.filter(
        pk__in=[b[0] for b in seeded["benchmarks"]]
    )

    assert figures(appendix_3_values) == seeded["values"]
    assert figures(appendix_3_benchmarks) == seeded["benchmarks"]
    tallies = tally_published(Value.objects.published().filter(authority__slug="durham"))
    ratings = [t for line, t in tallies.items() if line.measure == "rating"]
    assert sum(t.published for t in ratings) == sum(t.reproduced for t in ratings) == 94


def test_mini_table_symbols_agree_with_appendix_3_and_add_no_duplicate():
    tables = read_json("durham_extras.json")["mini_tables"]
    for row in (row for table in tables for row in table["rows"]):
        [value] = Value.objects.filter(
            indicator__ref=row["ref"], source=APPENDIX_3, authority__slug="durham"
        )
        ratings = set(
            PublishedComparison.objects.filter(
                value=value, kind__in=["regional", "national"]
            ).values_list("published_rating", flat=True)
        )
        assert ratings == ({"green"} if row["symbol"] == "✓" else {"red"}), row["ref"]
        assert row["symbol"] in value.note
        assert BenchmarkValue.objects.filter(indicator=value.indicator).count() == 2


def test_2014_stronger_families_compare_against_may_2014_benchmarks():
    sept = durham_value("X-SF-PCT", "As at Sep 2014")
    [(_, rows)] = comparisons_for([Value.objects.for_export().get(pk=sept.pk)])
    benchmarks = {r.group.slug: (r.comparator_value, r.comparator_period_label) for r in rows}

    assert (sept.value, sept.numerator, sept.denominator) == (Decimal("63.3"), 835, 1320)
    assert benchmarks == {
        "england": (Decimal("44.8"), "up to May 2014"),
        "north-east": (Decimal("49.8"), "up to May 2014"),
        "durham-cipfa-neighbours": (Decimal("50.4"), "up to May 2014"),
    }
    assert "46th" in sept.note
    assert durham_value("X-SF-FAMILIES-P1", "As at Sep 2014").value == 835


def test_2014_re_referrals_meet_their_target_because_lower_is_better():
    rate = durham_value("CYP S15", "Apr - Sep 2014")
    [(_, rows)] = comparisons_for([Value.objects.for_export().get(pk=rate.pk)])
    by_kind = {r.kind: r for r in rows}

    assert by_kind["target"].comparator_value == 28 and by_kind["target"].rating == "green"
    assert by_kind["national"].comparator_value == Decimal("24.9")
    assert rate.period_label == "April to September 2014"


def test_2014_lac_rate_keeps_its_march_2013_comparators():
    benchmarks = BenchmarkValue.objects.filter(
        indicator__ref="CYP S3", period__label="As at Mar 2013"
    ).values_list("comparator_group__slug", "value")

    assert dict(benchmarks) == {"england": 60, "north-east": 80}
    assert durham_value("CYP S3", "As at Mar 2013").value == Decimal("60.8")


def test_foster_placement_shares_that_do_not_reproduce_are_flagged():
    assert "81.1%" in durham_value("X-LAC-FOSTER-COUNT", "As at Jun 2017").published_quirk
    assert "84.1%" in durham_value("X-LAC-FOSTER-COUNT", "As at Jun 2016").published_quirk
    assert "3.2%" in durham_value("X-LAC-INDRES-COUNT", "As at Jun 2017").note
    assert not durham_value("X-LAC-INDRES-COUNT", "As at Jun 2017").published_quirk


def test_the_infographics_england_neet_figure_is_flagged_not_put_in_appendix_3():
    neet = durham_value("CYP S2", "Apr - Jun 2017")
    north_east = BenchmarkValue.objects.get(
        indicator__ref="CYP S2", comparator_group__slug="north-east", period=None
    )

    assert "No Data" in neet.published_quirk and "2.7%" in neet.published_quirk
    assert not BenchmarkValue.objects.filter(
        indicator__ref="CYP S2", comparator_group__slug="england"
    ).exists()
    assert (north_east.printed, north_east.source) == ("4*", APPENDIX_3)
    assert "4.0" in north_east.note


def test_every_figure_added_is_one_the_paper_printed():
    with (FIXTURES / "papers" / "data-durham.csv").open(encoding="utf-8") as f:
        printed = {}
        for row in csv.DictReader(f):
            if row["value"][:1].isdigit():
                printed.setdefault(row["indicator_ref"], set()).add(number(row["value"]))
    csv_refs = {"X-SF-FAMILIES-P1": "X-SF-FAMILIES", "CYP S21": "X-CFA-GOOD"}
    added = Value.objects.filter(authority__slug="durham").exclude(source__startswith=APPENDIX_3)
    for v in added.exclude(value=None).select_related("indicator"):
        ref = v.indicator.ref
        assert v.value in printed[csv_refs.get(ref, ref)], v


def test_loading_twice_changes_nothing():
    before = {model.__name__: model.objects.count() for model in MODELS}
    text = sorted(Value.objects.values_list("pk", "note", "published_quirk"))

    load_durham_extras(Seeder())

    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert sorted(Value.objects.values_list("pk", "note", "published_quirk")) == text
