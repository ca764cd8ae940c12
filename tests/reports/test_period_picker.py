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


def test_the_picker_offers_the_councils_quarters_only(client, durham_with_years):
    choices = client.get("/councils/durham/").context["choices"]
    assert [c.label for c in choices] == ["Apr - Jun 2017", "Apr - Jun 2016"]


def test_a_period_counts_once_it_has_begun_as_in_the_papers(client, durham_with_years):
    # As at 30 June 2017 Durham printed the 2016/17 academic year, which ends in August.
    page = text(client.get("/councils/durham/?period=2017-06-30"))
    assert "60.2% 2016/17 ac yr" in page
    assert "789" not in page  # as at September 2017: not begun by the end of June
    earlier = text(client.get("/councils/durham/?period=2016-06-30"))
    assert "57.1% 2015/16 ac yr" in earlier and "60.2" not in earlier


def test_a_period_outside_the_cycle_is_a_404(client, durham_with_years):
    assert client.get("/councils/durham/?period=2017-08-31").status_code == 404


def test_key_messages_follow_the_same_default_period(client, durham_with_years):
    assert client.get("/councils/durham/key-messages/").context["chosen"].label == (
        "Apr - Jun 2017"
    )


def test_norfolks_picker_steps_through_months(client, norfolk):
    quarterly = f.indicator(norfolk, "1.1", frequency="quarterly", name="A quarterly measure")
    f.value(quarterly, f.quarter(2018, first_month=1), "50")
    response = client.get("/councils/norfolk/")
    assert [c.label for c in response.context["choices"]] == [
        "Apr 2018",
        "Mar 2018",
        "Feb 2018",
        "Jan 2018",
    ]
    assert response.context["chosen"].label == "Apr 2018"
