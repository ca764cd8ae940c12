"""Issue 11: the Content-Security-Policy forbids inline script and style, and every page
still works under it in a real Chromium: no violation, no console error, charts drawn."""

import pytest

from indicators.models import Role
from tests.officers.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records what the browser refused, from before any of the page's own scripts run.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`
    + `:${event.lineNumber} ${event.sample}`);
});
"""

MEMBER_PAGES = [
    "/",
    "/councils/durham/",
    "/councils/durham/indicators/cyp-s16/",
    "/councils/durham/key-messages/",
    "/compare/",
    "/councils/durham/committee-table.html",
]
OFFICER_PAGES = [
    "/officers/",
    "/officers/durham/exceptions/",
    "/admin/",
    "/admin/indicators/value/",
]


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    context.add_init_script(WATCH_VIOLATIONS)
    tab = context.new_page()
    console = []

    def note(message):
        # The portal has no favicon: the browser's request for one is not the policy's.
        if message.type in ("error", "warning") and "favicon" not in message.location["url"]:
            console.append(message.text)

    tab.on("console", note)
    tab.on("pageerror", lambda error: console.append(str(error)))
    yield tab, console
    context.close()


def open_clean(tab, console, url):
    response = tab.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    tab.wait_for_load_state("load")
    violations = tab.evaluate("window.__violations")
    assert violations == [], (url, violations)
    assert console == [], (url, console)


def test_every_page_works_under_the_policy(live_server, watched, durham, tmp_path):
    tab, console = watched
    for path in MEMBER_PAGES:
        open_clean(tab, console, live_server.url + path)
        if path.endswith("/cyp-s16/"):
            tab.wait_for_selector("#trend-chart svg.main-svg", timeout=10000)
            assert tab.locator("#comparison-chart svg.main-svg").count() >= 1
            assert tab.locator("#trend-chart .scatterlayer .trace").count() >= 1
            # plotly.js's own CSS rules went into the page's nonce'd <style>: its layers
            # stack (position: absolute) instead of falling below each other.
            position = tab.eval_on_selector(
                "#trend-chart svg.main-svg", "el => getComputedStyle(el).position"
            )
            assert position == "absolute"
            tab.screenshot(path=str(tmp_path / "indicator.png"), full_page=True)
        if path.endswith("committee-table.html"):
            # The download's print styles are allowed by their hash.
            collapse = tab.eval_on_selector("table", "el => getComputedStyle(el).borderCollapse")
            assert collapse == "collapse"

    make_user("durham-officer", durham, Role.Kind.OFFICER)
    open_clean(tab, console, live_server.url + "/admin/login/")
    tab.fill("#id_username", "durham-officer")
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")
    for path in OFFICER_PAGES:
        open_clean(tab, console, live_server.url + path)

    # The watch itself works: an inline script is refused and reported.
    tab.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
    }""")
    tab.wait_for_function("window.__violations.length > 0")
    assert tab.evaluate("window.__ran") is None
    assert tab.evaluate("window.__violations")[0].startswith("script-src")
