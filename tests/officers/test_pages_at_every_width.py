"""Issue 14, done when: every officer page at 1366 px, 390 px and 200% zoom (683 CSS px) is
screenshotted (into $SCRUTINY_SHOTS_DIR, or the test's tmp_path), never scrolls sideways and
has no axe violations (WCAG 2.2 AA). One browser, one sign-in, one load per page per width."""

import os
from pathlib import Path

import pytest

from indicators.models import Role
from tests import factories as f

from .conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
WIDTHS = {"1366": (1366, 900), "390": (390, 844), "zoom200": (683, 450)}


def test_every_officer_page_fits_every_width_and_passes_axe(browser, live_server, axe, tmp_path):
    durham, norfolk = f.authority("Durham"), f.authority("Norfolk")
    q4, q1 = f.quarter(2017, first_month=1), f.quarter(2017)
    for number in range(1, 9):
        ind = f.indicator(durham, f"CYP S{number}", name="Percentage of a long indicator name")
        f.value(ind, q4, "81.5")
        f.target(ind, q4, kind="tracker", printed="Tracker")
    f.value(f.indicator(norfolk, "6.10b"), f.quarter(2018, first_month=1), "20.5")
    make_user("durham-officer", durham, Role.Kind.OFFICER)
    shots = Path(os.environ.get("SCRUTINY_SHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    upload = tmp_path / "q1.csv"
    upload.write_text(
        "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
        "durham,,CYP S1,Apr - Jun 2017,83.35,,,provisional,\n"
        "durham,,CYP S2,Apr - Jun 2017,c.17,,,final,\n"
    )
    grid = f"/officers/durham/{q1.pk}/"
    pages = {
        "return-list": "/officers/",
        "return-grid": grid,
        "import": grid + "import/",
        "audit": "/officers/audit/",
        "exceptions": "/officers/durham/exceptions/",
        "403": f"/officers/norfolk/{q1.pk}/",
    }
    problems = []
    for size, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        page = context.new_page()

        def check(name, page=page, size=size, width=width):
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems.append(f"{name} at {size}: page {wide} px wide")
            result = axe.run(page, options=WCAG)
            if result.violations_count:
                problems.append(f"{name} at {size}: {result.generate_report()}")
            page.screenshot(path=str(shots / f"{name}-{size}.png"), full_page=True)

        page.goto(f"{live_server.url}/admin/login/")
        check("admin-login")
        page.fill("#id_username", "durham-officer")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():  # the form's answer, not the page it left
            page.click("input[type=submit]")
        for name, path in pages.items():
            page.goto(live_server.url + path)
            check(name)
        page.goto(live_server.url + grid + "import/")
        page.set_input_files("#id_file", str(upload))
        with page.expect_navigation():  # the form's answer, not the page it left
            page.click("button:has-text('Preview')")
        check("import-preview")
        page.goto(live_server.url + grid)
        page.fill("[aria-label='CYP S3 value']", "not a number")
        with page.expect_navigation():  # the form's answer, not the page it left
            page.click("button:has-text('Save the return')")
        check("return-grid-errors")
        assert page.locator("#r3-value[aria-invalid=true]").count() == 1
        context.close()
    assert not problems, "\n".join(problems)
