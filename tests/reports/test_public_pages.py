import csv
import io

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def durham_values():
    durham = f.authority("Durham", rating_scheme=f.scheme(), committee="CYP OSC")
    s16 = f.indicator(durham, "CYP S16")
    f.value(s16, f.quarter(2017), "83.2")
    f.value(s16, f.quarter(2017, first_month=7), "85", workflow="draft")
    f.authority("Norfolk")


def test_home_lists_the_councils_and_their_latest_published_period(client, durham_values):
    page = client.get("/").content.decode()
    assert "Durham" in page and "Apr - Jun 2017" in page and "Jul - Sep 2017" not in page
    assert "Norfolk" in page and "No published data yet" in page


def test_the_open_data_file_has_published_values_only(client, durham_values):
    response = client.get("/data/observations.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["period_label"] for r in rows} == {"Apr - Jun 2017"}


def test_an_unknown_page_is_a_404(client):
    assert client.get("/no-such-page/").status_code == 404
