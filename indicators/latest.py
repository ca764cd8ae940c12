"""The recent figures of each value's series, oldest first: what the exception rule
"worse three periods running" reads in the officers' advice and the return checklist."""

from indicators.models import Value


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
