"""Report cards: officers' bullets, the performance chart drawn from the card's figures,
and a fixed number of queries however many cards a pack holds."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator
from reports.card_chart import performance_svg
from reports.report_cards import points_from_text, report_cards
from tests import factories as f

from .conftest import clone_indicators


def test_each_line_officers_start_with_a_dash_is_one_point():
    text = "- Completion rates have fallen.\n\n- Plans are audited.\n• Weekly meetings"
    assert points_from_text(text) == [
        "Completion rates have fallen.",
        "Plans are audited.",
        "Weekly meetings",
    ]
    assert points_from_text("") == []


def test_the_chart_draws_one_marker_per_figure_and_the_target():
    points = [("Jan", 60, None), ("Feb", None, None), ("Mar", 62, None), ("Apr", 51, 90)]
    svg = performance_svg("CP children seen", points, decimals=1, suffix="%")
    assert svg.count("<circle") == 3 + 1  # three figures and the legend's marker
    assert 'stroke-dasharray="6 4"' in svg  # the target line
    assert "<title>CP children seen</title>" in svg and ">51.0%</text>" in svg
    assert 'role="img"' in svg


def test_the_chart_escapes_labels_and_needs_two_figures():
    svg = performance_svg("<script>", [("A&B", 1, None), ("C", 2, None)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A&amp;B" in svg
    assert performance_svg("One figure", [("Apr", 5, None)]) == ""


def ticks(svg):
    return [float(t) for t in re.findall(r'text-anchor="end">([0-9.]+)%</text>', svg)]


def test_a_percentage_axis_stops_at_100_unless_a_figure_passes_it():
    full = performance_svg("Full", [("a", 76, None), ("b", 100, 100)], suffix="%")
    assert max(ticks(full)) == 100.0
    over = performance_svg("Over", [("a", 98, None), ("b", 120, None)], suffix="%")
    assert max(ticks(over)) > 120


@pytest.mark.django_db
def test_cards_cost_the_same_queries_for_one_card_or_ten(norfolk):
    end = date(2018, 4, 30)
    one = [(Indicator.objects.get(authority=norfolk, ref="6.10b"), ["Red rating"])]
    with CaptureQueriesContext(connection) as queries:
        [card] = report_cards(norfolk, end, one)
    assert card.why_important == "Children on plans must be seen."
    assert [p.text for p in card.points] == ["90.0", "88.0", "86.0", "84.0"]
    clone_indicators(times=9)
    ten = [(i, []) for i in Indicator.objects.filter(authority=norfolk, ref__startswith="6.10b")]
    with CaptureQueriesContext(connection) as more:
        cards = report_cards(norfolk, end, ten)
    assert len(cards) == 10 and all(len(c.points) == 4 for c in cards)
    assert len(more) == len(queries)


@pytest.mark.django_db
def test_a_card_without_figures_or_text_still_prints(norfolk):
    empty = f.indicator(norfolk, "9.9", name="Not reported yet", frequency="monthly")
    [card] = report_cards(norfolk, date(2018, 4, 30), [(empty, [])])
    assert card.points == [] and card.chart_svg == "" and not card.has_text


@pytest.mark.django_db
def test_a_cards_rating_and_targets_are_its_dashboard_rows(norfolk):
    """One row source: the card's rating and target are the dashboard row's; each earlier
    figure carries the target set for its own period."""
    from reports.dashboard import dashboard_rows

    end = date(2018, 4, 30)
    ind = Indicator.objects.get(authority=norfolk, ref="6.10b")
    f.target(ind, f.month(2018, 1), "95", kind="at_least")
    f.target(ind, f.month(2018, 4), "90", kind="at_least")
    [card] = report_cards(norfolk, end, [(ind, [])])
    [row] = [r for r in dashboard_rows(norfolk, end) if r.indicator_id == ind.pk]
    assert (card.rating, card.target) == (row.target.rating, row.target.paper_text)
    assert card.rating == "amber" and card.target == ">=90.0%"
    assert [p.target for p in card.points] == [">=95.0%", "", "", ">=90.0%"]
