"""Browser fixtures shared by every browser test: one headless Chromium per session.

A second Playwright in the same process fails ("Sync API inside the asyncio loop"), so
every test that drives Chromium must take `browser` from here rather than start its own.
"""

import io
import os
from pathlib import Path

import pytest

from reports.exports.pdf import BROWSER_ARGS

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
# The same flags the portal prints PDFs with, so the tests drive the browser it uses.
ARGS = BROWSER_ARGS


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: browser tests must run in CI")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(autouse=True)
def _forget_remembered_pages():
    """Each test starts with no remembered page (reports/page_cache.py), as a freshly
    started server does: tests that patch code or settings must see it rendered."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _close_reads_alongside():
    """The pages' reads alongside keep a second connection (reports/alongside.py), as a
    server does; closed after each test, so that the test database can be dropped."""
    yield
    from reports import alongside

    alongside.close()


def load_papers():
    """The three published papers, as `load_seed_data` loads them."""
    from django.core.management import call_command

    call_command("load_seed_data", stdout=io.StringIO())


# Side tables holding a copy of what one load wrote (not models, so a flush leaves them).
PAPERS_COPY = "papers_copy_"


@pytest.fixture(scope="session")
def papers_copy(django_db_setup, django_db_blocker):
    """`load_seed_data` run once per session on the empty test database, its rows copied
    into side tables and then deleted: `restore_papers` puts back exactly what it wrote in
    one INSERT ... SELECT per table, a fraction of a second instead of seconds of ORM saves
    (6,000 queries) per module. Tests of the loader itself still call `load_papers`."""
    from django.apps import apps
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    models = {
        m._meta.db_table: m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    with django_db_blocker.unblock(), transaction.atomic(), connection.cursor() as cursor:

        def rows(table):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            return cursor.fetchone()[0]

        present = set(connection.introspection.table_names(cursor))
        before = {table: rows(table) for table in models if table in present}
        load_papers()
        written = [table for table, n in before.items() if rows(table) != n]
        if any(before[table] for table in written):
            raise RuntimeError(f"the seed load changed tables that were not empty: {written}")
        for table in written:
            cursor.execute(
                f"CREATE TABLE {quote(PAPERS_COPY + table)} AS SELECT * FROM {quote(table)}"
            )
            cursor.execute(f"DELETE FROM {quote(table)}")
    return [models[table] for table in written]


def restore_papers(copied):
    """The rows of one `load_seed_data` run, ids and all, in the current transaction."""
    from django.core.management.color import no_style
    from django.db import connection

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in copied:
            table = model._meta.db_table
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(PAPERS_COPY + table)}")
        # PostgreSQL's sequences past the copied ids, should a flush have reset them.
        for sql in connection.ops.sequence_reset_sql(no_style(), copied):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            # Statistics of these rows for the planner (rolled back with them). Without them
            # it plans from whatever autovacuum last saw, an empty table or another test's
            # rows: a Norfolk dashboard's latest values, believed one row, were read by
            # re-ranking the council's values once per value (1.8 s a page), and the suite
            # took 300 or 500 s by when autovacuum ran.
            tables = ", ".join(quote(m._meta.db_table) for m in copied)
            cursor.execute(f"ANALYZE {tables}")


@pytest.fixture(scope="module")
def seeded_papers(papers_copy, django_db_blocker):
    """The published papers, put in once for the module that asks inside a transaction
    rolled back after it: each test's own writes are rolled back to them."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        restore_papers(papers_copy)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(papers_copy, db):
    """The published papers for one test, in a module whose other tests make their own
    councils (a module-scoped load would still be there for them)."""
    restore_papers(papers_copy)
