"""The statistical verdicts on the seeded papers: Norfolk's monthly vital signs and
Durham's indicators with numerators and denominators, on the indicator page, the
dashboard (where the scheme switches them on), the committee tables, the open data and
the spine chart."""

import html
import math
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.latest import latest_values
from indicators.models import Authority, Indicator, Period, SpcRecalculation, Value
from indicators.observations import export_values, observation_rows
from reports.dashboard import build_rows
from reports.exports.mi_table import mi_county_table
from reports.exports.table import STATISTICS_COLUMNS, appendix3_table
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _papers(seeded_papers):
    pass


def text(response):
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def wilson_by_hand(r, n, z=1.959964):
    """Newcombe (1998) method 3, written out again here rather than imported."""
    p = r / n
    centre, spread = 2 * r + z * z, z * math.sqrt(z * z + 4 * r * (1 - p))
    return (centre - spread) / (2 * (n + z * z)) * 100, (centre + spread) / (2 * (n + z * z)) * 100


CIN = "/councils/norfolk/indicators/vs-cin-rereferrals/"


def test_a_norfolk_vital_sign_shows_its_interval_trend_and_spc(client):
    page = text(client.get(CIN))
    low, high = wilson_by_hand(2173, 8963)  # Apr 2018: 2,173 of 8,963
    assert f"95%: {low:.2f}% to {high:.2f}%" in page
    assert "(Wilson score method)" in page
    assert "No significant change (chi-squared test for trend on the last 5 points" in page
    assert "Variation: Common cause" in page
    # Target <20% sits above the upper process limit, and lower is better.
    assert "Assurance: Consistently misses target" in page
    values = [
        v.value
        for v in Value.objects.published().filter(
            indicator__ref="VS-CIN-rereferrals", area__isnull=True, period__kind="month"
        )
    ]
    assert len(values) == 13
    mean = sum(values) / 13
    assert f"Apr 2017 25.0% {mean:.2f}% " in page
    assert "Jun 2017 22.8%" in page and "outside the process limits" in page
    assert 'id="spc-chart"' in response_html(client, CIN)


def response_html(client, path):
    return client.get(path).content.decode()


def test_a_recalculation_point_is_shown_with_its_reason(client):
    ind = Indicator.objects.get(ref="VS-CIN-rereferrals")
    norfolk = Authority.objects.get(slug="norfolk")
    SpcRecalculation.objects.create(
        indicator=ind,
        authority=norfolk,
        from_period=Period.objects.get(kind="month", start__year=2018, start__month=4),
        reason="CareFirst to Liquidlogic migration",
    )
    page = text(client.get(CIN))
    assert "Limits recalculated from Apr 2018: CareFirst to Liquidlogic migration" in page
    assert "recalculated 1 points ago" in page
    assert "Variation: Common cause" not in page


def test_durham_shows_significance_against_each_benchmark(client):
    page = text(client.get("/councils/durham/indicators/x-sf-pct/"))
    low, high = wilson_by_hand(835, 1320)
    assert f"95%: {low:.2f}% to {high:.2f}%" in page
    for name, figure in [("England", "44.8%"), ("North East", "49.8%")]:
        assert f"▲ Significantly better than {name} ({figure})" in page
    # A count is never tested against another population's count.
    page = text(client.get("/councils/durham/indicators/cyp-s34/"))
    assert "Not tested against England" in page


def _show_statistics(slug, on=True):
    scheme = Authority.objects.get(slug=slug).rating_scheme
    scheme.show_statistics = on
    scheme.save()


def test_the_dashboard_shows_the_icons_only_where_the_scheme_switches_them_on(client):
    assert "Variation:" not in text(client.get("/councils/norfolk/"))
    _show_statistics("norfolk")
    page = text(client.get("/councils/norfolk/"))
    assert "~ Variation: Common cause" in page
    assert "F Assurance: Consistently misses target" in page
    _show_statistics("durham")
    page = text(client.get("/councils/durham/"))
    assert "▲ Significantly better" in page


def test_the_statistics_cost_two_queries_whatever_the_number_of_indicators():
    norfolk = Authority.objects.select_related("rating_scheme").get(slug="norfolk")
    values = latest_values([norfolk])

    def queries(some, statistics):
        with CaptureQueriesContext(connection) as captured:
            build_rows(some, [norfolk], statistics=statistics)
        return len(captured)

    few, many = values[:5], values
    assert queries(few, True) - queries(few, False) == 2
    assert queries(many, True) - queries(many, False) == 2


