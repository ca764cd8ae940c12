"""Writing official statistics (read by officers/imports/statistics.py): all or nothing, and
idempotent (the same file again changes nothing).

Without publication every figure is a draft. Publication is the administrators' bulk
publication of an official release, four eyes kept: the approver is an administrator
(superuser) other than the person who imported, and other than whoever last changed any
draft it publishes. Each published record's history names the approver and the reason.
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from indicators.benchmarks import refresh_benchmarks
from indicators.bulk import create_with_history
from indicators.councils import add_council, authority_for, england_group, regional_group
from indicators.models import BenchmarkValue, Indicator, Period, Value
from indicators.models.workflow import Workflow, publishing

from .apply import PlanRejected, _draft_change, _stamp


@dataclass
class IndicatorSpec:
    ref: str
    name: str = ""
    unit: str = ""
    polarity: str = ""
    frequency: str = ""


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)
    indicator: Indicator | None = None
    councils_added: list = field(default_factory=list)
    approver: object = None  # who published them; None leaves them drafts

    def __str__(self):
        # "published" counts drafts already stored that this import published unchanged.
        order = ["added", "changed", "published", "unchanged"]
        words = [f"{self.counts[f'values {k}']} {k}" for k in order]
        bench = [f"{self.counts[f'benchmarks {k}']} {k}" for k in order]
        text = f"Values: {', '.join(words)}. Official benchmarks: {', '.join(bench)}."
        if self.councils_added:
            text += f" Councils added as comparators: {len(self.councils_added)}."
        if self.approver is not None:
            return text + f" All are published, approved by {self.approver}."
        return text + " All are drafts until a second administrator publishes them."


class _DryRun(Exception):
    pass


def national_indicator(spec: IndicatorSpec, places: int, create=True):
    """The national indicator (no owning council) with this reference; created from the
    options when there is none. ValidationError says what is missing."""
    found = Indicator.objects.filter(authority__isnull=True, ref=spec.ref).first()
    if found is not None or not create:
        return found
    missing = [n for n in ("name", "unit", "polarity", "frequency") if not getattr(spec, n)]
    if missing:
        owners = list(
            Indicator.objects.filter(ref=spec.ref).values_list("authority__name", flat=True)
        )
        held = f" ({spec.ref} is an indicator of {', '.join(owners)} only)" if owners else ""
        raise ValidationError(
            f"There is no national indicator {spec.ref}{held}: give "
            + ", ".join(f"--{n}" for n in missing)
            + " to create it."
        )
    indicator = Indicator(
        ref=spec.ref,
        name=spec.name,
        unit=spec.unit,
        polarity=spec.polarity,
        frequency=spec.frequency,
        decimal_places=places,
    )
    indicator.full_clean(exclude=["authority"])
    indicator.save()
    return indicator


def apply_statistics(
    stats,
    spec: IndicatorSpec,
    *,
    source,
    importer=None,
    approver=None,
    publish=False,
    dry_run=False,
):
    """Write the file's figures; returns an Outcome. PlanRejected when any row is rejected,
    ValidationError when publication would break four eyes; nothing is written then.

    Publishing with no importer (the web: the administrator publishes drafts another
    imported) publishes only figures already stored as drafts, exactly as the file has them:
    anything the file would add or change must be imported as a draft first."""
    if stats.rejected:
        raise PlanRejected(f"{len(stats.rejected)} row(s) rejected; nothing imported")
    if publish:
        _check_four_eyes(importer, approver)
    outcome = Outcome(approver=approver if publish else None)
    try:
        with transaction.atomic():
            _write(stats, spec, outcome, source, importer, approver, publish)
            if publish and importer is None:
                new = sum(
                    outcome.counts[f"{w} {k}"]
                    for w in ("values", "benchmarks")
                    for k in ("added", "changed")
                )
                if new:
                    raise ValidationError(
                        f"{new} figure(s) of the file are not yet imported as drafts: import "
                        "the file first; another administrator then publishes it (four eyes)."
                    )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return outcome


def _check_four_eyes(importer, approver):
    if approver is None:
        raise ValidationError("Publishing needs --approved-by: the administrator who approves.")
    if not (approver.is_active and approver.is_superuser):
        raise ValidationError(
            f"{approver} is not an administrator: official statistics for every council are "
            "published by an administrator."
        )
    if importer is not None and importer.pk == approver.pk:
        raise ValidationError(
            "The approver must be someone other than the person importing (four eyes): "
            "give --by IMPORTER and --approved-by APPROVER, two different users."
        )


def _write(stats, spec, outcome, source, importer, approver, publish):
    indicator = national_indicator(spec, stats.places)
    outcome.indicator = indicator
    periods = {span: Period.objects.for_span(*span) for span in {r.span for r in stats.rows}}
    authorities = {}
    for council in {r.council for r in stats.rows if r.council}:
        authority = authority_for(council)
        if authority is None:
            authority, _ = add_council(council)
            outcome.councils_added.append(authority)
        authorities[council.ons_code] = authority
    reason = f"Official statistics: {source}"
    why = (
        f"{reason}; published by {approver} (approver), imported by {importer}"
        if publish
        else reason
    )
    existing = {
        (v.authority_id, v.period_id): v.working_copy()
        for v in Value.objects.filter(
            indicator=indicator,
            area__isnull=True,
            revises__isnull=True,
            period__in=periods.values(),
        ).select_related("pending_revision")
    }
    new = []
    with publishing(why) if publish else nullcontext():
        for row in stats.rows:
            if row.level != "council":
                continue
            authority = authorities[row.council.ons_code]
            period = periods[row.span]
            fields = {
                "value": row.value,
                "numerator": row.numerator,
                "denominator": row.denominator,
                "suppressed": row.suppressed,
                "lower_ci": row.lower_ci,
                "upper_ci": row.upper_ci,
                "ci_source": stats.format if row.lower_ci is not None else "",
                "printed": row.suppressed,
                "published_quirk": row.warning,
                "source": source,
            }
            stored = existing.get((authority.pk, period.pk))
            if stored is None:
                new.append(
                    Value(
                        indicator=indicator,
                        authority=authority,
                        period=period,
                        workflow=Workflow.APPROVED if publish else Workflow.DRAFT,
                        changed_by=importer,
                        **fields,
                    )
                )
                outcome.counts["values added"] += 1
                continue
            _update(stored, fields, outcome, "values", importer, approver, publish, why)
        create_with_history(new, approver if publish else importer, why)
        for row in stats.rows:
            if row.level == "council":
                continue
            if row.level == "national":
                group = england_group()
            elif row.code.startswith("E12"):
                group = regional_group(row.code, row.name)
            else:  # Inner and Outer London: no group of the portal's
                outcome.counts["sub-regional rows skipped"] += 1
                continue
            fields = {
                "value": row.value,
                "printed": row.suppressed,
                "note": row.warning,
                "source": source,
                "computed": False,
            }
            period = periods[row.span]
            stored = BenchmarkValue.objects.filter(
                comparator_group=group, indicator=indicator, period=period, revises__isnull=True
            ).first()
            if stored is None:
                bench = BenchmarkValue(
                    comparator_group=group,
                    indicator=indicator,
                    period=period,
                    workflow=Workflow.APPROVED if publish else Workflow.DRAFT,
                    changed_by=importer,
                    **fields,
                )
                _stamp(bench, approver if publish else importer, why)
                bench.save()
                outcome.counts["benchmarks added"] += 1
                continue
            _update(
                stored.working_copy(),
                fields,
                outcome,
                "benchmarks",
                importer,
                approver,
                publish,
                why,
            )
    if publish:
        # England's and the regions' official figures are kept; neighbours, best neighbour
        # and top quartile are computed from the councils' published figures.
        refresh_benchmarks(indicators=[indicator], periods=list(periods.values()))


def _update(record, fields, outcome, what, importer, approver, publish, why):
    same = all(getattr(record, name) == new for name, new in fields.items())
    if same and (record.workflow == Workflow.APPROVED or not publish):
        outcome.counts[f"{what} unchanged"] += 1
        return
    if not publish:
        _draft_change(record, fields, importer, why)
        outcome.counts[f"{what} changed"] += 1
        return
    if record.changed_by_id and record.changed_by_id == approver.pk:
        raise ValidationError(
            f"{approver} last changed {record}: another administrator must publish it (four eyes)."
        )
    _stamp(record, approver, why)
    if record.revises_id:
        for name, new in fields.items():
            setattr(record, name, new)
        record.revised_from(record.revises)
        record.publish_revision()
    else:
        if record.workflow == Workflow.APPROVED:
            before = type(record).objects.get(pk=record.pk)
            for name, new in fields.items():
                setattr(record, name, new)
            record.revised_from(before)
        else:
            for name, new in fields.items():
                setattr(record, name, new)
        record.workflow = Workflow.APPROVED
        record.save()
    outcome.counts[f"{what} {'published' if same else 'changed'}"] += 1
