"""The reads behind the member pages, each a fixed number of queries.

These belong on the indicators QuerySets (Value.objects.latest_as_of(...)); they live here
until the domain app adopts them, so the pages do not wait on it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery
from django.http import Http404

from indicators.models import Commentary, ComparatorGroup, Period, Value

# Periods the picker offers: the councils' reporting cycles (Durham and Stockton quarterly,
# Norfolk monthly). Other period kinds are reached through "latest".
CYCLE_KINDS = ("month", "quarter")
KIND_PREFERENCE = {"quarter": 0, "month": 1, "snapshot": 2}

VALUE_RELATED = (
    "indicator",
    "indicator__theme",
    "indicator__key_question",
    "indicator__rating_scheme",
    "authority",
    "authority__rating_scheme",
    "period",
)


@dataclass(frozen=True)
class PeriodChoice:
    end: date
    label: str

    @property
    def param(self):
        return self.end.isoformat()


def published_for(authorities):
    return Value.objects.published().filter(authority__in=authorities, area__isnull=True)


def latest_values(authorities, as_of=None, indicators=None):
    """Each indicator's latest published whole-authority value with period end <= as_of:
    the dashboard as it stood then. One query."""
    newer = Value.objects.published().filter(
        indicator=OuterRef("indicator"), authority=OuterRef("authority"), area__isnull=True
    )
    if as_of is not None:
        newer = newer.filter(period__end__lte=as_of)
    newest = newer.order_by("-period__end", "-period__start").values("pk")[:1]
    values = published_for(authorities).filter(pk=Subquery(newest))
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    else:
        values = values.filter(indicator__authority__in=authorities)
    return list(
        values.select_related(*VALUE_RELATED).order_by(
            "authority__name", "indicator__order", "indicator__ref"
        )
    )


def history(authorities, indicator_ids, as_of=None):
    """Published whole-authority values, oldest first, keyed by (indicator, authority)."""
    values = published_for(authorities).filter(indicator_id__in=indicator_ids)
    if as_of is not None:
        values = values.filter(period__end__lte=as_of)
    series = {}
    for v in values.select_related("period").order_by("period__end", "period__start"):
        series.setdefault((v.indicator_id, v.authority_id), []).append(v)
    return series


def commentaries_for(values):
    """{(indicator, authority, period): Commentary} for the given values. One query."""
    if not values:
        return {}
    found = Commentary.objects.filter(
        indicator_id__in={v.indicator_id for v in values},
        authority_id__in={v.authority_id for v in values},
        period_id__in={v.period_id for v in values},
    )
    return {(c.indicator_id, c.authority_id, c.period_id): c for c in found}


def comparator_groups(authority):
    return list(
        ComparatorGroup.objects.relevant_to(authority)
        .select_related("owner")
        .prefetch_related("members")
    )


def period_choices(authority):
    """The periods the dashboard can be shown at, newest first. One query."""
    rows = list(
        published_for([authority])
        .values_list("period__end", "period__kind", "period__label")
        .distinct()
    )
    if not rows:
        return []
    keep = {end for end, kind, _ in rows if kind in CYCLE_KINDS}
    keep.add(max(end for end, _, _ in rows))
    labels = {}
    for end, _kind, label in sorted(rows, key=lambda r: KIND_PREFERENCE.get(r[1], 9)):
        labels.setdefault(end, label)
    return [PeriodChoice(end, labels[end]) for end in sorted(keep, reverse=True)]


def resolve_period(param, choices):
    """The chosen PeriodChoice: `param` is an end date (2017-06-30) or a Period id.
    None means latest; anything unknown is a 404."""
    if not choices:
        if param:
            raise Http404("This council has no published data.")
        return None
    if not param:
        return choices[0]
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
