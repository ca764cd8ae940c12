"""The audit trail: every change to a value, target, tolerance, benchmark or commentary,
with who, when, before, after and why, from django-simple-history's records."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass

from indicators import access
from indicators.models import BenchmarkValue, Commentary, Target, Tolerance, Value
from indicators.rules.figures import stored
from indicators.spreadsheet_text import csv_row

# The longest "why" an officer or approver may give (the grid, sending back, the admin
# form): a few paragraphs. The audit column is text (SIMPLE_HISTORY_..._USE_TEXT_FIELD), so
# this is a sanity bound with a clear message, not the database's limit.
REASON_MAX_LENGTH = 2000

AUDITED = [Value, Target, Tolerance, BenchmarkValue, Commentary]
SKIP = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
COLUMNS = [
    "when",
    "who",
    "what",
    "record_id",
    "record",
    "action",
    "field",
    "before",
    "after",
    "why",
]


@dataclass
class Entry:
    when: object
    who: str
    what: str
    record_id: int
    record: str
    action: str
    changes: list  # [(field, before, after)]
    why: str


def _show(figure):
    if figure is None:
        return ""
    if hasattr(figure, "normalize"):
        return stored(figure)
    return str(figure)


def _records(model, user, authority=None, record_id=None):
    qs = model.history.select_related("history_user").order_by("id", "history_date", "history_id")
    path = access.AUTHORITY_PATHS[model._meta.model_name]
    ids = access.authority_ids(user)
    if ids is not None:
        qs = qs.filter(**{f"{path}__in": ids})
    if authority is not None:
        qs = qs.filter(**{path: authority})
    if record_id is not None:
        qs = qs.filter(id=record_id)
    return qs


def trail(user, authority=None, model=None, record_id=None):
    """Entries, newest first, for the councils the user holds a role for."""
    entries = []
    for m in AUDITED:
        if model and m._meta.model_name != model:
            continue
        fields = [f.attname for f in m.history.model._meta.fields if f.attname not in SKIP]
        previous = defaultdict(lambda: None)
        for rec in _records(m, user, authority, record_id):
            before = previous[rec.id]
            changes = [
                (f, _show(getattr(before, f)) if before else "", _show(getattr(rec, f)))
                for f in fields
                if before is None or getattr(before, f) != getattr(rec, f)
            ]
            if before is None:
                changes = [c for c in changes if c[2] != ""]
            previous[rec.id] = rec
            entries.append(
                Entry(
                    when=rec.history_date,
                    who=rec.history_user.get_username() if rec.history_user else "(system)",
                    what=m._meta.verbose_name,
                    record_id=rec.id,
                    record=_describe(rec),
                    action=ACTIONS.get(rec.history_type, rec.history_type),
                    changes=changes,
                    why=rec.history_change_reason or "",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _describe(rec):
    try:
        return str(rec.instance)
    except Exception:  # a deleted indicator or period: fall back to the id
        return f"#{rec.id}"


def write_csv(entries, out):
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in entries:
        for field, before, after in e.changes or [("", "", "")]:
            # Before, after and why are officers' own text: never a formula in a spreadsheet.
            writer.writerow(
                csv_row(
                    [
                        e.when.isoformat(),
                        e.who,
                        e.what,
                        e.record_id,
                        e.record,
                        e.action,
                        field,
                        before,
                        after,
                        e.why,
                    ]
                )
            )
