"""A page's query count does not grow with the number of indicators or periods: measured
on the seeded papers and on the same data cloned ten times over."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator

from .conftest import clone_indicators, extra_periods

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    # The budget is the rendering's: a remembered page (reports/page_cache.py) reads only
    # the data version.
    settings.SCRUTINY_PAGE_CACHE = False


PAGES = [
    "/",
    "/councils/durham/",
    "/councils/norfolk/",
    "/councils/durham/key-messages/",
    "/councils/norfolk/key-messages/",
    "/councils/durham/indicators/cyp-s16/",
    "/compare/",
    # The committee tables read the dashboard's rows, Norfolk's localities' rows too.
    "/councils/durham/committee-table.csv",
    "/councils/norfolk/committee-table.csv",
]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_no_page_costs_more_queries_with_ten_times_the_indicators(
    client, seeded, django_assert_max_num_queries
):
    before = {url: count(client, url) for url in PAGES}
    clone_indicators(times=9)
    for url in PAGES:
        with django_assert_max_num_queries(before[url]):
            client.get(url)


def test_the_indicator_page_costs_the_same_with_ten_times_the_periods(
    client, durham, django_assert_max_num_queries
):
    url = "/councils/durham/indicators/cyp-s16/"
    before = count(client, url)
    extra_periods(durham, Indicator.objects.get(ref="CYP S16"), 20)
    with django_assert_max_num_queries(before):
        client.get(url)
    with django_assert_max_num_queries(count(client, "/councils/durham/")):
        client.get("/councils/durham/")


def test_a_council_on_the_national_data_set_costs_the_same_with_more_indicators_and_quarters(
    client, django_assert_max_num_queries
):
    """The national shape: national indicators with values from every council, computed
    benchmarks for every group of every council, a council's own neighbour groups."""
    from loadtest.generate import generate

    def national(**sizes):
        generate(seed=2026, log=lambda message: None, authorities=6, **sizes)

    national(indicators=2, quarters=4)
    pages = ["/councils/durham/", "/councils/durham/key-messages/"]
    page = client.get("/councils/durham/")
    [row] = [r for g in page.context["groups"] for r in g.rows if r.ref.startswith("NAT")][:1]
    assert row.benchmark("national") and row.benchmark("regional")  # the shape is there
    before = {url: count(client, url) for url in pages}
    national(indicators=6, quarters=12)
    for url in pages:
        with django_assert_max_num_queries(before[url]):
            client.get(url)
