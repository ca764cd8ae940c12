"""The paper as presented, as JSON and back.

`freeze` reads the committee table (reports/exports/layout.py, whose rows come from the one
row source, reports/dashboard.py build_rows) and the pack's report cards, and keeps every
cell as the paper printed it. `thaw` turns the JSON back into a CommitteeTable the export
writers print, so the meeting's page and its Word, Excel and PDF never read live data.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.models import ExceptionReport
from reports.dashboard import Group
from reports.exports.layout import committee_table
from reports.exports.table import CommitteeTable, Shown, appendix3_table
from reports.report_cards import report_cards

VERSION = 1


def _number(value):
    return None if value is None else str(value)


def _cell(shown):
    return {
        "text": shown.text,
        "number": _number(shown.number),
        "decimals": shown.decimals,
        "rating": shown.rating,
        "label": shown.label,
    }


def _row(row):
    """What a row was made from: to tell what changed since (meetings/changes.py)."""
    if row is None:
        return None
    target = row.target
    return {
        "indicator_id": row.indicator_id,
        "area_id": row.area_id,
        "value_id": row.value_id,
        "ref": row.ref,
        "name": row.name,
        "unit": row.unit,
        "places": row.decimal_places,
        "value": _number(row.value),
        "text": row.text,
        "label": row.label,
        "period_label": row.period_label,
        "period_end": row.period_end.isoformat(),
        "rating": row.rating,
        "target": (target.text or target.printed) if target else "",
        "target_figure": _number(target.figure) if target else None,
        "exceptions": list(row.exceptions),
    }


def _card(card):
    return {
        "ref": card.indicator.ref,
        "title": card.title,
        "reasons": list(card.reasons),
        "rating": card.rating_words if card.rating else "",
        "target": card.target,
        "points": [[p.label, p.text, p.target] for p in card.points],
        "why_important": card.why_important,
        "background": card.background,
        "actions": card.actions,
        "success": card.success,
        "lead_officer": card.lead_officer,
        "data_owner": card.data_owner,
    }


def freeze(authority, period_end, period_label):
    """The performance report for the period as members are shown it now, as JSON."""
    # The pack's table and cards (reports/exports/pack.py), read as the pack reads them.
    table = committee_table(authority, period_end, period_label)
    if not table.rows_with_figures():
        # A paper with no numbered table (Stockton's Cabinet update): every figure shown.
        table = appendix3_table(authority, period_end, period_label, every_indicator=True)
    report = ExceptionReport.objects.for_period(authority, period_end)
    chosen = [(c.indicator, c.reasons) for c in report.chosen.all()] if report else []
    cards = report_cards(authority, period_end, chosen) if chosen else []
    return {
        "version": VERSION,
        "committee": (report.committee if report else "") or authority.committee,
        "table": {
            "title": table.title,
            "period_label": table.period_label,
            "columns": list(table.columns),
            "rating_columns": sorted(table.rating_columns),
            "column_groups": [list(g) for g in table.column_groups],
            "heading_rows": table.heading_rows,
            "footnotes": list(table.footnotes),
            "key_text": table.key_text,
            "key_notes": list(table.key_notes),
            "comparator_groups": [[name, list(people)] for name, people in table.comparator_groups],
            "groups": [
                {
                    "title": group.title,
                    "subtitle": group.subtitle,
                    "new_heading": group.new_heading,
                    "rows": [
                        {
                            "label": line.label,
                            "flags": list(line.flags),
                            "cells": [_cell(c) for c in line.cells],
                            "row": _row(line.row),
                        }
                        for line in group.rows
                    ],
                }
                for group in table.groups
            ],
        },
        "cards": [_card(card) for card in cards],
    }


@dataclass
class FrozenLine:
    """A committee-table line as printed: what the export writers read of a Line."""

    cells: list
    label: str
    flags: list
    row: dict | None
    revision: object = None  # a Revision (meetings/changes.py) when the figure has changed


@dataclass
class FrozenCard:
    ref: str
    title: str
    reasons: list
    rating: str
    target: str
    points: list
    why_important: str = ""
    background: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    success: list = field(default_factory=list)
    lead_officer: str = ""
    data_owner: str = ""


def _shown(cell):
    number = cell["number"]
    return Shown(
        text=cell["text"],
        number=None if number is None else Decimal(number),
        decimals=cell["decimals"],
        rating=cell["rating"],
        label=cell["label"],
    )


def thaw(snapshot, authority):
    """(CommitteeTable, [FrozenCard]) as the meeting was shown them."""
    t = snapshot["table"]
    groups = [
        Group(
            g["title"],
            g["subtitle"],
            [
                FrozenLine([_shown(c) for c in r["cells"]], r["label"], r["flags"], r["row"])
                for r in g["rows"]
            ],
            new_heading=g["new_heading"],
        )
        for g in t["groups"]
    ]
    table = CommitteeTable(
        title=t["title"],
        authority=authority,
        period_label=t["period_label"],
        columns=t["columns"],
        rating_columns=set(t["rating_columns"]),
        groups=groups,
        footnotes=t["footnotes"],
        key_text=t["key_text"],
        comparator_groups=[tuple(g) for g in t["comparator_groups"]],
        column_groups=[tuple(g) for g in t["column_groups"]],
        heading_rows=t["heading_rows"],
        key_notes=t["key_notes"],
    )
    cards = [FrozenCard(**card) for card in snapshot["cards"]]
    return table, cards


def rows_of(snapshot):
    """The rows the paper showed figures for, as frozen."""
    return [
        r["row"] for g in snapshot["table"]["groups"] for r in g["rows"] if r["row"] is not None
    ]
