"""Dashboards are remembered until the data changes (reports/page_cache.py): a member
never sees a figure older than the database's, whatever wrote the new one."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DataVersion, Indicator, Period, Value

pytestmark = pytest.mark.django_db

PAGES = ["/councils/durham/", "/councils/durham/key-messages/"]


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries]


@pytest.mark.parametrize("url", PAGES)
def test_a_repeat_view_is_the_same_page_without_reading_the_figures(client, durham, url):
    first, _ = get(client, url)
    again, queries = get(client, url)
    assert again == first
    assert not [sql for sql in queries if "indicators_value" in sql]


def test_a_bulk_update_shows_at_once(client, durham):
    """queryset.update() sends no signal; the database's trigger changes the version."""
    page, _ = get(client, "/councils/durham/")
    assert "83.2%" in page
    s16 = Indicator.objects.get(ref="CYP S16")
    Value.objects.filter(indicator=s16, value=Decimal("83.2")).update(value=Decimal("77.7"))
    page, _ = get(client, "/councils/durham/")
    assert "77.7%" in page and "83.2%" not in page


def test_a_new_period_shows_in_the_picker_at_once(client, durham):
    get(client, "/councils/durham/")
    s16 = Indicator.objects.get(ref="CYP S16")
    # The fixture's Jul - Sep 2017 value is a draft; this one is approved.
    october = Period.objects.for_span("quarter", date(2017, 10, 1), date(2017, 12, 31))
    Value.objects.bulk_create(
        [
            Value(
                indicator=s16,
                authority=s16.authority,
                period=october,
                value=Decimal("88.8"),
                workflow=Value.Workflow.APPROVED,
            )
        ]
    )
    page, _ = get(client, "/councils/durham/")
    assert october.label in page and "88.8%" in page


def test_each_period_is_remembered_on_its_own(client, durham):
    latest, _ = get(client, "/councils/durham/")
    earlier, _ = get(client, "/councils/durham/?period=2016-06-30")
    assert earlier != latest
    assert get(client, "/councils/durham/?period=2016-06-30")[0] == earlier
    assert get(client, "/councils/durham/")[0] == latest


def test_without_a_data_version_every_view_is_rendered(client, durham):
    """A database flushed between tests has no version row: nothing is remembered."""
    DataVersion.objects.all().delete()
    get(client, "/councils/durham/")
    _, queries = get(client, "/councils/durham/")
    assert [sql for sql in queries if "indicators_value" in sql]


def test_switched_off_every_view_is_rendered(client, durham, settings):
    """SCRUTINY_PAGE_CACHE=off, to measure or debug the rendering itself."""
    settings.SCRUTINY_PAGE_CACHE = False
    get(client, "/councils/durham/")
    _, queries = get(client, "/councils/durham/")
    assert [sql for sql in queries if "indicators_value" in sql]
