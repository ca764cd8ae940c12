"""Every member page, on the three published papers, at 1366 px, on a 390 px phone and at
200% zoom: looked at (a screenshot each, into $SCRUTINY_SCREENSHOTS or a temporary
folder), never scrolling sideways, every chart label inside its chart, and no axe
violation (WCAG 2.2 AA; axe runs once a page, at 1366 px). Each page is loaded once per
width; the council-specific checks read the same loads."""

import os
from pathlib import Path

import pytest

from tests.browser.test_pages import WCAG
from tests.conftest import load_papers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "durham": "/councils/durham/",
    "norfolk": "/councils/norfolk/",
    "stockton": "/councils/stockton-on-tees/",
    "durham-messages": "/councils/durham/key-messages/",
    "norfolk-messages": "/councils/norfolk/key-messages/",
    "stockton-messages": "/councils/stockton-on-tees/key-messages/",
    "durham-indicator": "/councils/durham/indicators/cyp-s16/",
    "norfolk-indicator": "/councils/norfolk/indicators/3-3/",
    "stockton-indicator": "/councils/stockton-on-tees/indicators/neet-pct/",
    "compare": "/compare/",
}
# 200% zoom of a 1366 x 768 screen: half the CSS pixels, each drawn twice.
WIDTHS = {
    "1366": {"viewport": {"width": 1366, "height": 768}},
    "390": {"viewport": {"width": 390, "height": 844}},
    "zoom200": {"viewport": {"width": 683, "height": 384}, "device_scale_factor": 2},
}

# Every non-empty text of each drawn chart, with whether it lies inside its chart's svg.
LABELS_OUTSIDE = """() => {
  const outside = [];
  for (const svg of document.querySelectorAll('.chart__figure svg.main-svg')) {
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (!text.textContent.trim() || r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1) outside.push(text.textContent);
    }
  }
  return outside;
}"""


@pytest.fixture
def papers(transactional_db):
    load_papers()


def test_every_member_page_fits_every_width_and_passes_axe(
    live_server, browser, axe, papers, tmp_path
):
    shots = Path(os.environ.get("SCRUTINY_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for width, options in WIDTHS.items():
        context = browser.new_context(locale="en-GB", **options)
        tab = context.new_page()
        for name, path in PAGES.items():
            response = tab.goto(live_server.url + path)
            assert response.status == 200, path
            if tab.locator(".chart__figure").count():
                tab.wait_for_selector(".chart__figure .main-svg", timeout=10000)
            # The whole page at 1366 px; the first screen on the phone and at 200% zoom.
            tab.screenshot(path=shots / f"{name}-{width}.png", full_page=width == "1366")
            scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if scroll > inner:
                problems.append(f"{path} at {width}: {scroll} px wide in {inner}")
            outside = tab.evaluate(LABELS_OUTSIDE)
            if outside:
                problems.append(f"{path} at {width}: chart labels cut off {outside}")
            if width == "1366":
                # axe once a page: the rules it checks do not change with the width, and
                # on Norfolk's 130-row dashboard a run takes most of the page's time.
                results = axe.run(tab, options=WCAG)
                if results.violations_count:
                    problems.append(f"{path}: {results.generate_report()}")
                check_council_page(name, tab)
            if width == "zoom200" and name in ("durham", "norfolk", "stockton"):
                # The first screen shows performance (the summary), not only headings.
                assert tab.locator("#summary-heading").bounding_box()["y"] < 384, path
        context.close()
    assert not problems, "\n".join(problems)


def check_council_page(name, tab):
    if name == "durham":
        # Appendix 3: 45 rows in the committee's tables, its one local comparator column,
        # and the context figures in a table of their own.
        committee = tab.locator(".dashboard-table:not(.context-table) tbody tr")
        assert committee.count() == 45
        headers = tab.locator(".dashboard-table:not(.context-table) th.col-region")
        assert headers.first.inner_text().startswith("North East* / ")
        assert tab.locator(".context-table tbody tr").count() > 0
        assert "16 worse" in tab.locator(".summary").inner_text()  # as the paper: 15/16
    elif name == "durham-messages":
        misses = tab.locator(".key-messages--misses li")
        refs = [misses.nth(i).locator("a").inner_text() for i in range(3)]
        assert sorted(refs) == ["CYP S21", "CYP S22", "CYP S33"]
        assert "against a target of 90.0%" in misses.nth(0).inner_text()  # EHCP plans
    elif name == "norfolk":
        ratings = tab.locator("td[class^='col-locality-'] .rating")
        assert ratings.count() > 0
        assert tab.locator("nav.jump-links a").count() > 3
        assert not tab.locator(".exceptions-list ul").is_visible()  # folded away
    elif name == "stockton":
        assert tab.locator("th", has_text="Tees Valley").count() > 0
        assert tab.locator("td.col-other-tees-valley .figure").count() > 0
