"""Issue 16 without a browser: the frozen paper never changes, its Word file is the same
bytes after a revision, and only the council's members and officers write."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from indicators.models import Role, SignOff, Value
from meetings.models import FrozenPaper, Immutable, Meeting, Question
from meetings.snapshot import rows_of
from officers.returns.signoff import sign_off
from tests.officers.conftest import make_user

pytestmark = pytest.mark.django_db

DURHAM = "/councils/durham/meetings/2017-09-28/"


@pytest.fixture
def meeting(seeded_papers):
    return Meeting.objects.get(committee__authority__slug="durham", date="2017-09-28")


@pytest.fixture
def people(meeting):
    durham = meeting.authority
    member = make_user("councillor")
    meeting.committee.members.add(member)
    return {
        "member": member,
        "officer": make_user("officer", durham, Role.Kind.OFFICER),
        "approver": make_user("approver", durham, Role.Kind.APPROVER),
        "outsider": make_user("outsider"),
    }


def revise(meeting, officer, approver, by="10", ref="CYP S16"):
    """Revise a figure the paper showed (Durham's CYP S16, Apr - Jun 2017, in the quarter's
    return) through the officers' path: a draft, submitted, approved by someone else.
    Returns (the frozen row, the value as now published)."""
    row = next(r for r in rows_of(meeting.paper.snapshot) if r["ref"] == ref)
    stored = Value.objects.get(pk=row["value_id"])
    change = Value.objects.get(pk=row["value_id"])
    change.value = stored.value + Decimal(by)
    change.printed = ""
    change.draft_of(stored, officer)
    change._change_reason = "Revised after the meeting"
    change.save()
    sign_off(SignOff.Action.SUBMITTED, meeting.authority, stored.period, officer)
    sign_off(SignOff.Action.APPROVED, meeting.authority, stored.period, approver)
    return row, Value.objects.get(pk=row["value_id"])


def test_a_frozen_paper_refuses_every_change(meeting):
    paper = meeting.paper
    before = FrozenPaper.objects.get(pk=paper.pk).snapshot
    paper.snapshot = {"table": {}}
    with pytest.raises(Immutable):
        paper.save()
    with pytest.raises(Immutable):
        paper.delete()
    with pytest.raises(Immutable):
        FrozenPaper.objects.filter(pk=paper.pk).update(snapshot={})
    with pytest.raises(Immutable):
        FrozenPaper.objects.filter(pk=paper.pk).delete()
    assert FrozenPaper.objects.get(pk=paper.pk).snapshot == before


def test_the_word_paper_is_the_same_bytes_after_a_revision(client, meeting, people):
    first = client.get(DURHAM + "paper.docx").content
    row, now = revise(meeting, people["officer"], people["approver"])
    assert now.value == Decimal(row["value"]) + 10  # the revision is published
    assert client.get(DURHAM + "paper.docx").content == first
    # Same bytes whenever written: every date in the file is the meeting's, none is now's.
    stamps = {item.date_time[:3] for item in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    properties = Document(io.BytesIO(first)).core_properties
    assert stamps == {(2017, 9, 28)} and properties.modified.date() == meeting.date
    # The page says so beside the paper, which still prints the figure as presented.
    page = client.get(DURHAM).content.decode()
    assert "Revised since this meeting" in page and row["text"] in page
    since = client.get("/councils/durham/since-last-meeting/").content.decode()
    assert f"was shown as {row['text']}" in since


def test_members_ask_officers_answer_and_members_read_only_published_answers(
    client, meeting, people
):
    indicator = rows_of(meeting.paper.snapshot)[0]["indicator_id"]
    ask = {"indicator": indicator, "kind": "question", "text": "Why has this fallen?"}
    client.force_login(people["outsider"])
    assert client.post(DURHAM + "questions/", ask).status_code == 403
    client.force_login(people["member"])
    assert client.post(DURHAM + "questions/", ask).status_code == 302
    question = Question.objects.get(text="Why has this fallen?")
    assert question.asked_by == "councillor" and question.status == "open"
    answer = f"/councils/durham/questions/{question.pk}/answer/"
    reply = {"response": "Staffing returned to establishment in August.", "status": "answered"}
    assert client.post(answer, reply).status_code == 403  # members do not answer
    norfolk_officer = make_user("n-officer", meeting.authority.__class__.objects.get(
        slug="norfolk"), Role.Kind.OFFICER)  # fmt: skip
    client.force_login(norfolk_officer)
    assert client.post(answer, reply).status_code == 403  # another council's officer
    client.force_login(people["officer"])
    assert client.post(answer, reply).status_code == 302
    client.force_login(people["member"])
    assert reply["response"] not in client.get(DURHAM).content.decode()  # not yet published
    client.force_login(people["approver"])
    assert reply["response"] in client.get(DURHAM).content.decode()
    client.force_login(people["officer"])
    client.post(answer, {**reply, "publish": "on"})
    client.force_login(people["member"])
    assert reply["response"] in client.get(DURHAM).content.decode()
    # Audited like values: who changed what, and why.
    history = question.history.order_by("history_id")
    assert [h.history_change_reason for h in history] == [
        "Asked at the meeting",
        "Response drafted",
        "Response published",
    ]
    assert history.last().history_user == people["officer"]


def test_a_question_with_no_text_changes_nothing_and_says_why(client, meeting, people):
    indicator = rows_of(meeting.paper.snapshot)[0]["indicator_id"]
    client.force_login(people["member"])
    response = client.post(
        DURHAM + "questions/", {"indicator": indicator, "text": " "}, follow=True
    )
    assert "The text is empty" in response.content.decode()
    assert not meeting.questions.filter(recorded_by=people["member"]).exists()


def test_the_dashboard_row_counts_open_questions_until_answered(client, meeting, people):
    waiting = meeting.questions.get(status="open")  # the seeded illustrative request
    assert "1 open committee question" in client.get("/councils/durham/").content.decode()
    client.force_login(people["officer"])
    client.post(
        f"/councils/durham/questions/{waiting.pk}/answer/",
        {"response": "Breakdown attached.", "status": "closed", "publish": "on"},
    )
    client.logout()
    assert "open committee question" not in client.get("/councils/durham/").content.decode()


def test_record_meeting_names_what_is_wrong(seeded_papers):
    out = io.StringIO()
    call_command(
        "record_meeting", "durham", "--date", "2017-09-28", "--period", "Apr - Jun 2017",
        stdout=out,
    )  # fmt: skip
    assert "already recorded" in out.getvalue()
    with pytest.raises(CommandError, match="no committee 'nope'. Its committees: cyp-osc"):
        call_command(
            "record_meeting", "durham", "--date", "2017-12-01", "--period", "2017-09-30",
            "--committee", "nope",
        )  # fmt: skip
    with pytest.raises(CommandError, match="no published figures"):
        call_command("record_meeting", "durham", "--date", "2010-01-01", "--period", "2009-06-30")
    assert not Meeting.objects.filter(date="2010-01-01").exists()
