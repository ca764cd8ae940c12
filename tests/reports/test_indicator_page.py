import html
import re

import pytest

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_it_shows_the_definition_polarity_and_unit(client, durham):
    page = text(client.get("/councils/durham/indicators/cyp-s17/"))
    assert "Lower is better" in page and "Rate per 10,000" in page


def test_it_draws_the_trend_and_comparison_charts_with_table_alternatives(client, durham):
    response = client.get("/councils/durham/indicators/cyp-s16/")
    page = response.content.decode()
    assert 'id="trend-chart"' in page and 'id="comparison-chart"' in page
    assert "Trend data table" in page and "Comparison data table" in page
    assert "cdn" not in page.lower()
    assert re.search(r'<script src="/static/plotly-basic-[\d.]+/plotly-basic\.min\.js">', page)


def test_the_trend_table_has_numerator_and_denominator(client, durham):
    page = text(client.get("/councils/durham/indicators/cyp-s16/"))
    # With its 95% interval by the Wilson score method (416/500: 79.67% to 86.22%).
    assert "Apr - Jun 2017 83.2 416 500 79.67% to 86.22% Final" in page


def test_it_rates_each_locality_against_the_county_tolerances(client, norfolk):
    page = text(client.get("/councils/norfolk/indicators/6-10b/"))
    assert "Breckland 95.0% ● Green" in page
    assert "Norwich 70.0% ■ Red" in page


def test_it_shows_the_commentary_and_report_card(client, norfolk):
    page = text(client.get("/councils/norfolk/indicators/6-10b/"))
    assert "Visits slipped in the West locality." in page
    assert "Why is this important? Children on plans must be seen." in page


def test_it_flags_a_rating_the_paper_printed_differently(client, durham):
    from indicators.models import Value
    from tests import factories as f

    value = Value.objects.get(indicator__ref="CYP S16", period__label="Apr - Jun 2017")
    f.published(value, "target", published_rating="amber", printed_rating="AMBER")
    page = text(client.get("/councils/durham/indicators/cyp-s16/"))
    assert "Target: the paper printed Amber; the council's documented rule gives Red." in page


def test_it_shows_published_quirks_as_caveats(client, durham):
    from indicators.models import Value

    Value.objects.filter(indicator__ref="CYP S16").update(published_quirk="Printed as 7100.0%")
    assert "Printed as 7100.0%" in text(client.get("/councils/durham/indicators/cyp-s16/"))


def test_it_shows_the_indicator_as_it_stood_at_an_earlier_period(client, durham):
    page = text(client.get("/councils/durham/indicators/cyp-s16/?period=2016-06-30"))
    assert "80.0% Apr - Jun 2016" in page and "83.2" not in page


def test_an_indicator_without_published_values_says_so(client, durham):
    from tests import factories as f

    f.indicator(durham, "CYP S99", name="New measure")
    page = text(client.get("/councils/durham/indicators/cyp-s99/"))
    assert "Durham has no published value for this indicator" in page


@pytest.mark.parametrize(
    "url",
    ["/councils/durham/indicators/no-such-ref/", "/councils/norfolk/indicators/cyp-s16/"],
)
def test_an_unknown_indicator_is_a_404(client, durham, norfolk, url):
    assert client.get(url).status_code == 404


def test_plotly_js_is_a_static_file_of_the_portal_cached_for_good(client, durham):
    """Council intranets block CDNs: the page's plotly.js comes from the portal, and its
    versioned path lets browsers keep it."""
    page = client.get("/councils/durham/indicators/cyp-s16/").content.decode()
    url = re.search(r'<script src="([^"]+plotly[^"]+)">', page).group(1)
    response = client.get(url)
    assert response.status_code == 200
    # The partial bundle with the trace types the pages draw (reports/plotly_js.py).
    assert b"".join(response.streaming_content).startswith(b"/**\n* plotly.js (basic")
    assert "immutable" in response["Cache-Control"]
    assert client.get("/static/portal.css")["Cache-Control"] != response["Cache-Control"]
