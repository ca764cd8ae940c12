"""The dashboard steps through the council's reporting cycle, and at each period shows
what the committee paper dated then showed."""

import html
import re

import pytest

from indicators.models import Period
from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def durham_with_years(durham):
    """Durham's papers also carry academic years and snapshots ending after the quarter."""
    gcse = f.indicator(durham, "CYP S24", name="GCSE attainment", frequency="annual", order=3)
    f.value(gcse, Period.objects.from_label("2015/16 ac yr"), "57.1")
    f.value(gcse, Period.objects.from_label("2016/17 ac yr"), "60.2")
    f.value(
        f.indicator(durham, "CYP S1", name="Children in care", unit="count", order=4),
        Period.objects.from_label("As at Sep 2017"),
        "789",
    )
    return durham


def test_latest_is_the_latest_quarter_not_the_latest_period_end(client, durham_with_years):
    response = client.get("/councils/durham/")
    assert response.context["chosen"].label == "Apr - Jun 2017"
    assert response.context["chosen"].param == "2017-06-30"


def test_the_picker_offers_every_published_period_end(client, durham_with_years):
    # Issue 13: academic years and snapshots are reporting dates too, not only quarters.
    choices = client.get("/councils/durham/").context["choices"]
    assert [(c.label, c.note) for c in choices] == [
        ("As at Sep 2017", ""),
        ("2016/17 ac yr", ""),
        ("Apr - Jun 2017", "latest quarter"),
        ("2015/16 ac yr", ""),
        ("Apr - Jun 2016", ""),
    ]


def test_every_period_end_shows_each_indicator_at_its_own_period(client, durham_with_years):
    page = text(client.get("/councils/durham/?period=2017-09-30"))
    assert "789.0 As at Sep 2017" in page
    assert "60.2% 2016/17 ac yr" in page
    assert "Apr - Jun 2017" in page  # the quarterly indicators' own period


def test_a_period_counts_once_it_has_begun_as_in_the_papers(client, durham_with_years):
    # As at 30 June 2017 Durham printed the 2016/17 academic year, which ends in August.
    page = text(client.get("/councils/durham/?period=2017-06-30"))
    assert "60.2% 2016/17 ac yr" in page
    assert "789" not in page  # as at September 2017: not begun by the end of June
    earlier = text(client.get("/councils/durham/?period=2016-06-30"))
    assert "57.1% 2015/16 ac yr" in earlier and "60.2" not in earlier


def test_a_date_that_is_no_reporting_date_is_a_404(client, durham_with_years):
    assert client.get("/councils/durham/?period=2017-08-31").status_code == 200
    assert client.get("/councils/durham/?period=2017-08-15").status_code == 404


@pytest.fixture
def durham_with_history(durham):
    """Issue 13: years of "As at Mar" figures imported after the last quarterly paper."""
    cla = f.indicator(
        durham,
        "CLA-RATE",
        name="Looked-after children per 10,000",
        unit="rate_10000",
        frequency="annual",
        order=5,
    )
    for year in range(2019, 2025):
        f.value(cla, Period.objects.from_label(f"As at Mar {year}"), str(80 + year - 2019))
    return durham


def test_imported_history_is_reachable_and_the_default(client, durham_with_history):
    response = client.get("/councils/durham/")
    assert response.context["chosen"].param == "2024-03-31"
    labels = [c.label for c in response.context["choices"]]
    assert labels[:6] == [f"As at Mar {y}" for y in range(2024, 2018, -1)]
    assert "Apr - Jun 2017" in labels  # the last quarterly paper stays reachable
    page = text(client.get("/councils/durham/?period=2024-03-31"))
    assert "85.0 per 10,000 As at Mar 2024" in page
    earlier = text(client.get("/councils/durham/?period=2021-03-31"))
    assert "82.0 per 10,000 As at Mar 2021" in earlier


def test_the_indicator_page_shows_the_imported_history(client, durham_with_history):
    page = text(client.get("/councils/durham/indicators/cla-rate/"))
    assert "no published value" not in page
    assert "As at Mar 2024" in page
    dated = text(client.get("/councils/durham/indicators/cla-rate/?period=2024-03-31"))
    assert "no published value" not in dated


def test_the_home_page_agrees_with_the_dashboard(client, durham_with_years, durham_with_history):
    # The home page's "latest" is the period the dashboard opens at, not a meeting date.
    home = client.get("/")
    (durham,) = home.context["councils"]
    assert durham.latest == client.get("/councils/durham/").context["chosen"]
    assert "/councils/durham/?period=2024-03-31" in home.content.decode()


def test_key_messages_follow_the_same_default_period(client, durham_with_years):
    assert client.get("/councils/durham/key-messages/").context["chosen"].label == (
        "Apr - Jun 2017"
    )


def test_norfolks_picker_steps_through_months(client, norfolk):
    quarterly = f.indicator(norfolk, "1.1", frequency="quarterly", name="A quarterly measure")
    f.value(quarterly, f.quarter(2018, first_month=1), "50")
    response = client.get("/councils/norfolk/")
    # A month and a quarter ending the same day: one choice, named by the monthly cycle.
    assert [c.label for c in response.context["choices"]] == [
        "Apr 2018",
        "Mar 2018",
        "Feb 2018",
        "Jan 2018",
    ]
    assert response.context["chosen"].label == "Apr 2018"


class TestThePapersReportingDates:
    """Stockton's headline schools table ("As at Jul 2017") and Durham's Ofsted tracker
    (28 Sep 2017) were loaded but unreachable: the picker offered quarters only."""

    pytestmark = pytest.mark.usefixtures("seeded_papers")

    def test_stocktons_schools_table_as_at_july(self, client):
        choices = client.get("/councils/stockton-on-tees/").context["choices"]
        assert "As at Jul 2017" in [c.label for c in choices]
        page = text(client.get("/councils/stockton-on-tees/?period=2017-07-31"))
        assert "As at Jul 2017" in page

    def test_durhams_ofsted_tracker(self, client):
        response = client.get("/councils/durham/")
        assert response.context["chosen"].label == "Apr - Jun 2017"  # the paper's quarter
        assert "As at 28 Sep 2017" in [c.label for c in response.context["choices"]]
        assert "As at 28 Sep 2017" in text(client.get("/councils/durham/?period=2017-09-28"))
