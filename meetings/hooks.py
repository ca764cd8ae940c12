"""What meetings adds to reports' pages and packs, through the hooks reports offers
(reports/dashboard.py ROW_HOOKS, reports/exports/pack.py PACK_HOOKS)."""

from django.db.models import Count, Q

from reports.exports.pack import PackEntry, PackSection

from .changes import changes_since
from .models import ForwardPlanFlag, Meeting, Question


def annotate_rows(authority, rows):
    """Each dashboard row's open questions: one query, however many rows."""
    if not rows:
        return
    counts = dict(
        Question.objects.filter(
            meeting__committee__authority=authority, status=Question.Status.OPEN
        )
        .values_list("indicator_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        if row.area_id is None:
            row.open_questions = counts.get(row.indicator_id, 0)


def carried_questions(meeting):
    """The questions a pack after `meeting` answers: those asked at it, and any asked
    earlier that are still open (carried forward)."""
    return (
        Question.objects.filter(meeting__committee__authority=meeting.authority)
        .filter(Q(meeting=meeting) | Q(meeting__date__lt=meeting.date, status="open"))
        .select_related("meeting", "indicator")
        .order_by("meeting__date", "indicator__order", "pk")
    )


def response_lines(question):
    asked = (
        f"{question.get_kind_display()} from {question.asked_by} on {question.indicator.ref} "
        f"({question.meeting.date:%-d %B %Y}): {question.text}"
    )
    if question.published:
        return [asked, f"Response ({question.owner or 'officers'}): {question.response}"]
    due = f", due {question.due:%-d %B %Y}" if question.due else ""
    return [asked, f"Response awaited from {question.owner or 'officers'}{due}."]


def pack_sections(authority, period_end):
    meeting = Meeting.objects.last_before(authority, period_end)
    if meeting is None or not hasattr(meeting, "paper"):
        return [], []
    when = f"{meeting.committee} on {meeting.date:%-d %B %Y}"
    changes = changes_since(meeting, period_end)
    since = PackSection(
        "Since the last meeting",
        f"What has changed since the performance report for {meeting.period_label} went to "
        f"the {when}: new periods, ratings that moved, figures revised since the meeting, "
        "new and resolved exceptions, targets changed and questions answered."
        + ("" if changes else " Nothing has changed."),
        [PackEntry(f"{c.ref} {c.name}", c.lines) for c in changes],
    )
    questions = list(carried_questions(meeting))
    responses = PackSection(
        "Responses to the committee's questions",
        f"Questions, comments and requests from the {when}, and earlier ones still open."
        + ("" if questions else " The committee raised none."),
        [PackEntry(f"{q.indicator.ref} {q.indicator.name}", response_lines(q)) for q in questions],
    )
    flags = ForwardPlanFlag.objects.filter(indicator__authority=authority).select_related(
        "indicator"
    )
    plan = PackSection(
        "Forward plan",
        "Indicators members have flagged for a deep dive or a future agenda item."
        + ("" if flags else " None is flagged."),
        [
            PackEntry(
                f"{f.indicator.ref} {f.indicator.name}",
                [f"{f.get_kind_display()}, flagged by {f.flagged_by}: {f.reason}"],
            )
            for f in flags
        ],
    )
    return [since], [responses, plan]
