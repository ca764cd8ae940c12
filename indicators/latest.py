"""What a committee saw at a period: each indicator's latest published value then."""

from indicators.models import Value


def latest_values(authority, period_end):
    """Each indicator's latest published whole-council value as it stood at period_end.

    A period counts once it has begun: Durham's Q1 2017/18 report shows the 2016/17
    academic year (to August 2017)."""
    values = (
        Value.objects.published()
        .filter(authority=authority, area__isnull=True, period__start__lte=period_end)
        .for_export()
        .select_related("indicator__theme", "indicator__key_question")
    )
    latest = {}
    for value in values:
        current = latest.get(value.indicator_id)
        if current is None or current.period.end <= value.period.end:
            latest[value.indicator_id] = value
    return sorted(latest.values(), key=lambda v: (v.indicator.order, v.indicator.ref))


def recent_series(values, length=4):
    """{value pk: [figures oldest to newest, ending with the value]} for the exception rule
    "worse three periods running", from one query over the indicators' published history."""
    wanted = {(v.indicator_id, v.authority_id) for v in values}
    history = (
        Value.objects.published()
        .filter(
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
