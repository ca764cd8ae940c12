"""Recording a meeting: its committee, the period reported, and the paper as presented."""

from django.db import transaction

from .models import Committee, FrozenPaper, Meeting
from .snapshot import freeze


class NothingToFreeze(ValueError):
    pass


def default_committee(authority):
    """The council's committee: its only one, else the one named as the council's own."""
    committees = list(Committee.objects.filter(authority=authority))
    if len(committees) == 1:
        return committees[0]
    named = [c for c in committees if c.name == authority.committee]
    if named:
        return named[0]
    if not committees and authority.committee:
        return Committee.objects.create(
            authority=authority, name=authority.committee, slug=_slug(authority.committee)
        )
    raise Committee.DoesNotExist(
        f"{authority} has {len(committees)} committees: say which with --committee "
        f"({', '.join(c.slug for c in committees) or 'none yet'})."
    )


def _slug(name):
    from django.utils.text import slugify

    return slugify(name)[:80]


@transaction.atomic
def record_meeting(committee, date, period_end, period_label, agenda_item="", user=None):
    """The meeting and its frozen paper. A meeting already frozen stays as it was: the
    paper is the record of what members saw (FrozenPaper refuses changes)."""
    meeting, _ = Meeting.objects.get_or_create(
        committee=committee,
        date=date,
        defaults={
            "period_end": period_end,
            "period_label": period_label,
            "agenda_item": agenda_item,
        },
    )
    if hasattr(meeting, "paper"):
        return meeting, False
    snapshot = freeze(committee.authority, period_end, period_label)
    if not any(group["rows"] for group in snapshot["table"]["groups"]):
        raise NothingToFreeze(
            f"{committee.authority} has no published figures as at {period_label}."
        )
    FrozenPaper.objects.create(meeting=meeting, snapshot=snapshot, recorded_by=user)
    return meeting, True
