"""The reads behind the member pages, each a fixed number of queries.

"Latest as of a date" is the committee papers' rule, Value.objects.latest_as_of(); the
functions here add what the pages need around it.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from indicators.comparisons.load import council_groups
from indicators.latest import published_for
from indicators.models import Commentary, Indicator, Period
from indicators.models.choices import COMPARATOR_GROUP_KIND_CHOICES
from indicators.rules.cycle import reporting_cycle
from indicators.rules.periods import PeriodKind

from .formatting import ref_slug

# The dashboard's trend: Norfolk's vital signs show 13 periods (a year of months and one
# more); the indicator page has the whole series.
TREND_PERIODS = 13

VALUE_RELATED = (
    "indicator",
    "indicator__theme",
    "indicator__key_question",
    "indicator__rating_scheme",
    "period",
)


@dataclass(frozen=True)
class PeriodChoice:
    end: date
    label: str
    in_cycle: bool = True  # a period of the council's reporting cycle (quarter or month)
    note: str = ""  # "latest quarter", "latest": the choice the pages open at

    @property
    def param(self):
        return self.end.isoformat()


# Which label names a day when several periods end on it: the cycle's, then the longer
# reporting periods, then the rest ("Apr - Jun 2017" before "As at Jun 2017").
LABEL_PREFERENCE = (
    "quarter",
    "month",
    "financial_year",
    "academic_year",
    "term",
    "snapshot",
)

# The pages open at the council's latest quarter (or month); when its published figures run
# further past that than this, the cycle has stopped (history imported after the last
# quarter, annual figures only) and they open at the newest reporting date instead.
CYCLE_LAPSES_AFTER_DAYS = 366


def trends(authorities, indicator_ids, as_of=None, length=TREND_PERIODS):
    """{(indicator, authority, kind of period): [(label, figure), ...]} oldest first: the
    last `length` values of each kind of period begun by as_of, as a row's trend shows
    them. Plain tuples, one query; each list is the row's trend as it is (3,000 points at
    national scale, not copied again per row)."""
    values = published_for(authorities).filter(indicator_id__in_ids=indicator_ids)
    if as_of is not None:
        values = values.begun_by(as_of)
    recent = values.annotate(
        newest_first=Window(
            RowNumber(),
            partition_by=[F("indicator_id"), F("authority_id"), F("period__kind")],
            order_by=[F("period__end").desc(), F("period__start").desc()],
        )
    ).filter(newest_first__lte=length)
    series = {}
    for indicator_id, authority_id, kind, label, printed_label, figure in recent.order_by(
        "period__end", "period__start"
    ).values_list(
        "indicator_id",
        "authority_id",
        "period__kind",
        "period__label",
        "printed_period_label",
        "value",
    ):
        series.setdefault((indicator_id, authority_id, kind), []).append(
            (printed_label or label, figure)
        )
    return series


def history(authority, indicator, as_of=None):
    """One indicator's published whole-authority values, oldest first: the indicator
    page's trend table."""
    values = published_for([authority]).filter(indicator=indicator)
    if as_of is not None:
        values = values.begun_by(as_of)
    return list(values.select_related("period").order_by("period__end", "period__start"))


def indicator_for(authority, slug):
    """The indicator whose reference gives this URL slug ("cyp-s16" for "CYP S16"): the
    council's own, or a national one. None when there is none. One query."""
    parts = [p for p in slug.split("-") if p]
    if not parts or not all(p.isalnum() for p in parts):
        return None
    # Narrow in SQL (case-insensitive, separators any run of other characters), then check
    # exactly with the function that made the slug.
    pattern = "^[^a-z0-9]*" + "[^a-z0-9]+".join(parts) + "[^a-z0-9]*$"
    candidates = (
        Indicator.objects.filter(Q(authority=authority) | Q(authority__isnull=True))
        .filter(ref__iregex=pattern)
        .select_related("theme", "key_question", "rating_scheme")
        .order_by(F("authority").asc(nulls_last=True), "order", "ref")
    )
    return next((i for i in candidates if ref_slug(i.ref) == slug), None)


