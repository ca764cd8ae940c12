from decimal import Decimal

import pytest

from reports.dashboard import Cell, Row
from reports.messages import benchmark_clause, change_clause, more_or_less, sentence_for


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
    assert "Altogether Better for Children" in page
    assert 'href="/councils/durham/indicators/cyp-s16/?period=2017-06-30"' in page
    assert "higher than last year (80.0%), an improvement" in page
    assert "lower than the North East average (86.0%, Jan - Mar 2016)" in page


@pytest.mark.django_db
def test_the_key_messages_page_404s_for_an_unknown_council(client):
    assert client.get("/councils/nowhere/key-messages/").status_code == 404
