"""What changed since a meeting: its frozen paper beside the data as it now stands. Nothing
here changes a record; a revision is told by comparing the figure frozen with the value now
published under the same id (an approved revision keeps the published value's id)."""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.models import Value
from reports.dashboard import dashboard_rows
from reports.formatting import figure_with_unit

from .models import Question
from .snapshot import rows_of

RATING_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}


@dataclass
class Revision:
    period_label: str
    old: str  # as the meeting was shown it
    new: str  # as now published
    status: str = ""


def revisions(snapshot):
    """{value id: Revision} for every figure the paper showed that has since been revised:
    one query, however many rows."""
    frozen = {r["value_id"]: r for r in rows_of(snapshot) if r["value_id"] and r["value"]}
    now = Value.objects.published().filter(pk__in=frozen).values_list("pk", "value", "status")
    found = {}
    for pk, value, status in now:
        row = frozen[pk]
        if value is not None and value != Decimal(row["value"]):
            new = figure_with_unit(value, row["unit"], row["places"])
            found[pk] = Revision(row["period_label"], row["text"], new, status)
    return found


@dataclass
class IndicatorChanges:
    ref: str
    name: str
    indicator_id: int
    lines: list[str] = field(default_factory=list)


def _rating(word):
    return RATING_WORDS.get(word, "not rated")


def changes_since(meeting, as_of=None):
    """[IndicatorChanges] for every indicator with something to tell, in the paper's order,
    between the meeting's frozen paper and the dashboard as at as_of (None: latest)."""
    snapshot = meeting.paper.snapshot
    authority = meeting.authority
    current = {(r.indicator_id, r.area_id): r for r in dashboard_rows(authority, as_of)}
    revised = revisions(snapshot)
    answered = _answered_since(meeting)
    changes = []
    seen = set()
    for old in rows_of(snapshot):
        key = (old["indicator_id"], old["area_id"])
        if key in seen:
            continue
        seen.add(key)
        entry = IndicatorChanges(old["ref"], old["name"], old["indicator_id"])
        now = current.get(key)
        revision = revised.get(old["value_id"])
        if revision:
            entry.lines.append(
                f"Figure revised since the meeting: {revision.period_label} was shown as "
                f"{revision.old}, now {revision.new}."
            )
        if now is not None:
            if now.period_end.isoformat() > old["period_end"]:
                entry.lines.append(
                    f"New period reported: {now.period_label} {now.text} "
                    f"(the meeting saw {old['period_label']} {old['text']})."
                )
            if old["rating"] != now.rating and (old["rating"] or now.rating):
                entry.lines.append(
                    f"Rating against target moved from {_rating(old['rating'])} "
                    f"to {_rating(now.rating)}."
                )
            target = (now.target.text or now.target.printed) if now.target else ""
            if target != old["target"]:
                entry.lines.append(
                    f"Target changed from {old['target'] or 'none'} to {target or 'none'}."
                )
            for reason in now.exceptions:
                if reason not in old["exceptions"]:
                    entry.lines.append(f"New exception: {reason}.")
            for reason in old["exceptions"]:
                if reason not in now.exceptions:
                    entry.lines.append(f"Exception resolved: {reason}.")
        for question in answered.get(old["indicator_id"], []):
            entry.lines.append(
                f"{question.get_kind_display()} answered: \u201c{question.text}\u201d "
                f"\u2014 {question.response}"
            )
        if entry.lines:
            changes.append(entry)
    return changes


def _answered_since(meeting):
    """Responses published since the meeting, to questions from it or earlier, by indicator."""
    found = {}
    questions = Question.objects.filter(
        meeting__committee__authority=meeting.authority,
        meeting__date__lte=meeting.date,
        published_at__date__gte=meeting.date,
    ).exclude(status=Question.Status.OPEN)
    for question in questions.select_related("meeting"):
        found.setdefault(question.indicator_id, []).append(question)
    return found