def commentaries_for(values):
    """{(indicator, authority, period): Commentary} for the given values. One query."""
    if not values:
        return {}
    found = Commentary.objects.published().filter(
        indicator_id__in_ids={v.indicator_id for v in values},
        authority_id__in={v.authority_id for v in values},
        period_id__in_ids={v.period_id for v in values},
    )
    return {(c.indicator_id, c.authority_id, c.period_id): c for c in found}


class KeyGroup(NamedTuple):
    """A comparator group as the report key explains it."""

    name: str
    kind: str  # as the group's kind is displayed ("Statistical neighbours")
    model: str
    description: str
    owner_id: int | None
    members: list  # the members' names, A to Z


def comparator_groups(authority, loaded=None):
    """[KeyGroup] relevant to the council (ComparatorGroup.objects.relevant_to), in the
    groups' own order, each with its members' names A to Z. loaded: what
    indicators.comparisons.load.council_groups already read for the council's comparisons
    (the dashboard's), else it is read here (two queries)."""
    groups, groups_for, members = loaded or council_groups([authority.pk])
    relevant = groups_for.get(authority.pk, ())
    kinds = dict(COMPARATOR_GROUP_KIND_CHOICES)
    return [
        KeyGroup(
            group.name,
            str(kinds.get(group.kind, group.kind)),
            group.model,
            group.description,
            group.owner_id,
            sorted(members[pk].values()),
        )
        for pk, group in groups.items()
        if pk in relevant
    ]


def period_choices(authority):
    """Every reporting date of the council, newest first: each distinct end of a period with
    a published whole-council value (quarters, months, year ends, snapshots, academic
    years), labelled by the period of the council's reporting cycle where one ends that day.
    The choice the pages open at carries a note (default_choice). Two queries."""
    cycle = reporting_cycle(
        Indicator.objects.filter(authority=authority).values_list("frequency", flat=True)
    )
    # Each period asked whether the council has a value in it (an index probe for each of a
    # hundred periods), not the council's thousands of values made distinct: 1 ms, not 3.
    rows = set(
        Period.objects.filter(
            Exists(published_for([authority]).filter(period=OuterRef("pk")))
        ).values_list("end", "kind", "label")
    )
    preference = (cycle, *LABEL_PREFERENCE)
    by_end = {}
    for end, kind, label in rows:
        rank = preference.index(kind) if kind in preference else len(preference)
        by_end[end] = min(by_end.get(end, (rank, label, kind)), (rank, label, kind))
    choices = [
        PeriodChoice(end, label, in_cycle=kind == cycle)
        for end, (_rank, label, kind) in sorted(by_end.items(), reverse=True)
    ]
    default = default_choice(choices)
    return [replace(c, note=_default_note(c, cycle)) if c == default else c for c in choices]


def default_choice(choices):
    """The reporting date the pages open at: the latest period of the council's cycle,
    unless published figures run more than a year past it (then the newest date)."""
    if not choices:
        return None
    newest = choices[0]
    cycle = next((c for c in choices if c.in_cycle), None)
    if cycle is None or (newest.end - cycle.end).days > CYCLE_LAPSES_AFTER_DAYS:
        return newest
    return cycle


def _default_note(choice, cycle):
    return f"latest {PeriodKind(cycle).label_noun}" if choice.in_cycle else "latest"


def resolve_period(param, choices):
    """The chosen PeriodChoice: `param` is an end date (2017-06-30) or a Period id.
    None means the default (default_choice); anything unknown is a 404."""
    if not choices:
        if param:
            raise Http404("This council has no published data.")
        return None
    if not param:
        return next((c for c in choices if c.note), choices[0])
    end = _parse_end(param)
    for choice in choices:
        if choice.end == end:
            return choice
    raise Http404("No such period for this council.")


def _parse_end(param):
    try:
        return date.fromisoformat(param)
    except ValueError:
        pass
    if param.isdigit():
        period = Period.objects.filter(pk=int(param)).first()
        if period:
            return period.end
    raise Http404("Unknown period.")
