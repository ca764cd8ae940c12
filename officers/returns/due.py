"""Which indicators are due in a council's return for a period, and what is still missing."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from indicators.comparisons import ComparisonFinder
from indicators.latest import recent_series
from indicators.models import BenchmarkValue, Commentary, Indicator, Target, Value
from indicators.rules.periods import period_label, shift_months
from officers.imports.figures import RETURN_FREQUENCY


def due_indicators(authority, period):
    """Indicators due by their frequency: quarterly ones in a quarter's return, and so on."""
    frequency = RETURN_FREQUENCY.get(period.kind)
    return Indicator.objects.filter(authority=authority, frequency=frequency).order_by(
        "order", "ref"
    )


def return_values(authority, period, indicators=None):
    """The council-wide values of a return: those whose period ends within it (a quarter's
    return holds "As at Jun 2017" and "Jul 2016 - Jun 2017" as well as "Apr - Jun 2017")."""
    indicators = due_indicators(authority, period) if indicators is None else indicators
    return (
        Value.objects.working()
        .filter(
            authority=authority,
            area__isnull=True,
            indicator__in=indicators,
            period__end__gte=period.start,
            period__end__lte=period.end,
        )
        .select_related("indicator", "period", "authority")
    )


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def default_label(return_period, latest):
    """The period a new value is for: the same kind of period the indicator was last
    reported for (a snapshot, a rolling year), moved to end in this return."""
    if latest is None or latest.period.kind == return_period.kind:
        return return_period.label
    p = latest.period
    try:
        start, end = shift_months(p.kind, p.start, p.end, _months_between(p.end, return_period.end))
        return period_label(p.kind, start, end)
    except ValueError:
        return return_period.label


def grid_rows(authority, period):
    """One row per due indicator, pre-filled with what is stored. Four queries."""
    indicators = list(due_indicators(authority, period))
    # One value per indicator by the committee papers' rule (Value.objects.latest_as_of):
    # a month rather than the year to date over the same days.
    stored = {
        v.indicator_id: v for v in return_values(authority, period, indicators).latest_as_of()
    }
    latest = {
        v.indicator_id: v
        for v in Value.objects.working()
        .filter(
            authority=authority,
            area__isnull=True,
            indicator__in=indicators,
            period__end__lt=period.start,
        )
        .latest_as_of()
        .select_related("period")
    }
    commentary = {
        (c.indicator_id, c.period_id): c.performance_analysis
        for c in Commentary.objects.working().filter(authority=authority, indicator__in=indicators)
    }
    rows = []
    for ind in indicators:
        value = stored.get(ind.pk)
        row = {
            "indicator": ind,
            "value": value,
            "previous": latest.get(ind.pk),
            "period": value.period.label if value else default_label(period, latest.get(ind.pk)),
            "commentary": commentary.get((ind.pk, value.period_id), "") if value else "",
        }
        row["fingerprint"] = fingerprint(stored_cells(row))
        rows.append(row)
    return rows


# Lost updates (issue 11): each grid row carries a fingerprint of what it showed when the
# page was loaded; a save compares it with the row as stored now. A digest of the fields
# rather than a version column: the grid needs no model change, and commentary (a model
# of its own) is covered too.


def _figure(text):
    """A figure comparable however it is written: 80.10000000 and 80.1 are the same."""
    if text is None or str(text).strip() == "":
        return ""
    try:
        return format(Decimal(str(text).strip()).normalize(), "f")
    except InvalidOperation:
        return str(text).strip()


def _text(text):
    # Browsers post a textarea's line breaks as CR LF.
    return (text or "").replace("\r\n", "\n").strip()


def stored_cells(row):
    """A grid row's cells as stored: what the form shows when nothing was posted."""
    value = row["value"]
    if value is None:
        return {"commentary": row["commentary"]}
    return {
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "status": value.status,
        "note": value.note,
        "commentary": row["commentary"],
    }


def fingerprint(cells):
    """A digest of a row's figures, status, note and commentary, the same for the stored
    row and for the form posted back unchanged."""
    figures = [_figure(cells.get(name)) for name in ("value", "numerator", "denominator")]
    note = _text(cells.get("note"))
    # An empty row's status drop-down shows its first choice: no figure, no status.
    status = (cells.get("status") or "") if any(figures) or note else ""
    text = json.dumps([*figures, status, note, _text(cells.get("commentary"))])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def last_change(authority, row):
    """(who, when) of the latest audited change to a row's value or commentary, or None."""
    value = row["value"]
    records = []
    if value is not None:
        records.append(value.history.select_related("history_user").first())
        records.append(
            Commentary.history.filter(
                authority=authority, indicator=row["indicator"], period_id=value.period_id
            )
            .select_related("history_user")
            .first()
        )
    records = [r for r in records if r is not None]
    if not records:
        return None
    latest = max(records, key=lambda r: r.history_date)
    return (latest.history_user.get_username() if latest.history_user else "someone"), (
        latest.history_date
    )


def checklist(authority, period):
    """The officer's checklist before submitting: per due indicator, what is missing."""
    indicators = list(due_indicators(authority, period))
    values = list(return_values(authority, period, indicators).latest_as_of())
    by_indicator = {v.indicator_id: v for v in values}
    targets = defaultdict(list)
    for t in (
        Target.objects.working()
        .filter(authority=authority, indicator__in=indicators)
        .select_related("period")
    ):
        targets[t.indicator_id].append(t)
    benchmarked = set(
        BenchmarkValue.objects.working()
        .filter(indicator__in=indicators)
        .values_list("indicator_id", flat=True)
    )
    explained = set(
        Commentary.objects.working()
        .filter(authority=authority, indicator__in=indicators)
        .values_list("indicator_id", "period_id")
    )
    exceptions = _exceptions(authority, values)
    items = []
    for ind in indicators:
        value = by_indicator.get(ind.pk)
        missing = []
        if value is None or value.value is None:
            missing.append("value")
        period_id = value.period_id if value else None
        # The target the value will be rated against (the comparisons' choice); with no
        # value yet, the one for the return's own period.
        chosen = Target.choose(targets[ind.pk], value.period if value else period)
        if chosen is None:
            missing.append("target (or Tracker)")
        if ind.polarity != "none" and ind.pk not in benchmarked:
            missing.append("benchmarks")
        if ind.pk in exceptions and (ind.pk, period_id) not in explained:
            missing.append(f"commentary (an exception: {exceptions[ind.pk]})")
        if missing:
            items.append({"indicator": ind, "missing": missing})
    return items


def _exceptions(authority, values):
    """{indicator id: why it is an exception} for the return's values, by the one exception
    rule (ComparisonFinder.exceptions). Drafts count: this is the officer's check."""
    finder = ComparisonFinder(values)
    series = recent_series(values, working=True)
    flags = {
        (c.indicator_id, c.period_id): c
        for c in Commentary.objects.working().filter(
            authority=authority, indicator_id__in={v.indicator_id for v in values}
        )
    }
    found = {}
    for value in values:
        commentary = flags.get((value.indicator_id, value.period_id))
        _reasons, words = finder.exceptions(value, series.get(value.pk, []), commentary)
        if words:
            found[value.indicator_id] = "; ".join(words)
    return found
