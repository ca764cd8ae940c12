"""Writing a checked plan: all of it in one transaction, each change with who and why."""

from __future__ import annotations

import copy

from django.db import transaction

from indicators.bulk import create_with_history
from indicators.models import BenchmarkValue, Commentary, Period, Value


class PlanRejected(Exception):
    pass


def _stamp(instance, user, reason):
    # django-simple-history reads these when it writes the historical record.
    instance._change_reason = reason
    if user is not None:
        instance._history_user = user


def apply_plan(plan, user=None, reason="Imported"):
    """Write the plan's adds and changes, all or nothing: a plan with any rejected row is
    refused whole, on every path (the web, the return grid, the command line)."""
    if plan.rejected:
        raise PlanRejected(f"{len(plan.rejected)} row(s) rejected; nothing imported")
    periods = {}

    def period_of(planned):
        if planned.span[0] is None:
            return None
        if planned.span not in periods:
            stored = planned.existing.period if planned.existing else None
            periods[planned.span] = stored or Period.objects.for_span(*planned.span)
        return periods[planned.span]

    written = 0
    new_values = []
    with transaction.atomic():
        for planned in plan.values:
            if planned.action == "unchanged":
                continue
            period = period_of(planned)
            written += 1
            if planned.existing is None:
                value = Value(
                    indicator=planned.indicator,
                    authority=plan.authority,
                    area=planned.area,
                    period=period,
                    workflow=Value.Workflow.DRAFT,
                    changed_by=user if getattr(user, "pk", None) else None,
                    **planned.fields,
                )
                new_values.append(value)
                if planned.commentary:
                    _save_commentary(planned, plan.authority, period, user, reason)
                continue
            value = planned.existing
            changed = {name for name, _, _ in planned.changes}
            if changed - {"commentary"}:
                _draft_change(value, planned.fields, user, reason)
            if "commentary" in changed:
                _save_commentary(planned, plan.authority, period, user, reason)
        # New figures in bulk, each with its audit record (who, when, why), as save()
        # would write them: a 100,000-row return in seconds rather than minutes.
        create_with_history(new_values, user, reason)
        for planned in plan.benchmarks:
            if planned.action == "unchanged":
                continue
            bench = planned.existing or BenchmarkValue(
                comparator_group=planned.group,
                indicator=planned.indicator,
                period=period_of(planned),
            )
            _draft_change(bench, planned.fields, user, reason)
            written += 1
    return written


def _draft_change(record, fields, user, reason):
    """Store a change as a draft for sign-off; a change to a published record becomes its
    revision, and members keep the published one until the revision is approved."""
    stored = copy.copy(record) if record.pk else None
    for name, new in fields.items():
        setattr(record, name, new)
    record.draft_of(stored, user)
    _stamp(record, user, reason)
    record.save()


def _save_commentary(planned, authority, period, user, reason):
    commentary = Commentary.objects.working().filter(
        indicator=planned.indicator, authority=authority, period=period
    ).first() or Commentary(indicator=planned.indicator, authority=authority, period=period)
    _draft_change(commentary, {"performance_analysis": planned.commentary}, user, reason)
