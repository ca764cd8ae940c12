"""The portal computes England, region, neighbour, best-neighbour and top-quartile
benchmarks for national indicators from member councils' approved values."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.benchmarks import computed_source, refresh_benchmarks
from indicators.models import BenchmarkValue, Indicator
from indicators.rules.averages import best, mean, top_quartile_threshold
from tests import factories as f

pytestmark = pytest.mark.django_db

D = Decimal
FIGURES = {"A": "60.5", "B": "70.25", "C": "55", "D": "81.1", "E": "40"}


def national(ref="NAT 01.1", polarity="higher"):
    return Indicator.objects.create(
        authority=None, ref=ref, name=f"National {ref}", polarity=polarity,
        unit="percent", frequency="quarterly",
    )  # fmt: skip


@pytest.fixture
def world():
    councils = {name: f.authority(f"Council {name}") for name in FIGURES}
    c = councils
    groups = {
        "england": f.group("England", "national"),
        "quartile": f.group("National top quartile", "national_top_quartile"),
        "region": f.group("North East", "regional", members=[c["A"], c["B"], c["C"]]),
        "neighbours": f.group(
            "A neighbours", "statistical_neighbours", owner=c["A"], members=[c["B"], c["D"], c["E"]]
        ),
        "best": f.group(
            "A best neighbour",
            "best_statistical_neighbour",
            owner=c["A"],
            members=[c["B"], c["D"], c["E"]],
        ),  # fmt: skip
    }
    return councils, groups, f.quarter(2024)


def load(indicator, councils, period, figures=FIGURES, **fields):
    for name, figure in figures.items():
        f.value(indicator, period, figure, council=councils[name], **fields)


def benchmarks(indicator):
    return {
        b.comparator_group.slug: b
        for b in BenchmarkValue.objects.filter(indicator=indicator).select_related(
            "comparator_group"
        )
    }


def test_it_computes_each_kind_from_member_values(world):
    councils, groups, q = world
    indicator = national(polarity="higher")
    load(indicator, councils, q)

    refresh_benchmarks()

    got = benchmarks(indicator)
    assert got["england"].value == D("61.37")  # (60.5+70.25+55+81.1+40)/5
    assert got["england"].value == mean(FIGURES.values())
    assert got["england"].source == "Computed by the portal from 5 member values"
    assert got["england"].period == q
    assert got["north-east"].value == D("61.91666667")  # A, B, C
    assert got["a-neighbours"].value == D("63.78333333")  # B, D, E: not A itself
    assert got["a-best-neighbour"].value == D("81.1")  # D, the highest
    # 5 councils: the top quartile is the best 2; the threshold is the second best.
    assert got["national-top-quartile"].value == D("70.25")
    assert got["national-top-quartile"].value == top_quartile_threshold(FIGURES.values(), "higher")


def test_best_and_top_quartile_follow_a_lower_is_better_polarity(world):
    councils, groups, q = world
    indicator = national(polarity="lower")
    load(indicator, councils, q)

    refresh_benchmarks()

    got = benchmarks(indicator)
    assert got["a-best-neighbour"].value == D("40")  # E, the lowest of B, D, E
    assert got["a-best-neighbour"].value == best(["70.25", "81.1", "40"], "lower")
    assert got["national-top-quartile"].value == D("55")  # second lowest of five
    assert got["england"].value == D("61.37")  # the mean has no direction


def test_a_context_measure_gets_averages_but_no_best_or_quartile(world):
    councils, groups, q = world
    indicator = national(polarity="none")
    load(indicator, councils, q)

    refresh_benchmarks()

    assert set(benchmarks(indicator)) == {"england", "north-east", "a-neighbours"}


def test_each_period_has_its_own_benchmark(world):
    councils, groups, q = world
    indicator = national()
    earlier = f.quarter(2023)
    load(indicator, councils, q)
    load(indicator, councils, earlier, {"A": "10", "B": "20"})

    refresh_benchmarks()

    england = BenchmarkValue.objects.get(indicator=indicator, comparator_group=groups["england"],
                                         period=earlier)  # fmt: skip
    assert england.value == D("15")
    assert england.source == computed_source(2)


def test_running_it_twice_changes_nothing(world):
    councils, groups, q = world
    for polarity in ("higher", "lower", "none"):
        load(national(f"NAT {polarity}", polarity), councils, q)
    first = refresh_benchmarks()

    def snapshot():
        return sorted(
            BenchmarkValue.objects.values_list(
                "pk", "comparator_group_id", "indicator_id", "period_id", "value", "source"
            )
        )

    before = snapshot()
    second = refresh_benchmarks()

    assert first.created == 13 and second.created == 0
    assert (second.updated, second.deleted, second.unchanged) == (0, 0, 13)
    assert snapshot() == before


def test_a_newly_loaded_council_value_changes_the_benchmark(world):
    councils, groups, q = world
    indicator = national()
    load(indicator, councils, q, {"A": "60", "B": "70", "C": "50"})
    refresh_benchmarks()
    assert benchmarks(indicator)["england"].value == D("60")

    f.value(indicator, q, "100", council=councils["D"])
    result = refresh_benchmarks(indicators=[indicator], periods=[q])

    got = benchmarks(indicator)
    assert got["england"].value == D("70")
    assert got["england"].source == computed_source(4)
    assert got["a-best-neighbour"].value == D("100")  # D is A's neighbour
    assert got["north-east"].value == D("60")  # D is not in the region
    assert result.updated >= 3 and result.created == 0


def test_draft_values_do_not_count_until_approved(world):
    councils, groups, q = world
    indicator = national()
    load(indicator, councils, q, {"A": "60", "B": "70"})
    f.value(indicator, q, "0", council=councils["C"], workflow="draft")

    refresh_benchmarks()

    assert benchmarks(indicator)["england"].value == D("65")


def test_a_benchmark_loses_its_row_when_its_values_go(world):
    councils, groups, q = world
    indicator = national()
    load(indicator, councils, q)
    refresh_benchmarks()
    indicator.values.filter(authority__in=[councils["B"], councils["D"], councils["E"]]).delete()

    refresh_benchmarks()

    assert set(benchmarks(indicator)) == {"england", "national-top-quartile", "north-east"}


def test_a_published_figure_is_never_overwritten(world):
    councils, groups, q = world
    indicator = national()
    load(indicator, councils, q)
    f.benchmark(groups["england"], indicator, q, "59.9", source="DfE LAIT, 2024")

    result = refresh_benchmarks()

    assert benchmarks(indicator)["england"].value == D("59.9")
    assert result.kept_published == 1


def test_councils_own_indicators_are_left_alone(world):
    councils, groups, q = world
    own = f.indicator(councils["A"], "CYP S16")
    f.value(own, q, "50")

    refresh_benchmarks()

    assert not BenchmarkValue.objects.filter(indicator=own).exists()


def test_the_query_count_does_not_grow_with_councils_or_indicators(world):
    councils, groups, q = world

    def queries(n_indicators):
        BenchmarkValue.objects.all().delete()
        for i in range(n_indicators):
            indicator, _ = Indicator.objects.get_or_create(
                authority=None, ref=f"NAT Q{i}",
                defaults={"name": "x", "polarity": "higher", "unit": "percent",
                          "frequency": "quarterly"},
            )  # fmt: skip
            if not indicator.values.exists():
                load(indicator, councils, q)
        with CaptureQueriesContext(connection) as ctx:
            refresh_benchmarks()
        return len(ctx.captured_queries)

    assert queries(1) == queries(8)
