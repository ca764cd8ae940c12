"""Committee table and pack downloads from the dashboard: anyone may download them, they
hold published values only, and bad URLs are 404s."""

import csv
import io
from datetime import date

import pytest
from docx import Document

from indicators.models import ExceptionReport, Indicator, Theme

pytestmark = pytest.mark.django_db


def number_rows(*councils):
    for council in councils:
        for n, indicator in enumerate(Indicator.objects.filter(authority=council), start=1):
            indicator.table_ref = str(n)
            indicator.save()


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_dashboard_offers_the_table_and_the_pack_for_its_period(client, durham, settings):
    settings.CHROMIUM_PATH = __file__  # Chromium "is installed": the PDF is offered too
    html = client.get("/councils/durham/?period=2017-06-30").content.decode()
    assert 'action="/councils/durham/committee-table.docx"' in html
    assert 'name="period" value="2017-06-30"' in html
    assert "/councils/durham/committee-pack.pdf?period=2017-06-30" in html
    assert "Altogether Better for Children</option>" in html  # a theme to narrow it to


def test_a_member_downloads_published_values_only(client, durham):
    number_rows(durham)
    response = client.get("/councils/durham/committee-table.csv?period=2017-06-30")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('committee-table-Apr-Jun2017.csv"')
    by_ref = {r["PI ref"]: r for r in rows(response)}
    assert by_ref["CYP S16"]["Latest data"] == "83.2"  # the draft 99.9 is never shown
    latest = rows(client.get("/councils/durham/committee-table.csv"))
    assert {r["PI ref"]: r["Latest data"] for r in latest}["CYP S16"] == "83.2"


def test_a_theme_narrows_the_download(client, durham):
    number_rows(durham)
    other = Theme.objects.create(authority=durham, name="Altogether Safer", order=2)
    Indicator.objects.filter(ref="CYP S17").update(theme=other)
    response = client.get(
        f"/councils/durham/committee-table.csv?period=2017-06-30&theme={other.pk}"
    )
    assert [r["PI ref"] for r in rows(response)] == ["CYP S17"]
    everything = client.get("/councils/durham/committee-table.csv?period=2017-06-30&theme=")
    assert len(rows(everything)) == 2


def test_bad_urls_are_404s(client, durham, norfolk):
    norfolk_theme = Theme.objects.filter(authority=norfolk).first()
    for url in (
        "/councils/nowhere/committee-table.docx",
        "/councils/durham/committee-table.docx?period=2001-03-31",
        "/councils/durham/committee-table.docx?period=soon",
        f"/councils/durham/committee-table.docx?theme={norfolk_theme.pk}",
        "/councils/durham/committee-table.docx?theme=safer",
        "/councils/durham/committee-table.odt",
        "/councils/durham/committee-pack.xlsx",
    ):
        assert client.get(url).status_code == 404, url


def test_norfolk_downloads_in_the_mi_layout_with_locality_ratings(client, norfolk):
    number_rows(norfolk)
    by_ref = {r["Ref"]: r for r in rows(client.get("/councils/norfolk/committee-table.csv"))}
    row = by_ref["6.10b"]
    assert (row["Last four months Apr-18"], row["RAG County"]) == ("84.0", "AMBER")
    assert (row["RAG Breckland"], row["RAG Norwich"]) == ("GREEN", "RED")
    assert row["DOT (month on month) DOT"] == "↓ worse"
    assert (row["Tolerances Red"], row["Tolerances Green"]) == ("80%", "90%")


def test_the_pack_holds_the_cards_officers_chose(client, norfolk):
    url = "/councils/norfolk/committee-pack.html?period=2018-04-30"
    assert "Officers have not chosen any exceptions" in client.get(url).content.decode()
    ExceptionReport.save_choice(
        norfolk,
        date(2018, 4, 30),
        [(Indicator.objects.get(authority=norfolk, ref="6.10b"), ["Worse three periods running"])],
        None,
        meeting_date=date(2018, 7, 10),
    )
    html = client.get(url).content.decode()
    assert "Meeting: 10 July 2018" in html
    assert "Children on plans must be seen." in html and "Lead: Head of Social Work" in html
    assert "Reported because: Worse three periods running" in html
    assert html.count('class="page report-card"') == 1
    word = Document(io.BytesIO(client.get(url.replace(".html", ".docx")).content))
    assert "Percentage of CP visits in timescale" in [p.text for p in word.paragraphs]
