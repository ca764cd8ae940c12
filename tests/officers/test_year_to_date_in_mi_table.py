"""An officer's next April return shows a year to date in the MI county table, worked out
from the months (Indicator.year_to_date), beside last April's YTD as the paper printed it."""

from datetime import date

import pytest
from django.urls import reverse

from indicators.models import Indicator, Period, Role, SignOff
from indicators.rules.periods import PeriodKind
from officers.returns.signoff import sign_off
from reports.exports.layout import committee_table
from tests import factories as f

from .conftest import make_user

pytestmark = pytest.mark.django_db


def ytd_period(year, month):
    end = f.month(year, month).end
    return Period.objects.for_span(PeriodKind.YEAR_TO_DATE, date(year, 4, 1), end)


@pytest.fixture
def contacts(norfolk):
    """Norfolk's 2.1 as the April 2018 paper left it: months to April 2018 and the YTD
    and previous YTD it printed, stored on their year-to-date periods."""
    norfolk.rating_scheme = f.scheme("absolute_thresholds", "0", rated=["target"])
    norfolk.save()
    indicator = f.indicator(
        norfolk,
        "2.1",
        name="Contacts - No. (in-month)",
        polarity="none",
        unit="count",
        decimal_places=0,
        frequency="monthly",
        table_ref="1",
        data_note="Count",
        year_to_date=Indicator._meta.get_field("year_to_date").default,
    )
    for month, figure in ((1, 2500), (2, 2400), (3, 2700)):
        f.value(indicator, f.month(2018, month), figure)
    f.value(indicator, f.month(2018, 4), 2643, printed="2,643")
    f.value(indicator, ytd_period(2018, 4), 2643, printed="2,643")
    f.value(indicator, ytd_period(2017, 4), 3234, printed="3,234")
    return indicator


def mi_row(norfolk, month_end):
    table = committee_table(norfolk, month_end)
    [(_, row)] = table.flat_rows()
    cells = dict(zip(table.columns, (c.text for c in row.cells), strict=True))
    return cells


def enter_and_approve(client, norfolk, indicator, period, figure):
    """Through the return grid, then submitted by the officer and approved by another."""
    officer = make_user(f"officer-{period.pk}", norfolk, Role.Kind.OFFICER)
    approver = make_user(f"approver-{period.pk}", norfolk, Role.Kind.APPROVER)
    client.force_login(officer)
    url = reverse("officers:return", args=[norfolk.slug, period.pk])
    [row] = client.get(url).context["rows"]
    assert row["indicator"] == indicator
    response = client.post(url, {f"r{row['number']}-value": figure, "confirm": "yes"})
    assert response.status_code == 302
    sign_off(SignOff.Action.SUBMITTED, norfolk, period, officer)
    sign_off(SignOff.Action.APPROVED, norfolk, period, approver)


def test_the_papers_april_shows_its_ytd_as_printed(norfolk, contacts):
    row = mi_row(norfolk, date(2018, 4, 30))
    assert (row["YTD"], row["Previous YTD"], row["Data note"]) == ("2,643", "3,234", "Count")


def test_the_next_april_return_shows_a_ytd_from_the_months(client, norfolk, contacts):
    contacts.year_to_date = "sum"
    contacts.save()
    april = f.month(2019, 4)
    enter_and_approve(client, norfolk, contacts, april, "2810")
    row = mi_row(norfolk, date(2019, 4, 30))
    assert row["Apr-19"] == "2,810"
    assert row["YTD"] == "2,810 (sum of months)"
    assert row["Previous YTD"] == "2,643"  # last April's, as the paper printed it
    may = f.month(2019, 5)
    enter_and_approve(client, norfolk, contacts, may, "2900")
    row = mi_row(norfolk, date(2019, 5, 31))
    assert row["YTD"] == "5,710 (sum of months)"
    assert row["Previous YTD"] == ""  # May 2018 was never returned: no YTD to May 2018


def test_an_indicator_that_cannot_sum_its_months_shows_no_ytd(client, norfolk, contacts):
    assert contacts.year_to_date == "none"
    enter_and_approve(client, norfolk, contacts, f.month(2019, 4), "2810")
    row = mi_row(norfolk, date(2019, 4, 30))
    assert row["Apr-19"] == "2,810" and row["YTD"] == ""
