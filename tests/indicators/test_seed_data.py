"""The councils' published papers load completely, idempotently, and every published
rating is reproduced by the documented rules."""

import io

import pytest
from django.core.management import call_command

from indicators.fidelity import tally_published
from indicators.models import (
    BenchmarkValue,
    Indicator,
    PublishedComparison,
    Target,
    Value,
)

pytestmark = pytest.mark.django_db

MODELS = [Indicator, Value, Target, BenchmarkValue, PublishedComparison]


@pytest.fixture
def seeded():
    call_command("load_seed_data", stdout=io.StringIO())


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_changes_nothing(seeded):
    before = counts()
    call_command("load_seed_data", stdout=io.StringIO())
    assert counts() == before


def test_durham_appendix_3_has_all_45_indicators_by_theme(seeded):
    durham = Indicator.objects.filter(authority__slug="durham", table_ref__gt="")
    assert durham.count() == 45
    themes = set(durham.values_list("theme__name", flat=True))
    assert "Altogether Better for Children and Young People" in themes
    assert durham.get(ref="CYP S35").key_question.global_number == 12


def test_durham_94_of_94_published_ratings_are_reproduced(seeded):
    tallies = tally_published(Value.objects.published().filter(authority__slug="durham"))
    ratings = [t for (council, measure, _), t in tallies.items() if measure == "rating"]
    assert sum(t.published for t in ratings) == 94
    assert sum(t.reproduced for t in ratings) == 94


def test_durham_first_time_entrants_benchmarks_are_not_rated(seeded):
    s35 = PublishedComparison.objects.filter(value__indicator__ref="CYP S35", not_comparable=True)
    assert set(s35.values_list("kind", flat=True)) == {"national", "statistical_neighbours"}


def test_published_quirks_stay_as_published_and_flagged(seeded):
    s33_last_year = Value.objects.get(
        indicator__ref="CYP S33", authority__slug="durham", period__label="Jan - Jun 2016"
    )
    assert s33_last_year.value == 90 and "target" in s33_last_year.published_quirk
    assert Indicator.objects.get(ref="ASH6").aliases == ["AHS6"]


def test_check_published_reports_no_unexplained_difference(seeded):
    out = io.StringIO()
    call_command("check_published", stdout=out)
    assert "0 unexplained difference(s)" in out.getvalue()
