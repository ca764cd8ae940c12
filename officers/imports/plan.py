"""Checking rows against the database and planning what an import (or a return grid save)
would do: rows to add, rows to change (old -> new), rows unchanged, rows rejected.

Every check a value must pass is here, once: the return grid, the upload preview and
`manage.py import_values` all plan with plan_values()/plan_benchmarks().
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from indicators.models import (
    BenchmarkValue,
    Commentary,
    ComparatorGroup,
    Indicator,
    Period,
    SubArea,
    Value,
)
from indicators.rules.figures import stored
from indicators.rules.periods import parse_period_label

from .figures import CellError, change_share, period_fits_frequency, read_figure, read_status

FIGURES = ("value", "numerator", "denominator")
VALUE_FIELDS = (*FIGURES, "status", "note")
BENCHMARK_FIELDS = ("value", "note")


def period_bounds() -> tuple[date, date]:
    """The earliest start and the latest end a value's or benchmark's period may have."""
    earliest = date(int(getattr(settings, "SCRUTINY_EARLIEST_YEAR", 2000)), 1, 1)
    future = int(getattr(settings, "SCRUTINY_FUTURE_DAYS", 31))
    return earliest, timezone.localdate() + timedelta(days=future)


def change_note_share() -> Decimal:
    """A change bigger than this share since the previous period needs a note."""
    return Decimal(str(getattr(settings, "SCRUTINY_CHANGE_NOTE_SHARE", "0.25")))


@dataclass
class Rejection:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"row {self.row}, {self.column}: {self.reason}"


@dataclass
class Planned:
    """One row that passed every check: what it adds or changes."""

    row: int
    action: str  # "add", "change" or "unchanged"
    indicator: Indicator
    span: tuple  # (kind, start, end) of its period
    label: str
    fields: dict
    existing: object = None  # the stored Value or BenchmarkValue
    changes: list = field(default_factory=list)  # [(field, old, new)]
    warnings: list = field(default_factory=list)
    area: SubArea | None = None
    group: ComparatorGroup | None = None
    commentary: str | None = None  # only the return grid carries commentary

    @property
    def where(self):
        return self.group.name if self.group else (self.area.name if self.area else "")

    @property
    def shown_changes(self):
        """[(field, old, new)] as the preview prints them: 17, not 17.00000000."""
        return [(name, _show(old), _show(new)) for name, old, new in self.changes]


@dataclass
class Plan:
    authority: object
    return_period: Period | None = None
    values: list = field(default_factory=list)
    benchmarks: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    skipped: int = 0  # rows with no figure at all
    # At most this many rejections are kept (None: all); the rest are only counted, so a
    # file of a million bad rows neither fills the memory nor the preview page.
    keep_rejections: int | None = None
    more_rejected: int = 0

    def reject(self, *rejections):
        for rejection in rejections:
            if self.keep_rejections is None or len(self.rejected) < self.keep_rejections:
                self.rejected.append(rejection)
            else:
                self.more_rejected += 1

    @property
    def rejected_count(self):
        return len(self.rejected) + self.more_rejected

    def _of(self, action):
        return [p for p in self.values + self.benchmarks if p.action == action]

    @property
    def adds(self):
        return self._of("add")

    @property
    def changes(self):
        return self._of("change")

    @property
    def unchanged(self):
        return self._of("unchanged")

    @property
    def warnings(self):
        return [(p.row, w) for p in self.values + self.benchmarks for w in p.warnings]

    @property
    def ok(self):
        return not self.rejected

    @property
    def writes(self):
        return len(self.adds) + len(self.changes)

    def summary(self):
        return (
            f"{len(self.adds)} to add, {len(self.changes)} to change, "
            f"{len(self.unchanged)} unchanged, {self.rejected_count} rejected"
            + (f", {self.skipped} without figures skipped" if self.skipped else "")
        )

    def lines(self):
        """The preview as plain text, for the command line."""
        out = [self.summary()]
        for p in self.adds:
            out.append(
                f"  add     row {p.row}: {p.indicator.ref} {p.where} {p.label} = "
                f"{_show(p.fields['value'])}".replace("  =", " =")
            )
        for p in self.changes:
            diffs = "; ".join(f"{f} {_show(old)} -> {_show(new)}" for f, old, new in p.changes)
            out.append(f"  change  row {p.row}: {p.indicator.ref} {p.where} {p.label}: {diffs}")
        for row, warning in self.warnings:
            out.append(f"  warning row {row}: {warning}")
        for r in self.rejected:
            out.append(f"  reject  {r}")
        if self.more_rejected:
            out.append(f"  reject  ... and {self.more_rejected:,} more")
        return out


def _show(figure):
    if figure is None or figure == "":
        return "(blank)"
    if isinstance(figure, Decimal):
        return stored(figure)
    return str(figure)


def _key(text):
    return " ".join(str(text).split()).casefold()


def _near(text, names):
    match = difflib.get_close_matches(_key(text), list(names), n=1, cutoff=0.6)
    return f" (did you mean {names[match[0]]!r}?)" if match else ""


class Context:
    """Everything the checks look up, loaded in a fixed number of queries per plan."""

    def __init__(self, authority):
        self.authority = authority
        self.indicators = {}
        for ind in Indicator.objects.filter(authority=authority):
            for ref in [ind.ref, *ind.aliases]:
                self.indicators.setdefault(_key(ref), ind)
        self.ref_names = {_key(i.ref): i.ref for i in self.indicators.values()}
        self.areas = {}
        for area in SubArea.objects.filter(authority=authority):
            for name in [area.name, area.slug, *area.aliases]:
                self.areas[_key(name)] = area
        self.periods = defaultdict(list)
        for period in Period.objects.all():
            self.periods[(period.start, period.end)].append(period)
        self.values = {}
        self.history = defaultdict(list)
        # Officers work on each figure's pending revision where there is one.
        for v in Value.objects.working().filter(authority=authority).select_related("period"):
            self.values[(v.indicator_id, v.area_id, v.period_id)] = v
            self.history[(v.indicator_id, v.area_id, v.period.kind)].append(v)
        self.commentaries = {
            (c.indicator_id, c.period_id): c
            for c in Commentary.objects.working().filter(authority=authority)
        }
        self._groups = None
        self._benchmarks = None
        self.parsed_labels = {}
        self.period_bounds = period_bounds()

    @property
    def groups(self):
        if self._groups is None:
            self._groups = {}
            for g in ComparatorGroup.objects.relevant_to(self.authority):
                self._groups[_key(g.name)] = g
                self._groups[_key(g.slug)] = g
            self._benchmarks = {
                (b.comparator_group_id, b.indicator_id, b.period_id): b
                for b in BenchmarkValue.objects.working().filter(
                    indicator__authority=self.authority
                )
            }
        return self._groups

    @property
    def benchmarks(self):
        self.groups  # noqa: B018 - loads both
        return self._benchmarks

    def span(self, label):
        """(kind, start, end) of a printed label; cached, as a file repeats its periods."""
        if label not in self.parsed_labels:
            self.parsed_labels[label] = parse_period_label(label)
        return self.parsed_labels[label]

    def period_for(self, span):
        """The stored period for a span, or None when apply_plan must create it. A label
        reads as "rolling" where the council stored the same dates as cumulative."""
        kind, start, end = span
        stored = self.periods.get((start, end), [])
        for period in stored:
            if period.kind == kind:
                return period
        if kind == "rolling" and len(stored) == 1 and stored[0].kind == "cumulative":
            return stored[0]
        return None

    def previous(self, indicator, area, kind, start):
        earlier = [
            v
            for v in self.history[(indicator.pk, area.pk if area else None, kind)]
            if v.period.end < start and v.value is not None
        ]
        return max(earlier, key=lambda v: v.period.end, default=None)


def _cell(rejected, row, column, read, *args):
    try:
        return read(*args)
    except CellError as error:
        rejected.append(Rejection(row, column, str(error)))
        return None


def _read_period(ctx, plan, row, cells, indicator, rejected, allow_blank=False):
    label = cells.get("period", "")
    if not label and allow_blank:
        return (None, None, None), None, ""
    try:
        span = ctx.span(label)
    except ValueError as error:
        rejected.append(Rejection(row, "period", str(error) if label else "period is blank"))
        return None
    kind, start, end = span
    period = ctx.period_for(span)
    kind = period.kind if period else kind
    span = (kind, start, end)
    shown = period.label if period else label
    earliest, latest = ctx.period_bounds
    if end > latest:
        rejected.append(
            Rejection(
                row,
                "period",
                f"{shown!r} ends on {end.day} {end:%b %Y}, in the future: a figure can only be "
                "given for a period that has ended",
            )
        )
        return None
    if start < earliest:
        rejected.append(
            Rejection(
                row,
                "period",
                f"{shown!r} starts before {earliest.year}: the portal holds figures from "
                f"{earliest.year} on (is the year mistyped?)",
            )
        )
        return None
    if indicator and not allow_blank and not period_fits_frequency(indicator.frequency, kind):
        rejected.append(
            Rejection(
                row,
                "period",
                f"{shown!r} is a {kind.replace('_', ' ')} period but {indicator.ref} is "
                f"reported {indicator.get_frequency_display().lower()}",
            )
        )
        return None
    ret = plan.return_period
    if ret and not allow_blank and not (ret.start <= end <= ret.end):
        rejected.append(
            Rejection(row, "period", f"{shown!r} ends outside the return period {ret.label}")
        )
        return None
    return span, period, shown


def _indicator(ctx, row, cells, rejected):
    ref = cells.get("indicator_ref", "")
    indicator = ctx.indicators.get(_key(ref))
    if indicator is None:
        reason = (
            f"{ref!r} is not an indicator of {ctx.authority}{_near(ref, ctx.ref_names)}"
            if ref
            else "indicator_ref is blank"
        )
        rejected.append(Rejection(row, "indicator_ref", reason))
    return indicator


def plan_values(authority, rows, return_period=None, ctx=None, plan=None):
    """Check rows of text (see reading.VALUE_COLUMNS) for one council; return the Plan
    (or add them to `plan`)."""
    ctx = ctx or Context(authority)
    plan = plan or Plan(authority, return_period)
    seen = {}
    own_names = {_key(authority.name), _key(authority.slug)}
    share = change_note_share()
    unit_labels = {}
    for row, cells in rows:
        if not any(cells.get(c) for c in FIGURES):
            plan.skipped += 1  # the template lists every due indicator; blank ones wait
            continue
        rejected = []
        named = cells.get("authority", "")
        if _key(named) not in own_names:
            rejected.append(
                Rejection(
                    row,
                    "authority",
                    f"{named!r} is not {authority.name}: this import is for {authority.name} only"
                    if named
                    else "authority is blank",
                )
            )
        indicator = _indicator(ctx, row, cells, rejected)
        area = None
        if cells.get("area"):
            area = ctx.areas.get(_key(cells["area"]))
            if area is None:
                names = {_key(a.name): a.name for a in ctx.areas.values()}
                rejected.append(
                    Rejection(
                        row,
                        "area",
                        f"{cells['area']!r} is not an area of {authority}"
                        + _near(cells["area"], names),
                    )
                )
        period_read = _read_period(ctx, plan, row, cells, indicator, rejected)
        figures = {}
        if indicator and indicator.pk not in unit_labels:
            unit_labels[indicator.pk] = indicator.get_unit_display()  # once, not per cell
        for column in FIGURES:
            if indicator:
                figures[column] = _cell(
                    rejected,
                    row,
                    column,
                    read_figure,
                    cells.get(column),
                    indicator.unit,
                    unit_labels[indicator.pk],
                    indicator.ref,
                )
        status = _cell(rejected, row, "status", read_status, cells.get("status"))
        if indicator and not rejected and figures["value"] is None:
            rejected.append(Rejection(row, "value", "value is blank"))
        if rejected or not period_read:
            plan.reject(*rejected)
            continue
        span, period, label = period_read
        key = (indicator.pk, area.pk if area else None, span)
        if key in seen:
            plan.reject(
                Rejection(row, "period", f"duplicates row {seen[key]} ({indicator.ref} {label})")
            )
            continue
        seen[key] = row
        candidate = Value(
            indicator=indicator, authority=authority, area=area, **figures, status=status
        )
        typed = cells.get("value", "").strip().rstrip("%")
        candidate.published_places = len(typed.split(".", 1)[1]) if "." in typed else 0
        # A published figure that numerator / denominator does not give at its own
        # precision is kept as published, with a warning (issue 13), not refused.
        mismatch = candidate.fraction_mismatch(indicator)
        candidate.mismatch_is_warning = True
        try:
            candidate.clean()
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    plan.reject(Rejection(row, column, message))
            continue
        fields = {**figures, "status": status, "note": cells.get("note", "")}
        if mismatch:
            fields["published_quirk"] = f"As published: {mismatch}"
        existing = ctx.values.get((indicator.pk, key[1], period.pk)) if period else None
        planned = Planned(row, "add", indicator, span, label, fields, existing, area=area)
        if mismatch:
            planned.warnings.append(f"{mismatch[:-1]}; kept as published")
        if "commentary" in cells:
            planned.commentary = cells["commentary"]
        if existing:
            if existing.workflow == Value.Workflow.SUBMITTED:
                plan.reject(
                    Rejection(
                        row,
                        "value",
                        f"{indicator.ref} {label} is awaiting sign-off; "
                        "ask the approver to send the return back before changing it",
                    )
                )
                continue
            if existing.status == "revised" and fields["status"] == "final":
                fields["status"] = "revised"  # still the revision, not a new one
            planned.changes = [
                (name, getattr(existing, name), new)
                for name, new in fields.items()
                if _differs(getattr(existing, name), new)
            ]
            if (
                existing.workflow == Value.Workflow.APPROVED
                and planned.changes
                and fields["status"] == "final"
                and existing.status != "revised"
            ):
                # A correction to a published figure is a revision (issue #5).
                planned.changes = [c for c in planned.changes if c[0] != "status"]
                planned.changes.append(("status", existing.status, "revised"))
                fields["status"] = "revised"
            old_commentary = ctx.commentaries.get((indicator.pk, period.pk))
            old_text = old_commentary.performance_analysis if old_commentary else ""
            if planned.commentary is not None and planned.commentary != old_text:
                planned.changes.append(("commentary", old_text, planned.commentary))
            planned.action = "change" if planned.changes else "unchanged"
        elif planned.commentary:
            planned.changes.append(("commentary", "", planned.commentary))
        previous = ctx.previous(indicator, area, span[0], span[1])
        moved = change_share(previous.value if previous else None, figures["value"])
        if planned.action != "unchanged" and moved is not None and moved > share:
            if not fields["note"]:
                planned.warnings.append(
                    f"{indicator.ref} changed by {moved * 100:.0f}% since {previous.period_label} "
                    f"({_show(previous.value)} -> {_show(figures['value'])}): add a note "
                    "explaining it, or confirm it is right"
                )
        plan.values.append(planned)
    return plan


def plan_benchmarks(authority, rows, plan=None, ctx=None):
    """Check benchmark rows (see reading.BENCHMARK_COLUMNS) and add them to the plan."""
    ctx = ctx or Context(authority)
    plan = plan or Plan(authority)
    seen = {}
    for row, cells in rows:
        rejected = []
        name = cells.get("comparator_group", "")
        group = ctx.groups.get(_key(name))
        if group is None:
            names = {_key(g.name): g.name for g in ctx.groups.values()}
            rejected.append(
                Rejection(
                    row,
                    "comparator_group",
                    f"{name!r} is not a comparator group of {authority}{_near(name, names)}"
                    if name
                    else "comparator_group is blank",
                )
            )
        indicator = _indicator(ctx, row, cells, rejected)
        period_read = _read_period(ctx, plan, row, cells, indicator, rejected, allow_blank=True)
        figure = None
        if indicator:
            figure = _cell(
                rejected,
                row,
                "value",
                read_figure,
                cells.get("value"),
                indicator.unit,
                indicator.get_unit_display(),
                indicator.ref,
            )
            if figure is None and not rejected:
                rejected.append(Rejection(row, "value", "value is blank"))
        if rejected or not period_read:
            plan.reject(*rejected)
            continue
        span, period, label = period_read
        key = (group.pk, indicator.pk, span)
        if key in seen:
            plan.reject(Rejection(row, "period", f"duplicates row {seen[key]}"))
            continue
        seen[key] = row
        fields = {"value": figure, "note": cells.get("note", "")}
        existing = None
        if period or span[0] is None:
            existing = ctx.benchmarks.get((group.pk, indicator.pk, period.pk if period else None))
        planned = Planned(
            row, "add", indicator, span, label or "Latest available", fields, existing, group=group
        )
        if existing:
            planned.changes = [
                (n, getattr(existing, n), new)
                for n, new in fields.items()
                if _differs(getattr(existing, n), new)
            ]
            planned.action = "change" if planned.changes else "unchanged"
        plan.benchmarks.append(planned)
    return plan


def _differs(old, new):
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return old != new if (old is not None and new is not None) else old is not new
    return (old or "") != (new or "")


def plan_sheets(authority, sheets, return_period=None):
    """The plan for every sheet of an uploaded file. It keeps the first
    SCRUTINY_IMPORT_MAX_REJECTIONS rejections and counts the rest."""
    ctx = Context(authority)
    keep = int(getattr(settings, "SCRUTINY_IMPORT_MAX_REJECTIONS", 200))
    plan = Plan(authority, return_period, keep_rejections=keep)
    for sheet in sheets:
        # Cells the reader could not take as text (a formula with no saved result, a date
        # where a figure goes): their rows are rejected with that reason and not checked.
        plan.reject(*(Rejection(*problem) for problem in sheet.problems))
        if sheet.kind == "values":
            plan_values(authority, sheet.rows, return_period, ctx, plan)
        else:
            plan_benchmarks(authority, sheet.rows, plan, ctx)
    return plan
