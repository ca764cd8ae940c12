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


def load_papers():
    """The three published papers, as `load_seed_data` loads them."""
    from django.core.management import call_command

    call_command("load_seed_data", stdout=io.StringIO())


@pytest.fixture(scope="module")
def seeded_papers(django_db_setup, django_db_blocker):
    """The published papers, loaded once for the module that asks (about 5 s a load) inside
    a transaction rolled back after it: each test's own writes are rolled back to them."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        load_papers()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(db):
    """The published papers for one test, in a module whose other tests make their own
    councils (a module-scoped load would still be there for them)."""
    load_papers()