def test_committee_tables_carry_the_verdicts_as_words_when_switched_on():
    norfolk = Authority.objects.select_related("rating_scheme").get(slug="norfolk")
    end = Period.objects.get(kind="month", start__year=2018, start__month=4).end
    assert mi_county_table(norfolk, end).columns[-1] != STATISTICS_COLUMNS[-1]
    _show_statistics("norfolk")
    norfolk.refresh_from_db()
    table = mi_county_table(norfolk, end)
    assert table.columns[-3:] == STATISTICS_COLUMNS
    assert table.column_groups[-1] == ("Statistics", 3)
    words = {cell.text for _, line in table.flat_rows() for cell in line.cells[-3:]}
    assert "Common cause variation" in words
    _show_statistics("durham")
    durham = Authority.objects.select_related("rating_scheme").get(slug="durham")
    table = appendix3_table(durham, end)
    assert table.columns[-3:] == STATISTICS_COLUMNS
    assert all(len(line.cells) == len(table.columns) for _, line in table.flat_rows())


def test_the_open_data_carries_the_statistical_columns():
    norfolk = Authority.objects.get(slug="norfolk")
    rows = [
        r
        for r in observation_rows(export_values(norfolk))
        if r["indicator_ref"] == "VS-CIN-rereferrals" and r["area"] == ""
    ]
    latest = [r for r in rows if r["period_label"] == "Apr 2018"][0]
    low, high = wilson_by_hand(2173, 8963)
    assert (latest["numerator"], latest["denominator"], latest["polarity"]) == (
        "2173",
        "8963",
        "lower",
    )
    assert Decimal(latest["lower_ci"]) == round(Decimal(low), 4)
    assert Decimal(latest["upper_ci"]) == round(Decimal(high), 4)
    assert (latest["trend"], latest["variation"], latest["assurance"]) == (
        "no significant change",
        "common",
        "fail",
    )
    # Each value's verdicts are for its own series up to its period: 12 months is enough
    # for SPC from Mar 2018, 11 is not.
    by_period = {r["period_label"]: r for r in rows}
    assert by_period["Mar 2018"]["variation"] and not by_period["Feb 2018"]["variation"]
    # Significance only on benchmark rows; empty where there is nothing to compute.
    assert {r["significance"] for r in rows} == {""}
    durham = [
        r
        for r in observation_rows(export_values(Authority.objects.get(slug="durham")))
        if r["indicator_ref"] == "X-SF-PCT"
    ]
    assert {r["comparison_kind"]: r["significance"] for r in durham}["national"] == "better"
    no_parts = [r for r in rows if r["period_label"] == "Apr 2018"][:1]
    assert no_parts and all(r["lower_ci"] for r in no_parts)
    cyp = observation_rows(export_values(Authority.objects.get(slug="durham")))
    assert {r["lower_ci"] for r in cyp if r["indicator_ref"] == "CYP S16"} == {""}


def test_the_spine_chart_places_each_indicator_against_england(client):
    durham = Authority.objects.get(slug="durham")
    ind = Indicator.objects.get(ref="X-SF-PCT")
    sept = Value.objects.get(indicator=ind, authority=durham).period
    others = Authority.objects.exclude(slug="durham").order_by("slug")[:6]
    for council, figure in zip(others, [40, 50, 52, 66, 68, 80], strict=True):
        factories.value(ind, sept, figure, council=council)
    response = client.get("/councils/durham/spine/")
    page = text(response)
    row = page[page.index("X-SF-PCT") :]
    row = row[: row.index("Higher is better") + 200]
    # 7 councils: 40, 50, 52, 63.3 (Durham), 66, 68, 80; quartiles at positions 1.5, 4.5.
    assert "▲ Significantly better 40.0% 51.0% 67.0% 80.0% 7 councils" in row
    svg = response.content.decode()
    assert svg.count('class="spine__england"') >= 2  # the key and at least one line
    lower_is_better = page[page.index("CYP S2 ") :][:300]
    assert "Lower is better (axis reversed)" in lower_is_better
    for period in ["2017-06-30", "2017-03-31"]:
        assert client.get(f"/councils/durham/spine/?period={period}").status_code == 200
    assert client.get("/councils/durham/spine/?period=1999-01-01").status_code == 404


@pytest.mark.parametrize(
    ("polarity", "value", "side"),
    [("higher", 60, "right"), ("higher", 40, "left"), ("lower", 40, "right"),
     ("lower", 60, "left"), ("none", 60, "right")],
)  # fmt: skip
def test_worse_is_left_and_better_right_whatever_the_polarity(polarity, value, side):
    from types import SimpleNamespace

    from reports.spine import WIDTH, SpineLine, spine_svg

    row = SimpleNamespace(value=value, polarity=polarity, statistics=None, unit="percent")
    line = SpineLine(row, SimpleNamespace(figure=50), lowest=30, q1=45, q3=55, highest=70)
    svg = spine_svg(line)
    marker = re.search(r'<circle cx="([\d.]+)"', svg)
    assert (float(marker.group(1)) > WIDTH / 2) == (side == "right")
