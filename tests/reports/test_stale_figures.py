"""Issue 13: the Jan - Mar 2024 dashboard counted 66 rows whose latest figure was from
2016/17 in its Red/Green totals and exceptions, with no warning. An old figure stays on the
row, marked in words, and is left out of the counts and the exception criteria."""

import html
import re

import pytest

from indicators.models import Period
from reports.dashboard import dashboard_rows, summarise
from tests import factories as f

pytestmark = pytest.mark.django_db

OLD_ROWS = 66


@pytest.fixture
def council_in_2024():
    council = f.authority("Newtown", rating_scheme=f.scheme(rated=["target"]))
    q4 = f.quarter(2024, first_month=1)
    current = f.indicator(council, "Q1", name="A current quarterly measure")
    f.value(current, q4, "40")
    f.target(current, q4, "50")  # Red, and more than 5% off target: an exception
    old_year = Period.objects.from_label("2016/17")
    for n in range(OLD_ROWS):
        old = f.indicator(council, f"A{n}", name=f"An annual measure {n}", frequency="annual")
        f.value(old, old_year, "10")
        f.target(old, old_year, "60" if n % 2 else "5")  # half Red, half Green, in 2016/17
    return council


def test_old_figures_are_not_counted(council_in_2024):
    rows = dashboard_rows(council_in_2024, Period.objects.get(label="Jan - Mar 2024").end)
    summary = summarise(rows)
    assert len(rows) == OLD_ROWS + 1
    assert sum(r.stale for r in rows) == OLD_ROWS
    assert summary.ratings == {"red": 1}  # the current figure only
    assert [r.ref for r in summary.exceptions] == ["Q1"]
    assert len(summary.stale) == OLD_ROWS
    old = next(r for r in rows if r.ref == "A1")
    assert old.exceptions == []  # Red in 2016/17, and off target: no exception now
    assert old.target.rating == "red"  # the rating of its own year stays on the row


def test_the_dashboard_says_old_figure_in_words(client, council_in_2024):
    page = html.unescape(
        re.sub(
            r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/councils/newtown/").content.decode())
        )
    )
    assert "Old figure: 2016/17" in page
    assert f"Not counted: {OLD_ROWS} old figures" in page
    assert "(of 1 rated indicators)" in page
    assert "Meeting the exception criteria: 1" in page


def test_the_same_figures_counted_in_their_own_year(council_in_2024):
    rows = dashboard_rows(council_in_2024, Period.objects.get(label="2016/17").end)
    assert not any(r.stale for r in rows)
    assert summarise(rows).ratings == {"red": OLD_ROWS // 2, "green": OLD_ROWS // 2}
