"""What a committee saw at a period: each indicator's latest published value then."""

from indicators.models import Value


def latest_values(authority, period_end):
    """Each indicator's published whole-council value as a paper dated period_end showed
    it (the rule is Value.objects.latest_as_of), in the council's table order, with what
    the committee table and the exception advice read."""
    return list(
        Value.objects.published()
        .whole_authority()
        .filter(authority=authority)
        .latest_as_of(period_end)
        .for_export()
        .select_related("indicator__theme", "indicator__key_question")
        .order_by("indicator__order", "indicator__ref")
    )


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
