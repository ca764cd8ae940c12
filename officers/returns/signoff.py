"""Sign-off of a period return: draft -> submitted -> approved (published), or sent back.

A return carries the council's values for the period and every other change members would
see that is waiting for sign-off: targets, tolerances, benchmarks and commentary, whatever
their period. Four eyes: whoever submitted the return, or last changed anything in it,
cannot approve it (administrators included).
"""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from indicators import access
from indicators.models import (
    BenchmarkValue,
    Commentary,
    HistoryUpload,
    Indicator,
    Period,
    SignOff,
    Target,
    Tolerance,
    Value,
)
from indicators.models.workflow import publishing
from officers.imports.figures import RETURN_FREQUENCY

from .due import return_values

STEPS = {
    # action: (who may, from workflow, to workflow)
    SignOff.Action.SUBMITTED: (access.can_enter, Value.Workflow.DRAFT, Value.Workflow.SUBMITTED),
    SignOff.Action.APPROVED: (
        access.can_approve,
        Value.Workflow.SUBMITTED,
        Value.Workflow.APPROVED,
    ),
    SignOff.Action.SENT_BACK: (
        access.can_approve,
        Value.Workflow.SUBMITTED,
        Value.Workflow.DRAFT,
    ),
}

OTHER_CONTENT = {
    Target: "target",
    Tolerance: "tolerance",
    BenchmarkValue: "benchmark",
    Commentary: "commentary",
}


def other_changes(authority):
    """{model: queryset} of the council's targets, tolerances, benchmarks and commentary
    not yet approved: they go with the council's next return."""
    return {
        model: model.objects.pending().filter(
            **{"indicator__authority" if model is BenchmarkValue else "authority": authority}
        )
        for model in OTHER_CONTENT
    }


def occasional_values(authority):
    """Values of occasional indicators (an inspection, a survey) not yet approved. No return
    is due for them, so, like targets and commentary, they go with the council's next
    return, whatever their period (issue 13: otherwise they stay draft for ever)."""
    return Value.objects.pending().filter(
        authority=authority, indicator__frequency=Indicator.Frequency.OCCASIONAL
    )


def awaiting(authority, period):
    """The return's records not yet approved, as [(model, queryset)]: values first (the
    period's, and any occasional indicator's)."""
    values = return_values(authority, period).pending() | occasional_values(authority)
    return [(Value, values), *other_changes(authority).items()]


def describe(counts):
    """'3 values, 1 target' for {model: count}."""
    words = []
    for model, n in counts.items():
        if n:
            name = "value" if model is Value else OTHER_CONTENT[model]
            plural = "commentaries" if name == "commentary" else f"{name}s"
            words.append(f"{n} {name if n == 1 else plural}")
    return ", ".join(words)


def sign_off(action, authority, period, user, reason=""):
    """Move every record of the return one step; record the step. Returns the SignOff."""
    allowed, source, target = STEPS[action]
    if not allowed(user, authority):
        raise PermissionDenied(f"You may not do that for {authority}.")
    if action == SignOff.Action.SENT_BACK and not reason.strip():
        raise ValidationError("Say why the return is sent back.")
    with transaction.atomic():
        # Locked, so two approvers (or an approver and an officer) cannot both act on
        # the same rows; "of self": the rows themselves, not the joined tables.
        batch = {
            model: list(
                queryset.filter(workflow=source).select_for_update(of=("self",)).order_by("pk")
            )
            for model, queryset in awaiting(authority, period)
        }
        if not any(batch.values()):
            raise ValidationError(f"Nothing {Value.Workflow(source).label.lower()} in this return.")
        if action == SignOff.Action.APPROVED:
            _four_eyes(authority, period, user, batch)
        why = SignOff.Action(action).label + (f": {reason.strip()}" if reason.strip() else "")
        with publishing(why):
            for records in batch.values():
                for record in records:
                    record._change_reason = why
                    record._history_user = user
                    if target == Value.Workflow.APPROVED and record.revises_id:
                        record.publish_revision()
                    else:
                        record.workflow = target
                        record.save(update_fields=["workflow"])
        step = SignOff.objects.create(
            authority=authority,
            period=period,
            action=action,
            by=user,
            reason=reason.strip(),
            value_count=len(batch[Value]),
        )
        step.counts = {model: len(records) for model, records in batch.items()}
        return step


