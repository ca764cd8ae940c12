"""National indicators (no owning council, reported by every council: the generated
national data set) appear on each council's pages with that council's comparators."""

import html
import re

import pytest

from indicators.models import ComparatorGroup, Indicator
from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def national(durham):
    barnsley = f.authority("Barnsley")
    measure = Indicator.objects.create(
        authority=None,
        ref="NAT 01.1",
        name="Children in need rate per 10,000",
        polarity="lower",
        unit="rate_10000",
        frequency="quarterly",
        decimal_places=1,
    )
    q1 = f.quarter(2017)
    f.value(measure, q1, "330.0", council=durham)
    f.value(measure, q1, "250.0", council=barnsley)
    f.benchmark(ComparatorGroup.objects.get(slug="england"), measure, q1, "300.0")
    f.benchmark(ComparatorGroup.objects.get(slug="north-east"), measure, q1, "340.0")
    own = f.group("Durham neighbours", "statistical_neighbours", owner=durham)
    # Barnsley's neighbours list Durham, but they are Barnsley's comparators, not Durham's.
    theirs = f.group("Barnsley neighbours", "statistical_neighbours", owner=barnsley)
    theirs.members.set([durham])
    f.benchmark(own, measure, q1, "320.0")
    f.benchmark(theirs, measure, q1, "999.0")
    top = f.group("National top quartile", "national_top_quartile")
    f.benchmark(top, measure, q1, "280.0")
    return measure


def test_the_dashboard_shows_national_indicators_the_council_reports(client, national):
    page = text(client.get("/councils/durham/"))
    assert "National indicators" in page
    assert "NAT 01.1 Children in need rate per 10,000" in page
    assert "330.0 per 10,000 Apr - Jun 2017" in page


def test_a_national_indicator_has_the_councils_own_comparators(client, national):
    row = next(
        r for g in client.get("/councils/durham/").context["groups"] for r in g.rows
        if r.ref == "NAT 01.1"
    )  # fmt: skip
    assert row.benchmark("national").text == "300.0 per 10,000"
    assert row.benchmark("regional").text == "340.0 per 10,000"
    assert row.benchmark("statistical_neighbours").name == "Durham neighbours"
    assert "Barnsley neighbours" not in [c.name for c in row.all_benchmarks]
    assert "National top quartile" in [c.name for c in row.all_benchmarks]


def test_the_national_indicator_page_opens_from_the_dashboard(client, national):
    dashboard = client.get("/councils/durham/").content.decode()
    assert 'href="/councils/durham/indicators/nat-01-1/?period=2017-06-30"' in dashboard
    page = text(client.get("/councils/durham/indicators/nat-01-1/"))
    assert "Durham neighbours" in page and "Barnsley neighbours" not in page


def test_another_councils_neighbour_group_is_not_relevant(national, durham):
    names = {g.name for g in ComparatorGroup.objects.relevant_to(durham)}
    assert {"England", "North East", "Durham neighbours", "National top quartile"} <= names
    assert "Barnsley neighbours" not in names
