"""The data version changes with every write to what the member pages read, however the
write is made, so a page remembered under it (reports/page_cache.py) is never stale."""

from decimal import Decimal

import pytest
from django.db import connection, transaction

from indicators import data_version
from indicators.bulk import create_with_history
from indicators.models import Value
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    council = f.authority()
    ind = f.indicator(council)
    value = f.value(ind, f.quarter(2016), "80")
    return council, ind, value


def changes(write):
    before = data_version.current_token()
    write()
    after = data_version.current_token()
    assert before and after
    return after != before


def test_every_table_of_the_indicators_app_carries_the_trigger():
    """A table added later without the trigger would let its pages go stale."""
    assert data_version.triggered_tables(connection) == data_version.watched_tables()
    assert "indicators_value" in data_version.watched_tables()
    assert "indicators_comparatorgroup_members" in data_version.watched_tables()
    assert not [t for t in data_version.watched_tables() if "historical" in t]


def test_a_save_an_update_and_a_delete_each_change_it(series):
    council, ind, value = series
    value.value = Decimal("81")
    value.workflow = Value.Workflow.DRAFT  # an approved figure changes only by sign-off
    assert changes(value.save)
    assert changes(lambda: f.value(ind, f.quarter(2017), "83"))
    assert changes(lambda: Value.objects.filter(pk=value.pk).delete())


def test_writes_that_send_no_signal_change_it(series):
    council, ind, value = series
    assert changes(lambda: Value.objects.filter(pk=value.pk).update(value=Decimal("90")))
    later = Value(indicator=ind, authority=council, period=f.quarter(2018), value=Decimal("1"))
    assert changes(lambda: Value.objects.bulk_create([later]))

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE indicators_value SET note = 'checked'")

    assert changes(raw_sql)


def test_an_import_through_the_bulk_path_changes_it(series):
    """PostgreSQL COPYs the rows: a statement trigger still fires."""
    council, ind, _ = series
    rows = [
        Value(indicator=ind, authority=council, period=f.quarter(year), value=Decimal(year))
        for year in (2018, 2019)
    ]
    assert changes(lambda: create_with_history(rows, reason="test import"))


def test_benchmarks_targets_and_comparator_groups_change_it(series):
    council, ind, value = series
    england = f.group("England", members=[council])
    assert changes(lambda: f.benchmark(england, ind, f.quarter(2016), "79"))
    assert changes(lambda: f.target(ind, f.quarter(2016), "85"))
    assert changes(lambda: england.members.remove(council))


def test_a_rolled_back_write_leaves_it_as_it_was(series):
    council, ind, value = series
    before = data_version.current_token()
    with transaction.atomic():
        Value.objects.filter(pk=value.pk).update(value=Decimal("1"))
        assert data_version.current_token() != before
        transaction.set_rollback(True)
    assert data_version.current_token() == before


def test_reading_does_not_change_it(series):
    assert not changes(lambda: list(Value.objects.all()))
