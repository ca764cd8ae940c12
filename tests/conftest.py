"""Browser fixtures shared by every browser test: one headless Chromium per session.

A second Playwright in the same process fails ("Sync API inside the asyncio loop"), so
every test that drives Chromium must take `browser` from here rather than start its own.
"""

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
