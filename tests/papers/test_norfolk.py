"""Norfolk's July 2018 pack loads as published: the MI county table with its ratings and
arrows, the vital-signs dashboard with its quirks, and the report cards
(seeds-stockton-norfolk.md §2)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.comparisons import comparisons_for
from indicators.models import (
    Authority,
    BenchmarkValue,
    Commentary,
    Indicator,
    PublishedComparison,
    Target,
    Tolerance,
    Value,
)
from indicators.observations import export_values, observation_rows
from indicators.rules.periods import PeriodKind
from papers.seeds.base import read_json

pytestmark = pytest.mark.django_db

APRIL = date(2018, 4, 1)
MODELS = [Indicator, Value, Target, Tolerance, BenchmarkValue, PublishedComparison, Commentary]


@pytest.fixture(scope="module")
def seeded(seeded_papers):
    return read_json("norfolk.json")


@pytest.fixture(scope="module")
def export(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        return list(observation_rows(export_values(norfolk())))


def norfolk():
    return Authority.objects.get(slug="norfolk")


def county_april(ref):
    return Value.objects.get(
        indicator__authority__slug="norfolk",
        indicator__ref=ref,
        area__isnull=True,
        period__kind=PeriodKind.MONTH,
        period__start=APRIL,
    )


def target_comparisons(published):
    """{published comparison: the portal's target comparison of the same value}."""
    computed = dict(comparisons_for([pc.value for pc in published]))
    return {pc: next(c for c in computed[pc.value] if c.kind == "target") for pc in published}


def rag_cells(area_isnull):
    return PublishedComparison.objects.filter(
        value__authority__slug="norfolk", kind="target", value__area__isnull=area_isnull
    ).select_related("value__indicator", "value__area", "value__period", "value__authority")


def norfolk_counts():
    where = {
        Indicator: "authority__slug",
        Value: "authority__slug",
        Target: "authority__slug",
        Tolerance: "authority__slug",
        BenchmarkValue: "indicator__authority__slug",
        PublishedComparison: "value__authority__slug",
        Commentary: "authority__slug",
    }
    return {m.__name__: m.objects.filter(**{where[m]: "norfolk"}).count() for m in MODELS}


# The MI county table -------------------------------------------------------------------


def test_every_county_table_row_is_an_indicator_in_printed_order(seeded):
    rows = Indicator.objects.filter(authority__slug="norfolk", table_ref__gt="").order_by("order")
    assert rows.count() == 106
    refs = list(rows.values_list("ref", flat=True))
    assert refs[:8] == ["1.1", "1.1a", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
    assert refs[-1] == "12.2c"
    assert rows.get(ref="1.7").values.count() == 0  # printed, but with no figures
    for synthetic in ("FC-approved-total", "FC-ceased-short-breaks"):
        assert "No reference is printed" in rows.get(ref=synthetic).published_quirk


def test_county_indicators_carry_polarity_unit_and_footnotes_as_printed(seeded):
    norfolk_mi = Indicator.objects.filter(authority__slug="norfolk")
    assert norfolk_mi.get(ref="2.1").polarity == "none"  # Info
    assert norfolk_mi.get(ref="7.2").unit == "rate_10000"
    assert norfolk_mi.get(ref="6.8").unit == "percent"  # "Rolling 12", but a %
    assert norfolk_mi.get(ref="11.1").unit == "maximum"
    assert norfolk_mi.get(ref="10.1b").decimal_places == 0  # printed 45%, 54%
    over_100 = norfolk_mi.get(ref="1.6")
    assert over_100.allows_over_100 and "percentages over 100" in over_100.footnote
    assert "45 working days" in norfolk_mi.get(ref="5.5").footnote
    assert "12 months ending" in norfolk_mi.get(ref="6.2b").definition


def test_thirteen_months_come_from_county_table_and_indicator_pages(seeded):
    series = Value.objects.filter(
        indicator__authority__slug="norfolk",
        indicator__ref="3.3",
        area__isnull=True,
        period__kind=PeriodKind.MONTH,
    )
    assert series.count() == 13
    assert county_april("3.3").printed == "61.9%"


def test_a_page_figure_that_differs_keeps_the_county_table_value_and_is_flagged(seeded):
    feb = Value.objects.get(
        indicator__authority__slug="norfolk",
        indicator__ref="3.5p",
        area__isnull=True,
        period__start=date(2018, 2, 1),
    )
    assert feb.value == Decimal("33.2") and feb.printed == "33.2%"
    assert "33.3%" in feb.published_quirk


def test_ytd_is_stored_on_year_to_date_periods_as_printed(seeded):
    ytd = Value.objects.filter(authority__slug="norfolk", period__kind=PeriodKind.YEAR_TO_DATE)
    current = ytd.get(indicator__ref="2.1", period__start=APRIL)
    assert (current.value, current.printed) == (2643, "2,643")
    assert current.period.label == "2018/19 to Apr 2018"
    previous = ytd.get(indicator__ref="2.1", period__start=date(2017, 4, 1))
    assert (previous.value, previous.printed) == (3234, "3,234")
    assert previous.period.label == "2017/18 to Apr 2017"
    assert ytd.count() == 32 + 6
    assert all(v.workflow == Value.Workflow.APPROVED for v in ytd)
    # Nothing left to parse: no YTD in the April value's note.
    assert "YTD" not in county_april("2.1").note


def test_the_data_note_is_a_field_and_in_month_counts_sum_their_months(seeded):
    indicators = Indicator.objects.filter(authority__slug="norfolk")
    contacts, accepted = indicators.get(ref="2.1"), indicators.get(ref="2.3")
    assert contacts.data_note == "Count" and "Data note" not in contacts.definition
    assert contacts.year_to_date == "sum"
    assert accepted.data_note == "Percentage"
    assert accepted.year_to_date == "none"  # a percentage's YTD needs its numerators


def test_the_april_month_not_its_year_to_date_is_the_latest_figure(seeded):
    latest = (
        Value.objects.published()
        .filter(authority__slug="norfolk", indicator__ref="2.1", area__isnull=True)
        .latest_as_of(date(2018, 4, 30))
        .get()
    )
    assert latest.period.kind == PeriodKind.MONTH and latest.period.start == APRIL


def test_april_targets_and_tolerances_are_stored_as_printed(seeded):
    target = Target.objects.get(indicator__authority__slug="norfolk", indicator__ref="3.3")
    assert (target.kind, target.value, target.printed) == ("value", 80, "80%")
    assert target.period.start == APRIL
    assert Tolerance.objects.filter(authority__slug="norfolk").count() == 19


def test_benchmarks_have_no_period_and_keep_what_was_printed(seeded):
    east = BenchmarkValue.objects.get(
        indicator__authority__slug="norfolk",
        indicator__ref="7.2",
        comparator_group__slug="eastern-region",
    )
    assert east.period is None and east.printed == "49.9"
    assert "49.88522697" in east.note
    both = BenchmarkValue.objects.filter(
        indicator__authority__slug="norfolk",
        printed="77.5%",
        comparator_group__slug="eastern-region",
    )
    assert sorted(both.values_list("indicator__ref", flat=True)) == ["6.12", "6.14"]
    assert all(b.published_quirk for b in both)


# Published RAG -------------------------------------------------------------------------


def test_18_county_ratings_13_decoded_and_5_stars_of_either_colour(seeded):
    cells = rag_cells(area_isnull=True)
    assert cells.count() == 18
    decided = [pc for pc in cells if pc.published_rating]
    starred = [pc for pc in cells if not pc.published_rating]
    assert len(decided) == 13 and len(starred) == 5
    assert {pc.printed_rating for pc in starred} == {"★ (green or red)"}


def test_every_county_rating_is_reproduced_by_the_tolerance_rule(seeded):
    possible = {(g["ref"], g["area"]): g["possible"] for g in seeded["ambiguous_glyphs"]}
    reproduced = consistent = 0
    for pc, computed in target_comparisons(rag_cells(area_isnull=True)).items():
        if pc.published_rating:
            assert computed.rating == pc.published_rating, pc.value.indicator.ref
            reproduced += 1
        else:
            assert computed.rating in possible[(pc.value.indicator.ref, "County")]
            consistent += 1
    assert (reproduced, consistent) == (13, 5)


def test_12_locality_ratings_with_quoted_values_are_reproduced(seeded):
    possible = {(g["ref"], g["area"]): g["possible"] for g in seeded["ambiguous_glyphs"]}
    results = target_comparisons(rag_cells(area_isnull=False).filter(value__value__isnull=False))
    assert len(results) == 12
    for pc, computed in results.items():
        key = (pc.value.indicator.ref, pc.value.area.name)
        if pc.published_rating:
            assert computed.rating == pc.published_rating, key
        else:
            assert computed.rating in possible[key], key
    assert sum(bool(pc.published_rating) for pc in results) == 6


def test_the_ambiguous_glyph_list_matches_what_is_stored(seeded):
    stored = {
        (pc.value.indicator.ref, pc.value.area.name if pc.value.area_id else "County")
        for pc in PublishedComparison.objects.filter(
            value__authority__slug="norfolk",
            kind="target",
            published_rating="",
            value__value__isnull=False,
        ).select_related("value__indicator", "value__area")
    }
    assert stored == {(g["ref"], g["area"]) for g in seeded["ambiguous_glyphs"]}


def test_locality_glyphs_without_a_value_are_stored_figure_less_and_never_rated(seeded):
    """The 96 locality ratings the county table prints with no figure: each is a value with
    no figure holding the paper's rating (one colour, or page 2's star as both), and the
    rule rates none of them."""
    without = {(g["ref"], g["locality"]): g for g in seeded["locality_ratings_without_values"]}
    assert len(without) == 18 * 6 - 12
    cells = rag_cells(area_isnull=False).filter(value__value__isnull=True)
    stored = {(pc.value.indicator.ref, pc.value.area.name): pc for pc in cells}
    assert stored.keys() == without.keys()
    for key, pc in stored.items():
        glyph = without[key]
        assert pc.value.period.start == APRIL and pc.value.printed == ""
        assert "no figure" in pc.value.note
        assert pc.printed_rating.startswith(glyph["glyph"])
        if "decoded" in glyph:
            assert pc.published_rating == glyph["decoded"], key
        else:  # a star that names two colours keeps both, as printed
            assert pc.published_rating == ""
            assert pc.printed_rating == f"★ ({' or '.join(glyph['possible'])})", key
    for pc, computed in target_comparisons(cells).items():
        assert computed.rating == "" and not computed.rating_differs, pc


def test_locality_figures_quoted_in_the_commentary_are_loaded(seeded):
    locality = Value.objects.filter(
        authority__slug="norfolk", area__isnull=False, value__isnull=False
    )
    assert locality.count() == 12 + 24
    yarmouth = locality.get(indicator__ref="6.1", area__name="Yarmouth", period__start=APRIL)
    assert yarmouth.value == 143 and "26/04/18" in yarmouth.note


def test_the_inverted_6_5_tolerance_is_flagged_and_not_rated(seeded):
    tolerance = Tolerance.objects.get(indicator__authority__slug="norfolk", indicator__ref="6.5")
    assert (tolerance.red, tolerance.green) == (30, 35)
    assert tolerance.problem and "inverted" in tolerance.published_quirk
    tolerance.full_clean()  # the quirk is what lets an inverted pair be stored
    [(_, comparisons)] = comparisons_for([county_april("6.5")])
    target = next(c for c in comparisons if c.kind == "target")
    assert target.rating == "" and tolerance.published_quirk in target.quirks


# Direction of travel -------------------------------------------------------------------


def test_91_decidable_arrows_are_reproduced_and_5_ties_are_listed(seeded, export):
    undecidable = {u["ref"] for u in seeded["undecidable_directions"]}
    arrows = [r for r in export if r["published_direction"]]
    assert len(arrows) == 96
    differing = {r["indicator_ref"] for r in arrows if r["direction"] != r["published_direction"]}
    assert differing == undecidable
    assert len(arrows) - len(differing) == 91
    for row in arrows:
        if row["indicator_ref"] in undecidable:
            assert row["comparison_printed"] == row["printed_value"]  # printed equal
            assert "unrounded" in row["flags"]


def test_info_measures_keep_their_dot_without_a_direction(seeded):
    dot = PublishedComparison.objects.get(value=county_april("6.3"), kind="previous_period")
    assert (dot.printed_rating, dot.published_direction) == ("•", "")


def test_every_published_rating_in_the_export_is_reproduced(export):
    rated = [r for r in export if r["published_rating"] and r["value"]]
    assert len(rated) == 19  # 13 county + 6 locality glyphs that name one colour
    assert all(r["rating"] == r["published_rating"] for r in rated)
    # The ratings printed with no figure are in the open data as published, never rated.
    as_published = [r for r in export if r["published_rating"] and not r["value"]]
    assert len(as_published) == 96 - 37  # less the stars that name two colours
    assert not any(r["rating"] for r in as_published)


# Vital-signs dashboard -----------------------------------------------------------------


def test_sixteen_vital_signs_with_thirteen_periods_where_printed(seeded):
    signs = Indicator.objects.filter(authority__slug="norfolk", theme__name="Vital signs")
    assert signs.count() == 16
    assert {s.rating_scheme.name for s in signs} == {"Norfolk vital signs: 10% band"}
    assert signs.get(ref="VS-EH-rereferrals").values.count() == 13
    assert signs.get(ref="VS-PEP").frequency == "quarterly"
    assert not PublishedComparison.objects.filter(value__indicator__in=signs).exists()


def test_dashboard_targets_keep_their_bounds(seeded):
    def latest_target(ref):
        return Target.objects.get(indicator__authority__slug="norfolk", indicator__ref=ref)

    at_most = latest_target("VS-CIN-rereferrals")
    assert (at_most.kind, at_most.value, at_most.inclusive) == ("at_most", 20, False)
    at_least = latest_target("VS-Ofsted-good")
    assert (at_least.kind, at_least.value, at_least.printed) == ("at_least", 86, ">86%")
    assert latest_target("VS-CIN-plan").kind == "value"
    assert not Target.objects.filter(indicator__ref="VS-EHCP-timescale").exists()


def test_7100_percent_is_kept_as_printed_and_flagged(seeded):
    spring = Value.objects.get(indicator__ref="VS-exclusions", printed="7100.0%")
    assert spring.value == 71 and "formatted as a percentage" in spring.published_quirk
    assert "implausible" in spring.indicator.published_quirk


def test_14_fractions_that_do_not_give_the_printed_percentage_are_flagged(seeded):
    flagged = Value.objects.filter(
        indicator__authority__slug="norfolk", published_quirk__contains="Numerator/denominator"
    )
    assert flagged.count() == 14
    assert flagged.filter(indicator__ref="VS-CP-seen").count() == 7
    # 9/144 = 6.25 prints 6.3% only when rounded half up: not a quirk.
    assert not Value.objects.get(
        indicator__ref="VS-EH-rereferrals", numerator=9, denominator=144
    ).published_quirk


def test_series_definition_changes_are_flagged_from_the_month_they_start(seeded):
    cp_seen = Value.objects.filter(indicator__ref="VS-CP-seen").order_by("period__start")
    changed = [v.published_quirk.startswith("Definition change") for v in cp_seen]
    assert changed == [False, False] + [True] * 11
    cin_plan = Value.objects.filter(indicator__ref="VS-CIN-plan", published_quirk__gt="")
    assert [v.printed for v in cin_plan] == ["81.7%"]
    lac_rate = Value.objects.filter(indicator__ref="VS-LAC-rate", published_quirk__contains="7.2")
    assert lac_rate.count() == 2


def test_every_norfolk_value_passes_validation(seeded):
    values = Value.objects.filter(authority__slug="norfolk").select_related("indicator", "area")
    for value in values:
        value.clean()  # raises on a figure that needs a flagged quirk and has none


# Report cards --------------------------------------------------------------------------


def test_four_report_cards_are_filed_on_the_latest_period(seeded):
    cards = Commentary.objects.filter(authority__slug="norfolk").select_related("period")
    assert cards.count() == 4
    lac_rate = cards.get(indicator__ref="VS-LAC-rate")
    assert lac_rate.period.label == "Jan - Mar 2018"
    assert "Access to Care panel" in lac_rate.actions  # printed as an HTML list
    ehcp = cards.get(indicator__ref="VS-EHCP-timescale")
    assert ehcp.lead_officer.startswith("Michael Bateman") and ehcp.data_owner.startswith(
        "Jackie Goodson"
    )


# Loading -------------------------------------------------------------------------------


def test_loading_again_changes_nothing(seeded):
    def snapshot():
        values = Value.objects.filter(authority__slug="norfolk")
        fields = ("pk", "value", "printed", "note", "published_quirk", "period_id", "area_id")
        return norfolk_counts(), set(values.values_list(*fields))

    before = snapshot()
    call_command("load_seed_data", stdout=io.StringIO())
    assert snapshot() == before
