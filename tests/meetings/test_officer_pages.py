"""Issue 16: a council's officers keep its committees and record its meetings in the portal,
not only with `record_meeting`; the page freezes the same paper as the command, and bad
input changes nothing and says which field is wrong."""

import io
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from indicators.data_version import current_token
from indicators.models import Authority, Role
from meetings.models import Committee, Meeting, Question
from meetings.snapshot import rows_of
from tests.officers.conftest import make_user

pytestmark = pytest.mark.django_db

RECORD = "/councils/durham/meetings/record/"
COMMITTEES = "/councils/durham/committees/"


@pytest.fixture
def durham(seeded_papers):
    return Authority.objects.get(slug="durham")


@pytest.fixture
def officer(durham):
    return make_user("officer", durham, Role.Kind.OFFICER)


@pytest.fixture
def committee(durham):
    return Committee.objects.get(authority=durham, slug="cyp-osc")


def record(client, committee, day, period="2017-06-30", item="Item 7"):
    data = {"committee": committee.pk, "date": day, "period": period, "agenda_item": item}
    return client.post(RECORD, data, follow=True)


def test_an_officer_records_a_meeting_and_freezes_the_commands_paper(client, officer, committee):
    client.force_login(officer)
    form = client.get(RECORD).content.decode()
    assert "Apr - Jun 2017" in form and escape(committee.name) in form
    page = record(client, committee, "2017-12-07")
    meeting = Meeting.objects.get(committee=committee, date="2017-12-07")
    assert page.redirect_chain[-1][0] == "/councils/durham/meetings/2017-12-07/"
    assert "froze the Apr - Jun 2017 paper" in page.content.decode()
    assert (meeting.period_label, meeting.agenda_item) == ("Apr - Jun 2017", "Item 7")
    assert meeting.paper.recorded_by == officer and rows_of(meeting.paper.snapshot)
    call_command(
        "record_meeting", "durham", "--date", "2017-12-08", "--period", "Apr - Jun 2017",
        stdout=io.StringIO(),
    )  # fmt: skip
    by_command = Meeting.objects.get(committee=committee, date="2017-12-08")
    assert meeting.paper.snapshot == by_command.paper.snapshot
    assert (by_command.period_end, by_command.period_label) == (
        meeting.period_end,
        meeting.period_label,
    )


def test_bad_input_names_the_field_and_changes_nothing(client, officer, committee):
    client.force_login(officer)
    before = (current_token(), Meeting.objects.count(), Committee.objects.count())
    taken = record(client, committee, "2017-09-28").content.decode()
    assert "Meeting date: Children and Young People&#x27;s Overview and Scrutiny Committee " \
        "already has a meeting recorded on 28 September 2017" in taken  # fmt: skip
    unknown = record(client, committee, "2017-12-07", period="2999-03-31").content.decode()
    assert "Period reported: &#x27;2999-03-31&#x27; is not one of the council" in unknown
    nameless = client.post(COMMITTEES + "new/", {"name": " ", "slug": ""}).content.decode()
    assert "Name: Give the committee&#x27;s name." in nameless
    assert (current_token(), Meeting.objects.count(), Committee.objects.count()) == before


def test_an_officer_seats_councillors_who_may_then_ask(client, officer, committee):
    councillor = make_user("cllr-smith")
    client.force_login(officer)
    assert "cllr-smith" in client.get(f"{COMMITTEES}cyp-osc/").content.decode()
    assert "officer" not in client.get(f"{COMMITTEES}cyp-osc/").context["form"].fields[
        "members"].queryset.values_list("username", flat=True)  # fmt: skip
    saved = client.post(
        f"{COMMITTEES}cyp-osc/",
        {"name": committee.name, "slug": "cyp-osc", "members": [councillor.pk]},
    )
    assert saved.status_code == 302 and list(committee.members.all()) == [councillor]
    # Who sits on the committee is audited: the change, by whom, with the members then.
    latest = committee.history.first()
    assert latest.history_user == officer
    assert [m.user for m in latest.members.all()] == [councillor]
    client.post(COMMITTEES + "new/", {"name": "Corporate Overview and Scrutiny", "slug": ""})
    assert Committee.objects.get(slug="corporate-overview-and-scrutiny").authority.slug == "durham"


def test_members_and_the_public_cannot_keep_committees_or_record(client, committee):
    member = make_user("councillor")
    committee.members.add(member)
    client.force_login(member)
    for url in (RECORD, COMMITTEES, COMMITTEES + "new/", f"{COMMITTEES}cyp-osc/"):
        assert client.get(url).status_code == 403, url
    assert record(client, committee, "2017-12-07").status_code == 403
    client.logout()
    assert client.get(RECORD).status_code == 302  # to the login page
    assert not Meeting.objects.filter(date="2017-12-07").exists()


def test_the_demo_member_is_seated_and_may_ask_at_durhams_meeting(client, durham, settings):
    settings.DEBUG = True
    call_command("create_demo_users", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seat_demo_member", stdout=out)
    member = get_user_model().objects.get(username="member")
    assert "member sits on Durham's Children and Young People" in out.getvalue()
    meeting = Meeting.objects.get(committee__authority=durham, date="2017-09-28")
    client.force_login(member)
    indicator = rows_of(meeting.paper.snapshot)[0]["indicator_id"]
    asked = {"indicator": indicator, "text": "Why has this fallen?"}
    assert client.post("/councils/durham/meetings/2017-09-28/questions/", asked).status_code == 302
    assert Question.objects.get(text="Why has this fallen?").recorded_by == member


def test_the_run_command_seats_the_demo_member_after_creating_it():
    script = (Path(settings.BASE_DIR) / "scripts" / "run.sh").read_text()
    steps = ["manage.py create_demo_users", "manage.py seat_demo_member", "manage.py runserver"]
    assert [script.index(step) for step in steps] == sorted(script.index(s) for s in steps)
