"""Members' journeys in a real browser, and axe-core (WCAG 2.2 AA) on every page type."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def assert_accessible(axe, page):
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_every_page_type_passes_axe(live_server, page, axe, durham, norfolk):
    for path in [
        "/",
        "/councils/durham/",
        "/councils/norfolk/",
        "/councils/durham/indicators/cyp-s16/",
        "/councils/norfolk/indicators/6-10b/",
        "/compare/",
        "/councils/durham/key-messages/",
        "/councils/durham/spine/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(axe, page)
    response = page.goto(live_server.url + "/councils/nowhere/")
    assert response.status == 404
    assert_accessible(axe, page)


def test_a_member_opens_the_dashboard_changes_period_and_drills_in(live_server, page, durham):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Durham").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Durham: performance dashboard"
    assert page.get_by_text("83.2%").count() >= 1

    page.get_by_label("Show as it stood at").select_option(label="Apr - Jun 2016")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/councils/durham/?period=2016-06-30")
    assert page.get_by_text("83.2%").count() == 0

    page.get_by_role("link", name="CYP S16 Percentage of single assessments").first.click()
    page.wait_for_url("**/indicators/cyp-s16/?period=2016-06-30")
    assert "80.0%" in page.locator("main").inner_text()


def test_the_indicator_chart_renders_beside_its_table_alternative(live_server, page, durham):
    page.goto(live_server.url + "/councils/durham/indicators/cyp-s16/")
    page.wait_for_selector("#trend-chart .main-svg", timeout=10000)
    assert page.locator("#comparison-chart .main-svg").count() >= 1
    table = page.get_by_role("table", name="CYP S16: Durham's published values")
    assert table.is_visible()
    assert "416" in table.inner_text()


def test_the_skip_link_moves_keyboard_focus_to_the_main_content(live_server, page, durham):
    page.goto(live_server.url + "/councils/durham/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_hides_the_navigation(live_server, page, durham):
    page.goto(live_server.url + "/councils/durham/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".period-picker").is_visible()
    assert page.locator(".dashboard-table").first.is_visible()
