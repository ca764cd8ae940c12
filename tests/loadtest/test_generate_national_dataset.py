"""The national data set: real councils, national indicators and quarterly values,
reproducible from a seed, reusing the councils and groups of the reference fixtures."""

import pytest
from django.core.management import call_command

from indicators.models import (
    Authority,
    BenchmarkValue,
    ComparatorGroup,
    Indicator,
    Target,
    Tolerance,
    Value,
)
from loadtest.authorities import authority_rows
from loadtest.generate import generate, generated_values
from papers.seeds.base import Seeder, load_reference

pytestmark = pytest.mark.django_db

SMALL = {"authorities": 12, "indicators": 5, "quarters": 8}


def small(seed=2026, **sizes):
    return generate(seed=seed, log=lambda message: None, **{**SMALL, **sizes})


def test_the_same_seed_gives_the_same_data_set():
    small(seed=7)
    first = generated_values()
    small(seed=7)

    assert generated_values() == first
    assert len(first) > 0.9 * 12 * 5 * 8  # a few quarters are missing, as in real returns


def test_another_seed_gives_other_figures():
    small(seed=7)
    first = generated_values()
    small(seed=8)

    assert [row[:3] for row in generated_values()] != [] and generated_values() != first


def test_it_makes_the_asked_for_sizes():
    timings, counts = small()

    assert counts["authorities"] == 12 and counts["indicators"] == 5
    national = Indicator.objects.filter(authority__isnull=True)
    assert national.count() == 5
    assert set(national.values_list("polarity", flat=True)) == {"higher", "lower", "none"}
    assert Value.objects.values("period").distinct().count() == 8
    assert Value.objects.count() == counts["values"]
    assert Target.objects.count() == 12 * 5
    assert Tolerance.objects.count() == counts["tolerances"] > 0
    assert BenchmarkValue.objects.count() == counts["benchmark values"] > 0
    assert timings["total"] > 0


def test_the_full_list_is_every_upper_tier_council():
    rows = authority_rows()

    assert len(rows) == 153
    assert len({r["ons_code"] for r in rows}) == len({r["slug"] for r in rows}) == 153
    assert len({r["region"] for r in rows}) == 9
    by_slug = {r["slug"]: r for r in rows}
    assert by_slug["durham"]["ons_code"] == "E06000047"
    assert by_slug["norfolk"] == {
        "slug": "norfolk", "name": "Norfolk", "ons_code": "E10000020", "kind": "county",
        "region": "East of England",
    }  # fmt: skip
    assert by_slug["westminster"]["region"] == "London"


def test_the_reference_councils_and_groups_are_reused_not_duplicated():
    load_reference(Seeder())
    reference = set(Authority.objects.values_list("slug", flat=True))

    small(authorities=20)

    durham = Authority.objects.get(slug="durham")
    assert durham.name == "Durham" and durham.ons_code == "E06000047"
    assert Authority.objects.filter(ons_code="E06000047").count() == 1
    generated = set(
        Authority.objects.filter(values__indicator__ref__startswith="NAT")
        .values_list("slug", flat=True)
        .distinct()
    )
    assert len(generated) == 20
    assert Authority.objects.count() == len(reference | generated)
    assert ComparatorGroup.objects.filter(kind="national").count() == 1
    # The fixture's North East keeps its members; generated councils are added.
    assert ComparatorGroup.objects.get(slug="north-east").members.count() == 12
    assert ComparatorGroup.objects.filter(kind="regional").count() == 9
    # Durham keeps its 15 published CIPFA neighbours; its best neighbour uses them.
    assert not ComparatorGroup.objects.filter(slug="durham-national-neighbours").exists()
    assert ComparatorGroup.objects.get(slug="durham-national-best-neighbour").members.count() == 15


def test_each_council_has_ten_to_fifteen_statistical_neighbours_it_owns():
    small(authorities=30, indicators=1, quarters=1)

    for council in Authority.objects.filter(values__isnull=False).distinct():
        groups = ComparatorGroup.objects.filter(
            owner=council, kind="statistical_neighbours", members__isnull=False
        ).distinct()
        assert groups.count() == 1
        members = groups.get().members.all()
        assert 10 <= members.count() <= 15
        assert council not in members


def test_the_benchmarks_are_computed_at_the_end():
    small()

    england = BenchmarkValue.objects.filter(comparator_group__slug="england")
    assert england.count() == 5 * 8
    assert england.first().source.startswith("Computed by the portal from ")


def test_the_command_prints_timings(capsys):
    call_command("generate_national_dataset", "--authorities", "12", "--indicators", "2",
                 "--quarters", "4", "--seed", "3")  # fmt: skip

    out = capsys.readouterr().out
    assert "values:" in out and "Generated in" in out and "12 authorities" in out
