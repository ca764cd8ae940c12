"""What a committee paper dated a day shows (Value.objects.latest_as_of is the rule), and
the recent figures of each value's series that the exception rule "worse three periods
running" reads. The member pages, the committee tables and the officers' advice all read
through here."""

from indicators.models import Value
from indicators.sharing import attach, attach_from_db


def published_for(authorities):
    return Value.objects.published().whole_authority().filter(authority__in=authorities)


def latest_values(authorities, as_of=None, indicators=None):
    """Each indicator's published whole-authority value as a committee paper dated as_of
    showed it (Value.objects.latest_as_of), the council's own indicators and the national
    ones it reports. One query for the values and their indicators; the periods, themes,
    key questions and schemes (a few dozen, each shared by many rows) come once each and
    are attached, rather than joined and built again on every row. `authorities` carry
    their rating scheme: every value gets its council from them."""
    values = published_for(authorities)
    if indicators is not None:
        values = values.filter(indicator__in=indicators)
    values = list(
        values.latest_as_of(as_of)
        .select_related("indicator")
        .order_by("authority__name", "indicator__order", "indicator__ref")
    )
    attach(values, "authority", {a.pk: a for a in authorities})
    attach_from_db(values, "period")
    shown = list({v.indicator_id: v.indicator for v in values}.values())
    for name in ("theme", "key_question", "rating_scheme"):
        attach_from_db(shown, name)
    return values


def recent_series(values, length=4, working=False):
    """{value pk: [figures oldest to newest, ending with the value]}, of the value's own
    kind of period, from one query over the indicators' whole-council history: published
    figures, or with working=True what officers are working on (drafts count)."""
    wanted = {(v.indicator_id, v.authority_id) for v in values}
    visible = Value.objects.working() if working else Value.objects.published()
    history = (
        visible.filter(
            indicator_id__in={i for i, _ in wanted},
            authority_id__in={a for _, a in wanted},
            area__isnull=True,
        )
        .select_related("period")
        .order_by("period__end")
    )
    series = {}
    for v in history:
        series.setdefault((v.indicator_id, v.authority_id, v.period.kind), []).append(v)
    result = {}
    for v in values:
        same_kind = series.get((v.indicator_id, v.authority_id, v.period.kind), [])
        earlier = [x.value for x in same_kind if x.period.end <= v.period.end]
        result[v.pk] = earlier[-length:]
    return result
