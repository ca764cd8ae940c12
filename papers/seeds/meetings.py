"""The three papers' meetings (issue 16): each committee, the meeting that received the
paper, its frozen copy, and a few questions and forward-plan flags marked as illustrative
examples (the minutes' own questions are not in fixtures/)."""

from datetime import date, timedelta

from meetings.models import Committee, ForwardPlanFlag, Question
from meetings.record import record_meeting
from meetings.snapshot import rows_of

MEETINGS = [
    # council, committee, slug, meeting date, period end, period label, agenda item
    (
        "durham",
        "Children and Young People's Overview and Scrutiny Committee",
        "cyp-osc",
        date(2017, 9, 28),
        date(2017, 6, 30),
        "Apr - Jun 2017",
        "Quarter 1 2017/18 performance management report",
    ),
    (
        "norfolk",
        "Children's Services Committee",
        "childrens-services",
        date(2018, 7, 10),
        date(2018, 4, 30),
        "Apr 2018",
        "Performance and management information",
    ),
    (
        "stockton-on-tees",
        "Cabinet",
        "cabinet",
        date(2017, 9, 14),
        date(2017, 6, 30),
        "Apr - Jun 2017",
        "Council Plan quarter 1 2017/18 performance update",
    ),
]

EXAMPLE = "Illustrative example"


def load_meetings(seeder):
    for slug, name, committee_slug, day, end, label, item in MEETINGS:
        council = seeder.authority(slug)
        committee, _ = Committee.objects.get_or_create(
            authority=council, slug=committee_slug, defaults={"name": name}
        )
        meeting, created = record_meeting(committee, day, end, label, item)
        if created:
            seeder.count("meetings recorded with their paper")
        _examples(seeder, meeting)


def _examples(seeder, meeting):
    """One question answered and published, one still open, one forward-plan flag: on the
    paper's Red rows where it has them, else its first rows."""
    if meeting.questions.exists():
        return
    rows = rows_of(meeting.paper.snapshot)
    rows = sorted(rows, key=lambda r: r["rating"] != "red")[:2]
    if not rows:
        return
    first = rows[0]
    answered = Question(
        indicator_id=first["indicator_id"],
        meeting=meeting,
        kind=Question.Kind.QUESTION,
        text=f"Why is {first['ref']} at {first['text']} against a target of "
        f"{first['target'] or 'none'}, and when will it recover?",
        asked_by=f"A committee member ({EXAMPLE.lower()})",
        owner="Head of performance",
        due=meeting.date + timedelta(days=28),
        status=Question.Status.ANSWERED,
        response="An illustrative response: the officers' written answer, published to "
        "members before the next meeting, goes here.",
        published_at=_noon(meeting.date + timedelta(days=21)),
        example=True,
    )
    answered._change_reason = EXAMPLE
    answered.save()
    last = rows[-1]
    waiting = Question(
        indicator_id=last["indicator_id"],
        meeting=meeting,
        kind=Question.Kind.REQUEST,
        text=f"Please give the committee a breakdown of {last['ref']} by locality.",
        asked_by=f"A committee member ({EXAMPLE.lower()})",
        owner="Performance officer",
        due=meeting.date + timedelta(days=56),
        example=True,
    )
    waiting._change_reason = EXAMPLE
    waiting.save()
    flag = ForwardPlanFlag(
        indicator_id=first["indicator_id"],
        meeting=meeting,
        kind=ForwardPlanFlag.Reason.DEEP_DIVE,
        reason=f"{EXAMPLE}: members asked for a deep dive into {first['ref']}.",
        flagged_by="The committee",
        example=True,
    )
    flag._change_reason = EXAMPLE
    flag.save()
    seeder.count("illustrative questions", 2)


def _noon(day):
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(12, 0), tzinfo=UTC)
