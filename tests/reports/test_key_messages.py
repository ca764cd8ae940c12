from decimal import Decimal

import pytest

from reports.dashboard import Cell, Row
from reports.messages import (
    benchmark_clause,
    change_clause,
    key_messages,
    miss_sentence,
    more_or_less,
    sentence_for,
)


def row(**fields):
    base = dict(
        indicator_id=1,
        authority_slug="durham",
        ref="CYP S3",
        slug="cyp-s3",
        name="Children looked after",
        theme="",
        key_question="",
        group_order=(0, "", 0),
        polarity="none",
        unit="count",
        decimal_places=0,
        value=Decimal("789"),
        text="789",
        period_label="As at Mar 2017",
        period_end=None,
        provisional=False,
    )
    return Row(**{**base, **fields})


@pytest.mark.parametrize(
    "value, comparator, words",
    [(789, 712, "higher than"), (700, 712, "lower than"), (712, 712, "the same as"), (1, None, "")],
)
def test_more_or_less_compares_the_figures(value, comparator, words):
    assert more_or_less(value, comparator) == words


def test_a_change_clause_reads_like_the_papers():
    assert change_clause(789, 712, "712", "last year") == "higher than last year (712)"


def test_a_change_clause_names_the_direction_from_the_rules():
    clause = change_clause(83, 80, "80%", "last year", "improved")
    assert clause == "higher than last year (80%), an improvement"


def test_a_benchmark_clause_names_the_region_and_its_period():
    cell = Cell("North East", "regional", "88.0 per 10,000", Decimal("88"), period_label="2015/16")
    assert benchmark_clause(Decimal("66.1"), cell) == (
        "lower than the North East average (88.0 per 10,000, 2015/16)"
    )


def test_a_sentence_combines_last_year_and_benchmarks():
    r = row(
        previous_year=Cell("12 months earlier", "previous_year", "712", Decimal("712")),
        benchmarks={"national": Cell("England", "national", "800", Decimal("800"))},
    )
    assert sentence_for(r) == (
        "Children looked after: 789 (As at Mar 2017), higher than last year (712); "
        "lower than the England average (800, latest available)."
    )


def test_no_sentence_without_a_figure():
    assert sentence_for(row(value=None, text="")) == ""


@pytest.mark.django_db
def test_the_key_messages_page_links_each_sentence_to_its_indicator(client, durham):
    page = client.get("/councils/durham/key-messages/").content.decode()
    assert "Against target: 1 Red" in page
    assert 'href="/councils/durham/indicators/cyp-s16/?period=2017-06-30"' in page
    # CYP S16 is Red against its target: named as a miss first, never just "an improvement".
    misses = page.split('id="misses-heading"')[1].split("</section>")[0]
    assert "CYP S16" in misses
    assert "improved on last year (80.0%) but still off target" in misses
    assert "worse than the North East average (86.0%, Jan - Mar 2016)" in misses


@pytest.mark.django_db
def test_the_key_messages_page_404s_for_an_unknown_council(client):
    assert client.get("/councils/nowhere/key-messages/").status_code == 404


def test_a_benchmark_clause_reads_better_or_worse_with_the_polarity():
    cell = Cell("England", "national", "22.3%", Decimal("22.3"), period_label="2015/16")
    assert benchmark_clause(Decimal("17.0"), cell, "lower") == (
        "better than the England average (22.3%, 2015/16)"
    )
    assert benchmark_clause(Decimal("17.0"), cell, "higher").startswith("worse than")


def _target(rating, printed="<20%"):
    return Cell("Target", "target", printed, Decimal("20"), printed=printed, rating=rating)


def test_a_red_improvement_is_called_a_miss_not_an_improvement():
    # Norfolk's CIN re-referrals: 24.2% against <20%, better than last year's 25.0%.
    r = row(
        name="Re-referrals",
        polarity="lower",
        unit="percent",
        value=Decimal("24.2"),
        text="24.2%",
        period_label="Apr 2018",
        target=_target("red"),
        previous_year=Cell(
            "12 months earlier", "previous_year", "25.0%", Decimal("25"), direction="improved"
        ),
    )
    sentence = miss_sentence(r)
    assert "against a target of <20%: Red, missing the target" in sentence
    assert "but still off target" in sentence
    assert "an improvement" not in sentence


def test_misses_come_first_red_before_amber_then_a_count_summary():
    amber = row(
        ref="A", slug="a", polarity="lower", target=_target("amber"), value=Decimal("21"), text="21"
    )
    red = row(
        ref="R", slug="r", polarity="lower", target=_target("red"), value=Decimal("30"), text="30"
    )
    green = row(
        ref="G", slug="g", polarity="lower", target=_target("green"), value=Decimal("10"), text="10"
    )
    messages = key_messages([amber, green, red])
    assert [m.ref for m in messages.misses] == ["R", "A"]
    assert (
        messages.summary[1] == "Against target: 1 Red, 1 Amber, 1 Green, of 3 with a target rated."
    )


def test_an_old_figure_says_it_is_old():
    from datetime import date

    # Whether a figure is old is the one rule's (indicators/rules/staleness.py, Row.stale).
    old = row(period_label="2014/15", period_end=date(2015, 3, 31), stale=True)
    assert "This is an old figure (2014/15, over 2 years before June 2017)." in sentence_for(
        old, date(2017, 6, 30)
    )
    current = row(period_label="2014/15", period_end=date(2015, 3, 31))
    assert "old figure" not in sentence_for(current, date(2015, 6, 30))
