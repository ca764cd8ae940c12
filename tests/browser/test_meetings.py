"""Issue 16, done when: Durham's meeting is recorded, a figure shown in it is revised and
approved, and then the frozen paper, what changed since, and a member's question answered
by an officer carried into the next pack read as members rely on them."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from indicators.models import Role
from meetings.models import Meeting
from papers.management.commands import load_seed_data
from tests.meetings.test_scrutiny_cycle import revise
from tests.officers.conftest import make_user

from .test_exports import _session
from .test_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAPER = "/councils/durham/meetings/2017-09-28/"


@pytest.fixture
def papers_without_meetings(monkeypatch):
    """The published papers with no meeting recorded yet: the test records Durham's."""
    loaders = [(n, f) for n, f in load_seed_data.LOADERS if "meetings" not in n]
    monkeypatch.setattr(load_seed_data, "LOADERS", loaders)
    call_command("load_seed_data", stdout=io.StringIO())


def _as(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": _session(user), "url": live_server.url}]
    )


def _word(page):
    with page.expect_download() as download:
        page.get_by_role("link", name="Word").click()
    return Path(download.value.path()).read_bytes()


def test_the_scrutiny_cycle_from_meeting_to_next_pack(
    live_server, page, axe, papers_without_meetings
):
    call_command(
        "record_meeting", "durham", "--date", "2017-09-28", "--period", "Apr - Jun 2017",
        stdout=io.StringIO(),
    )  # fmt: skip
    meeting = Meeting.objects.get(committee__authority__slug="durham")
    durham = meeting.authority
    member = make_user("councillor")
    meeting.committee.members.add(member)
    officer = make_user("officer", durham, Role.Kind.OFFICER)
    approver = make_user("approver", durham, Role.Kind.APPROVER)

    _as(page, live_server, member)
    page.goto(live_server.url + PAPER)
    s16 = page.get_by_role("row").filter(has_text="CYP S16")
    assert "\t83.2\t" in s16.inner_text()  # as the paper printed it
    before = _word(page)

    row, now = revise(meeting, officer, approver)  # 83.2% -> 93.2%, approved
    assert now.value == Decimal("93.2")

    page.goto(live_server.url + PAPER)
    assert "\t83.2\t" in page.get_by_role("row").filter(has_text="CYP S16").first.inner_text()
    note = page.locator("tr.revised-note").filter(has_text="CYP S16")
    assert "was 83.2% at the meeting; now 93.2%" in note.inner_text()
    assert _word(page) == before

    page.goto(live_server.url + "/councils/durham/since-last-meeting/")
    s16_changes = page.locator("section").filter(has_text="CYP S16")
    assert "was shown as 83.2%, now 93.2%" in s16_changes.inner_text()

    # A member asks at the meeting; the officer answers and publishes; the member reads it.
    page.goto(live_server.url + PAPER)
    page.get_by_label("Indicator", exact=True).select_option(str(row["indicator_id"]))
    asked = "Why did assessments in time fall short of target?"
    page.get_by_role("textbox", name="Question").fill(asked)
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("Recorded the question.")).to_be_visible()  # waits for the answer

    _as(page, live_server, officer)
    page.goto(live_server.url + PAPER)
    page.get_by_label("Response to CYP S16 (councillor)").fill("Two vacancies, filled in August.")
    page.locator("form").filter(has_text="Response to CYP S16").get_by_label(
        "Publish to members").check()  # fmt: skip
    page.locator("form").filter(has_text="Response to CYP S16").get_by_role(
        "button", name="Save response").click()  # fmt: skip
    expect(page.get_by_text("Response published to members.")).to_be_visible()
    assert_accessible(axe, page)  # the paper, its revised note and the officer's forms

    _as(page, live_server, member)
    page.goto(live_server.url + "/councils/durham/indicators/cyp-s16/")
    assert page.get_by_text("Two vacancies, filled in August.").is_visible()

    # The next pack: what changed since, first; the responses, as its appendix.
    page.goto(live_server.url + "/councils/durham/committee-pack.html?period=2017-06-30")
    headings = page.locator("main > section > h1").all_inner_texts()
    assert headings[1] == "Since the last meeting"
    assert headings[-2:] == ["Responses to the committee's questions", "Forward plan"]
    appendix = page.locator("section").filter(has_text="Responses to the committee's questions")
    text = appendix.last.inner_text()
    assert asked in text
    assert "Two vacancies, filled in August." in text
