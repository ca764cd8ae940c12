"""Each published quirk issue #3 names is flagged wherever its figure appears: the
committee dashboard's cell, the indicator page, the committee table export and the open
data file (/data/observations.csv)."""

import csv
import html
import io
import re
from datetime import date

import pytest

from indicators.models import Authority, Tolerance, Value
from reports.exports.layout import committee_table
from reports.exports.text import committee_table_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded_papers")]

CP_SEEN_APRIL = {"indicator__ref": "VS-CP-seen", "period__start": date(2018, 4, 1)}


@pytest.fixture(scope="module")
def observations(seeded_papers, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        text = Client().get("/data/observations.csv").content.decode()
    return list(csv.DictReader(io.StringIO(text)))


def quirk(**where):
    text = Value.objects.get(**where).published_quirk
    assert text
    return text


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def dashboard_row(client, council, ref_slug, period=""):
    """The dashboard's <tr> for one indicator, as HTML."""
    url = f"/councils/{council}/" + (f"?period={period}" if period else "")
    page = client.get(url).content.decode()
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        if 'class="col-indicator"' in row and f"/indicators/{ref_slug}/" in row:
            return row
    raise AssertionError(f"{ref_slug} is not on {url}")


def column(row, name):
    found = re.search(rf'<td class="col-{name}">(.*?)</td>', row, re.S)
    return found.group(1) if found else ""


def flagged_rows(observations, ref, text):
    return [r for r in observations if r["indicator_ref"] == ref and text in r["flags"]]


def committee_rows(slug, end):
    table = committee_table(Authority.objects.get(slug=slug), end)
    return list(csv.DictReader(io.StringIO(committee_table_csv(table).decode())))


def test_7100_percent_is_flagged_on_the_dashboard_page_and_open_data(client, observations):
    text = quirk(indicator__ref="VS-exclusions", printed="7100.0%")
    row = dashboard_row(client, "norfolk", "vs-exclusions")
    assert "Data caveat" in row and "71" in column(row, "latest")
    assert text in page_text(client, "/councils/norfolk/indicators/vs-exclusions/")
    assert flagged_rows(observations, "VS-exclusions", text)
    # The vital signs have no row in the committee table (the MI county table), so the
    # committee table export never shows this figure.


def test_the_inverted_6_5_tolerance_is_flagged_on_its_target_cell(client, observations):
    text = Tolerance.objects.get(indicator__ref="6.5").published_quirk
    row = dashboard_row(client, "norfolk", "6-5")
    assert text in html.unescape(column(row, "target"))
    assert text in page_text(client, "/councils/norfolk/indicators/6-5/")
    [table_row] = [r for r in committee_rows("norfolk", date(2018, 4, 30)) if r["Ref"] == "6.5"]
    assert text in table_row["Caveats"]
    target_rows = [r for r in flagged_rows(observations, "6.5", text)]
    assert {r["comparison_kind"] for r in target_rows} == {"target"}


def test_a_fraction_that_does_not_give_the_printed_percentage_is_flagged(client, observations):
    where = {"indicator__ref": "VS-CP-repeat", "period__start": date(2017, 5, 1)}
    text = quirk(**where)
    assert "Numerator/denominator" in text
    row = dashboard_row(client, "norfolk", "vs-cp-repeat", period="2017-05-31")
    assert "Data caveat" in row
    # The latest indicator page lists the earlier figure with its caveat in the trend table.
    assert text in page_text(client, "/councils/norfolk/indicators/vs-cp-repeat/")
    assert flagged_rows(observations, "VS-CP-repeat", text)


def test_a_definition_changed_mid_year_is_flagged(client, observations):
    text = quirk(**CP_SEEN_APRIL)
    assert text.startswith("Definition change")
    assert "Data caveat" in dashboard_row(client, "norfolk", "vs-cp-seen")
    assert text in page_text(client, "/councils/norfolk/indicators/vs-cp-seen/")
    assert flagged_rows(observations, "VS-CP-seen", text)


def test_12_months_earlier_equal_to_the_target_is_flagged_on_that_cell(client, observations):
    text = quirk(indicator__ref="CYP S33", period__label="Jan - Jun 2016")
    row = dashboard_row(client, "durham", "cyp-s33")
    assert text in html.unescape(column(row, "previous_year"))  # a flag with its words
    assert "caveat" not in column(row, "target")
    assert text in page_text(client, "/councils/durham/indicators/cyp-s33/")
    [table_row] = [
        r for r in committee_rows("durham", date(2017, 6, 30)) if r["PI ref"] == "CYP S33"
    ]
    assert text in table_row["Caveats"]
    latest = [r for r in flagged_rows(observations, "CYP S33", text) if r["value"] == "66"]
    assert {r["comparison_kind"] for r in latest} == {"previous_year"}


def test_an_indicators_own_quirk_travels_with_its_figures_in_open_data(observations):
    rows = [r for r in observations if r["indicator_ref"] == "VS-EHCP-timescale"]
    assert rows and all("No target is printed" in r["flags"] for r in rows)
