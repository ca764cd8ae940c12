"""Targets beside a return's values. Each grid row shows the target its period is measured
against (Target.choose, the one target choice) or, where none applies yet, the last period's
carried forward, "Tracker" included: saving the row writes it for the new period, so the
dashboard shows the target rather than "No target" once the return is signed off."""

from __future__ import annotations

import copy
from collections import defaultdict

from indicators.models import Period, Target
from indicators.rules.periods import parse_period_label
from indicators.rules.printed import parse_printed

TARGET_HINT = "write it as the paper does: 85%, >=86%, <20%, 80-100% or Tracker"
PRINTED_MAX = Target._meta.get_field("printed").max_length


def _row_period(row):
    """The row's period: its value's, or (no value yet) an unsaved one from its label."""
    if row["value"] is not None:
        return row["value"].period
    kind, start, end = parse_period_label(row["period"])
    # pk 0 matches no stored target's period, so only covering and standing ones apply.
    return Period(pk=0, kind=kind, start=start, end=end)


def attach_targets(authority, rows):
    """Add to each grid row its "target" (the one that applies), "carried" (the latest
    earlier period's, when none applies) and "target_text" (what the input shows).
    One query, whatever the number of indicators."""
    by_indicator = defaultdict(list)
    for target in (
        Target.objects.working()
        .filter(authority=authority, indicator__in=[row["indicator"] for row in rows])
        .select_related("period", "indicator")
    ):
        by_indicator[target.indicator_id].append(target)
    for row in rows:
        period = _row_period(row)
        candidates = by_indicator[row["indicator"].pk]
        applied = Target.choose(candidates, period)
        carried = None
        if applied is None:
            earlier = [t for t in candidates if t.period_id and t.period.end < period.end]
            carried = max(earlier, key=lambda t: t.period.end, default=None)
        row["target"], row["carried"] = applied, carried
        shown = applied or carried
        row["target_text"] = shown.display if shown else ""
    return rows


def parse_target(text):
    """The TargetSpec a target cell states, or raise ValueError saying how to write one."""
    if len(text) > PRINTED_MAX:
        raise ValueError(f"the target is {len(text):,} characters; {TARGET_HINT}.")
    try:
        spec = parse_printed(text).as_target()
    except ValueError as error:  # not a number, or a range whose ends are the wrong way
        reason = str(error) if "range" in str(error) else ""
        spec = None
    else:
        reason = ""
    if spec is None:
        why = f" ({reason})" if reason else ""
        raise ValueError(f"'{text}' is not a target{why}: {TARGET_HINT}.")
    return spec


def planned_target(row, text):
    """What saving the row does to its target: None (nothing), or the spec to store for the
    row's period. Raises ValueError for a target that cannot be read."""
    text = (text or "").strip()
    if not text:
        return None  # cleared or never set: a target is removed in the admin, not here
    if row["target"] is not None and text == row["target"].display:
        return None  # unchanged
    return parse_target(text), text


def save_target(authority, row, planned, user, reason):
    """Store a row's target for the row's own period as a draft, signed off with the
    return; a change to a published target becomes its revision, as values do."""
    spec, text = planned
    if row["value"] is not None:
        period = row["value"].period
    else:
        period = Period.objects.for_span(*parse_period_label(row["period"]))
    record = (
        Target.objects.working()
        .filter(authority=authority, indicator=row["indicator"], period=period)
        .first()
    ) or Target(authority=authority, indicator=row["indicator"], period=period)
    stored = copy.copy(record) if record.pk else None
    record.kind, record.value, record.upper = spec.kind, spec.value, spec.upper
    record.inclusive = spec.inclusive
    # Carried forward keeps the paper's printed form; a typed one is printed as typed.
    carried = row["carried"]
    record.printed = carried.printed if carried and text == carried.display else text
    record.draft_of(stored, user)
    record._change_reason = reason
    if getattr(user, "pk", None):
        record._history_user = user
    record.save()
    return record
