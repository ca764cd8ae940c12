"""A dashboard reads its trends, commentaries and ranks on a second connection while it
builds the rows (reports/alongside.py): the same rows as read in line, errors still reach
the page, and a transaction's own writes are still seen."""

import threading

import pytest
from django.db import connection, transaction

from indicators.models import Authority, Indicator, Value
from reports import alongside, queries
from reports.dashboard import dashboard_rows
from tests import factories as f


@pytest.mark.django_db
def test_inside_a_transaction_a_read_sees_what_it_has_not_committed():
    # An officer's preview inside a transaction: another connection would not see it.
    durham = f.authority("Durham")
    f.value(f.indicator(durham, "CYP S1"), f.quarter(2017), 70)
    read = alongside.alongside(lambda: Value.objects.filter(authority=durham).count())
    assert read.result() == 1


def national_measure_in_three_councils():
    councils = [f.authority(name) for name in ("Durham", "Gateshead", "Sunderland")]
    f.group("North East", kind="regional", members=councils)
    measure = Indicator.objects.create(
        authority=None, ref="CLA-RATE", name="Looked-after rate", polarity="lower",
        unit="rate_10000", frequency="quarterly", decimal_places=1,
    )  # fmt: skip
    for year, start in ((2016, 60), (2017, 64), (2018, 70)):
        for n, council in enumerate(councils):
            f.value(measure, f.quarter(year), start + 10 * n, council=council)
    return councils[0]


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_read_alongside_shows_the_rows_read_in_line(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads in line (reports/alongside.py)")
    durham = national_measure_in_three_councils()
    threads = []
    trends = queries.trends

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return trends(*args, **kwargs)

    monkeypatch.setattr(queries, "trends", recorded)
    (read_alongside,) = dashboard_rows(durham)
    with transaction.atomic():
        (read_in_line,) = dashboard_rows(durham)
    assert threads[0].startswith("reads-alongside") and threads[1] == "MainThread"
    assert [figure for _, figure in read_alongside.trend] == [60, 64, 70]
    assert read_alongside.ranks["regional"].text == "1st of 3"
    assert read_alongside == read_in_line


@pytest.mark.django_db(transaction=True)
def test_a_read_that_fails_alongside_fails_the_page():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads in line (reports/alongside.py)")

    def broken():
        raise LookupError("the database went away")

    read = alongside.alongside(broken)
    with pytest.raises(LookupError, match="went away"):
        read.result()


@pytest.mark.django_db(transaction=True)
def test_a_read_alongside_may_itself_read_alongside():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads in line (reports/alongside.py)")
    durham = f.authority("Durham")

    def councils():
        return alongside.alongside(lambda: list(Authority.objects.values_list("name"))).result()

    assert alongside.alongside(councils).result(timeout=10) == [(durham.name,)]