def _four_eyes(authority, period, user, batch):
    submitted = (
        SignOff.objects.filter(authority=authority, period=period, action=SignOff.Action.SUBMITTED)
        .order_by("-at", "-pk")
        .first()
    )
    if submitted is not None and submitted.by_id == user.pk:
        raise ValidationError(
            "You submitted this return: another approver must approve it (four eyes)."
        )
    own = [r for records in batch.values() for r in records if r.changed_by_id == user.pk]
    if own:
        raise ValidationError(
            f"You changed {len(own)} of the records in this return (the first: {own[0]}): "
            "another approver must approve it (four eyes)."
        )


# History back-fill: one upload covering many periods, signed off once ---------------------

RETURN_KIND = {"monthly": "month", "quarterly": "quarter", "annual": "financial_year"}


def return_periods(figures):
    """The return periods (existing or made) whose returns hold figures given as
    [(indicator frequency, (kind, start, end) of the figure's period)], oldest first."""
    spans = {return_span(frequency, span) for frequency, span in figures} - {None}
    return sorted(
        (Period.objects.for_span(*span) for span in spans), key=lambda p: (p.end, p.start)
    )


def return_span(frequency, span):
    """(kind, start, end) of the return holding a figure of this period, or None: the
    figure's own period where it is a return period, else the month, quarter or financial
    year of its indicator's frequency in which it ends."""
    period_kind, _, end = span
    if period_kind in RETURN_FREQUENCY and RETURN_FREQUENCY[period_kind] == frequency:
        return span
    kind = RETURN_KIND.get(frequency)
    if kind == "financial_year":
        first = end.year if end.month >= 4 else end.year - 1
        return (kind, date(first, 4, 1), date(first + 1, 3, 31))
    if kind == "quarter":
        month = (end.month - 1) // 3 * 3 + 1
        return (kind, date(end.year, month, 1), _month_end(end.year, month + 2))
    if kind == "month":
        return (kind, date(end.year, end.month, 1), _month_end(end.year, end.month))
    return None


def record_history_upload(plan, file_name, user):
    """Remember the returns a confirmed history upload filled (its written values'), so its
    batch sign-off acts on exactly those. Returns the HistoryUpload."""
    upload = HistoryUpload.objects.create(
        authority=plan.authority, file_name=file_name[:255], by=user
    )
    upload.periods.set(
        return_periods(
            (p.indicator.frequency, p.span)
            for p in plan.values
            if p.action != "unchanged" and p.span[0] is not None
        )
    )
    return upload


def uploads_awaiting(authority):
    """[(upload, [its returns holding values not yet approved], {their workflows})], newest
    upload first, for the uploads with any such return. Two queries however many uploads."""
    flows = {}
    pending = Value.objects.pending().filter(authority=authority, area__isnull=True)
    for frequency, kind, start, end, workflow in pending.values_list(
        "indicator__frequency", "period__kind", "period__start", "period__end", "workflow"
    ):
        flows.setdefault(return_span(frequency, (kind, start, end)), set()).add(workflow)
    found = []
    for upload in HistoryUpload.objects.filter(authority=authority).prefetch_related("periods"):
        periods = sorted(upload.periods.all(), key=lambda p: (p.end, p.start))
        periods = [p for p in periods if (p.kind, p.start, p.end) in flows]
        if periods:
            workflows = set().union(*(flows[(p.kind, p.start, p.end)] for p in periods))
            found.append((upload, periods, workflows))
    return found


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def sign_off_batch(action, authority, periods, user, reason=""):
    """One step (submit, approve, send back) for several returns at once - a council's
    history loaded in one upload - all or none: four eyes and permissions are checked for
    each return as sign_off does, and any refusal leaves every return as it was. Returns
    whose records are not at that step are passed over. Returns the SignOffs."""
    _, source, _ = STEPS[action]
    steps = []
    with transaction.atomic():
        for period in periods:
            if not any(
                qs.filter(workflow=source).exists() for _, qs in awaiting(authority, period)
            ):
                continue
            steps.append(sign_off(action, authority, period, user, reason))
        if not steps:
            raise ValidationError(f"Nothing {Value.Workflow(source).label.lower()} to sign off.")
    return steps
