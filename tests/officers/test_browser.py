"""Issue #5, done when: an officer imports a quarter, enters a rejected row in the grid and
submits; the approver approves; a member sees the values; the audit trail shows each step."""

import pytest

from indicators.models import Role
from tests import factories as f

from .conftest import PASSWORD, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def login(browser, live_server, username, next_url):
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return page


def signed_in_member(browser, live_server):
    """A member's browser with a session. The admin sign-in is for staff only, and member
    pages need no sign-in, so the session is made as Django's test client makes one."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="member"))
    context = browser.new_context()
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def test_a_quarter_goes_from_import_to_publication(browser, live_server, tmp_path):
    durham = f.authority("Durham")
    f.indicator(durham, "CYP S15", unit="count", decimal_places=0)
    f.indicator(durham, "CYP S16", unit="percent")
    q1 = f.quarter(2017)
    make_user("durham-officer", durham, Role.Kind.OFFICER)
    make_user("durham-approver", durham, Role.Kind.APPROVER)
    make_user("member")
    grid = f"/officers/durham/{q1.pk}/"
    upload = tmp_path / "durham-q1.csv"
    upload.write_text(
        "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
        "durham,,CYP S16,Apr - Jun 2017,83.2,,,provisional,\n"
        "durham,,CYP S15,Apr - Jun 2017,c.17,,,final,\n"
    )

    officer = login(browser, live_server, "durham-officer", grid + "import/")
    officer.set_input_files("#id_file", str(upload))
    officer.click("button:has-text('Preview')")
    assert "1 to add, 0 to change, 0 unchanged, 1 rejected" in officer.inner_text("h2")
    assert "'c.17' is not a number" in officer.inner_text("#rejected")
    # All or nothing (issue #11): no confirm while a row is rejected. The officer leaves the
    # figure out of the file and types it into the grid instead.
    assert officer.locator("button:has-text('Confirm')").count() == 0
    assert "nothing can be imported from this file" in officer.inner_text("[role=alert]")
    upload.write_text(upload.read_text().replace("c.17", ""))
    officer.set_input_files("#id_file", str(upload))
    officer.click("button:has-text('Preview')")
    assert "1 to add, 0 to change, 0 unchanged, 0 rejected" in officer.inner_text("h2")
    officer.click("button:has-text('Confirm: import 1 row(s)')")
    officer.wait_for_url(f"**{grid}")
    assert "Imported 1 row(s)" in officer.content()

    officer.fill("[aria-label='CYP S15 value']", "17")
    officer.fill("#id_reason", "Fixed the rejected row")
    officer.click("button:has-text('Save the return')")
    assert "Saved 1 row(s)" in officer.content()
    officer.click("button:has-text('Submit for sign-off')")
    assert "Submitted for sign-off: 2 values." in officer.content()

    approver = login(browser, live_server, "durham-approver", grid)
    approver.click("button:has-text('Approve and publish')")
    assert "Approved and published: 2 values." in approver.content()

    member = signed_in_member(browser, live_server)
    member.goto(f"{live_server.url}/councils/durham/")
    s16 = member.locator("tr", has_text="CYP S16").inner_text()
    assert "83.2%" in s16 and "Apr - Jun 2017" in s16 and "provisional" in s16
    assert "17" in member.locator("tr", has_text="CYP S15").inner_text()
    csv_text = member.request.get(f"{live_server.url}/data/observations.csv").text()
    assert "CYP S16" in csv_text and "83.2" in csv_text and "provisional" in csv_text

    audit = login(browser, live_server, "durham-officer", "/officers/audit/?authority=durham")
    trail = audit.inner_text("#audit")
    for step in (
        "Imported from durham-q1.csv",
        "Fixed the rejected row",
        "Submitted for sign-off",
        "Approved and published",
    ):
        assert step in trail
    assert "durham-approver" in trail and "durham-officer" in trail
