"""Stockton's Q1 2017/18 Cabinet update loads as published: the Ofsted rankings with their
ranks, NEET against Tees Valley, the case-file audits, the residential homes and the
narrative KPIs, each with its own period (seeds-stockton-norfolk.md §1)."""

import csv
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction

from indicators.models import BenchmarkValue, Indicator, PublishedComparison, Theme, Value
from indicators.observations import export_values, observation_rows
from indicators.rules.printed import parse_printed
from papers.seeds.base import FIXTURES, Seeder, load_reference, number
from papers.seeds.stockton import load_stockton

pytestmark = pytest.mark.django_db

MODELS = [Indicator, Value, BenchmarkValue, PublishedComparison, Theme]


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """Load once for the module, inside a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        seeder = Seeder()
        load_reference(seeder)
        load_stockton(seeder)
        yield seeder
        transaction.set_rollback(True)


def value(ref, label=None):
    values = Value.objects.select_related("period").filter(
        indicator__ref=ref, authority__slug="stockton-on-tees"
    )
    return values.get(period__label=label) if label else values.get()


def tees_valley(ref):
    return BenchmarkValue.objects.get(indicator__ref=ref, comparator_group__slug="tees-valley")


def percent(numerator, denominator, places=2):
    exact = Decimal(numerator) / Decimal(denominator) * 100
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_neet_shares_reproduce_from_the_cohort_less_other():
    neet = value("NEET-PCT")

    assert (neet.value, neet.numerator, neet.denominator) == (Decimal("5.97"), 380, 6364)
    assert neet.expected_from_fraction() == neet.value
    assert percent(380, 6374) == Decimal("5.96")  # the whole cohort would not reproduce it
    assert neet.period.label == "As at Jun 2017" and neet.period_label == "June 2017"
    for ref in ("NOT-KNOWN-PCT", "IN-LEARNING-PCT"):
        share = value(ref)
        assert share.expected_from_fraction() == share.value and not share.published_quirk


def test_tees_valley_is_the_neet_comparator_and_reproduces_too():
    assert tees_valley("NEET-PCT").value == percent(1113, 17954) == Decimal("6.20")
    assert "1113 of 17954" in tees_valley("NEET-PCT").note
    assert tees_valley("NOT-KNOWN-PCT").value == percent(1431, 17954) == Decimal("7.97")
    assert tees_valley("IN-LEARNING-PCT").value == percent(14709, 17954)
    assert tees_valley("YP1214-COHORT").value == 17972
    polarities = dict(
        Indicator.objects.filter(
            ref__in=["NEET-PCT", "NOT-KNOWN-PCT", "IN-LEARNING-PCT"]
        ).values_list("ref", "polarity")
    )
    assert polarities == {
        "NEET-PCT": "lower",
        "NOT-KNOWN-PCT": "lower",
        "IN-LEARNING-PCT": "higher",
    }


def test_school_ranks_are_kept_exactly_as_printed():
    cells = {ref: value(ref) for ref in ("SCH-GOOD-ALL", "SCH-GOOD-PRI", "SCH-GOOD-SEC")}

    assert [v.printed for v in cells.values()] == ["94(2nd)", "96(=3rd)", "89 (1st)"]
    assert [v.value for v in cells.values()] == [94, 96, 89]
    ranks = [parse_printed(v.printed) for v in cells.values()]
    assert [(r.rank, r.rank_tied) for r in ranks] == [(2, False), (3, True), (1, False)]
    assert cells["SCH-GOOD-ALL"].note.startswith("Rank 2nd in the North East")
    assert cells["SCH-GOOD-PRI"].note.startswith("Rank =3rd in the North East (tied)")
    assert cells["SCH-GOOD-ALL"].period_label == "July 2017"
    assert cells["SCH-GOOD-ALL"].period.label == "As at Jul 2017"


def test_england_and_north_east_share_the_schools_period():
    benchmarks = BenchmarkValue.objects.filter(indicator__ref="SCH-GOOD-SEC").select_related(
        "comparator_group", "period"
    )
    assert {(b.comparator_group.slug, b.printed, b.period.label) for b in benchmarks} == {
        ("england", "79", "As at Jul 2017"),
        ("north-east", "66", "As at Jul 2017"),
    }


def test_the_change_since_june_2016_stays_a_note_and_invents_no_earlier_value():
    secondary = value("SCH-GOOD-SEC")

    assert "+45 percentage points" in secondary.note
    assert not Value.objects.filter(indicator__ref__startswith="SCH-", period__end__year=2016)
    england = BenchmarkValue.objects.get(
        indicator__ref="SCH-GOOD-ALL", comparator_group__slug="england"
    )
    assert "+2 percentage points" in england.note


def test_all_nine_residential_homes_are_good_or_outstanding_at_their_inspection_dates():
    homes = Value.objects.filter(indicator__ref__startswith="RH-").select_related(
        "period", "indicator"
    )

    assert homes.count() == 9
    assert {h.printed for h in homes} == {"Good", "Outstanding"}
    assert all(h.value is None and h.indicator.unit == "judgement" for h in homes)
    assert all(h.period.kind == "snapshot" for h in homes)
    assert max(h.period.end for h in homes).isoformat() == "2017-06-07"  # to June 2017
    ayton = value("RH-ayton-place")
    assert ayton.period.end.isoformat() == "2016-11-22" and ayton.printed == "Good"
    assert sum(h.printed == "Outstanding" for h in homes) == 3


def test_case_file_audit_shares_reproduce_from_31_and_46_audits():
    refs = ["CFA-OUTSTANDING", "CFA-GOOD", "CFA-RI", "CFA-INADEQUATE"]
    audits = Value.objects.filter(indicator__ref__in=refs).select_related("period", "indicator")

    assert audits.count() == 8
    for audit in audits:
        assert audit.expected_from_fraction() == audit.value, audit
        assert audit.indicator.polarity == "none"
    for label, total in (("April 2016 report", 31), ("August 2017 report", 46)):
        column = [a for a in audits if a.period_label == label]
        assert {a.denominator for a in column} == {total}
        assert sum(a.value for a in column) == 100
        assert sum(a.numerator for a in column) == total


def test_narrative_kpis_carry_their_own_periods():
    assert value("CP-PLANS", "As at Mar 2017").value == 307
    assert value("CP-PLANS", "As at Jun 2017").value == 276
    assert value("CIC-COUNT").period.label == "As at Jun 2017"
    assert value("SA-TIMELY").period.label == "Apr - Jun 2017"
    assert value("CL-EET").printed == "63%" and "an increase" in value("CL-EET").note
    capacity = value("EY-30H-CAPACITY")
    assert (capacity.printed, capacity.value) == ("around 1600", 1600)
    recruited = value("SW-RECRUITED")
    assert recruited.period.kind == "cumulative"
    assert recruited.period.start.isoformat() == "2017-01-01"


def test_the_export_shows_comparators_and_the_fall_in_plans_without_ratings():
    stockton = Indicator.objects.filter(authority__slug="stockton-on-tees").first().authority
    rows = list(observation_rows(export_values(stockton)))

    neet = next(r for r in rows if r["indicator_ref"] == "NEET-PCT")
    assert (neet["comparison_name"], neet["comparison_value"]) == ("Tees Valley", "6.2")
    plans = next(r for r in rows if r["indicator_ref"] == "CP-PLANS" and r["comparison_kind"])
    assert (plans["comparison_value"], plans["direction"]) == ("307", "improved")
    assert not any(r["rating"] or r["published_rating"] for r in rows)  # no RAG at Stockton


def test_indicators_sit_under_the_strategys_six_headings():
    themes = Theme.objects.filter(authority__slug="stockton-on-tees").order_by("order")

    assert themes.count() == 6
    assert themes.first().name == "Giving children the best start in life"
    assert not Indicator.objects.filter(authority__slug="stockton-on-tees", theme=None).exists()


def test_every_figure_is_one_the_paper_printed():
    with (FIXTURES / "papers" / "data-stockton-norfolk.csv").open(encoding="utf-8") as f:
        printed = {
            row["value"] for row in csv.DictReader(f) if row["authority"] == "Stockton-on-Tees"
        }
    figures = {number(p) for p in printed if p[:1].isdigit() and p[-1:] in "0123456789%"}
    for v in Value.objects.filter(authority__slug="stockton-on-tees"):
        assert v.printed in printed or v.value in figures, v
    for b in BenchmarkValue.objects.filter(indicator__authority__slug="stockton-on-tees"):
        assert b.printed in printed, b


def test_loading_twice_changes_nothing(seeded):
    before = {model.__name__: model.objects.count() for model in MODELS}
    notes = list(Value.objects.order_by("pk").values_list("note", "published_quirk"))

    load_stockton(Seeder())

    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert list(Value.objects.order_by("pk").values_list("note", "published_quirk")) == notes
