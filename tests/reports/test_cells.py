"""The committee table's cells, built by plain functions: every text escaped, the trend
line decorative with its figures in words."""

import re
from dataclasses import replace
from decimal import Decimal

from reports import cells
from reports.dashboard import Cell, Row
from reports.sparkline import sparkline_svg


def row(**fields):
    base = dict(
        indicator_id=1, authority_slug="durham", ref="CYP S16", slug="cyp-s16",
        name="Single assessments", theme="", key_question="", group_order=(0, "", 0),
        polarity="higher", unit="percent", decimal_places=1, value=Decimal("83.2"),
        text="83.2%", period_label="Apr - Jun 2017", period_end=None, provisional=False,
    )  # fmt: skip
    return Row(**{**base, **fields})


def test_a_sparkline_needs_two_figures():
    assert sparkline_svg([Decimal("1")]) == ""
    assert sparkline_svg([None, Decimal("1"), None]) == ""


def test_a_sparkline_draws_one_point_per_figure_and_is_hidden_from_screen_readers():
    svg = sparkline_svg([Decimal("80"), None, Decimal("83.2"), Decimal("81")])
    assert 'aria-hidden="true"' in svg
    points = re.search(r'points="([^"]+)"', svg).group(1).split()
    assert len(points) == 3
    ys = [int(p.split(",")[1]) for p in points]
    assert ys[1] == min(ys)  # the highest figure is drawn at the top


def test_the_trend_cell_gives_the_figures_in_words():
    trend = [("Apr - Jun 2016", Decimal("80")), ("Apr - Jun 2017", Decimal("83.2"))]
    html = cells.trend(row(trend=trend))
    assert (
        "2 values, from Apr - Jun 2016 to Apr - Jun 2017: first 80.0%, latest 83.2%, "
        "lowest 80.0%, highest 83.2%"
    ) in html
    assert cells.trend(row(trend=trend[:1])) == '<span class="muted">One value</span>'


def test_every_text_is_escaped():
    html = cells.indicator(row(name="<script>x</script>", exceptions=["Red & worse"]), "/x?a=1&b=2")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Red &amp; worse" in html and 'href="/x?a=1&amp;b=2"' in html


def test_a_rating_shows_shape_and_word_and_what_the_paper_printed():
    cell = Cell("England", "national", "82.9%", rating="red", published_rating="amber")
    html = cells.benchmark(replace(cell, rating_differs=True))
    assert '<span class="rating__shape" aria-hidden="true">■</span> Red' in html
    assert "(paper printed Amber)" in html
    assert cells.benchmark(None) == '<span class="muted">No data</span>'
