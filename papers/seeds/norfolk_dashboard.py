"""Norfolk Performance Monitoring 2017-18, 1.1: the vital-signs dashboard (§2.2).

Sixteen signs over 13 months (monthly block) or 13 quarter-ends (quarterly/termly block),
with numerator/denominator where printed and a target for the latest period only. Its RAG
colours did not survive the text, so no published rating is stored for it. What the pack
prints wrongly (7100.0%, fractions that do not give the percentage, definitions that change
inside a series) is kept as printed and flagged.
"""

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from indicators.rules.periods import PeriodKind
from indicators.rules.printed import parse_printed

from .base import UNITS, decimals_in, number

DASHBOARD = "Vital signs dashboard"
MONTHLY = "Vital signs dashboard - monthly"
POLARITIES = {"Bigger": "higher", "Smaller": "lower"}
APRIL = "April 2018 data only"
APRIL_NOTE = "April 2018 data only to 17:00 on 26/04/2018 (CareFirst to Liquidlogic migration)."


def load_dashboard(seeder, config, norfolk, theme, rows):
    """Returns {ref: (indicator, latest period)} for the report cards."""
    source = config["sources"]["dashboard"]
    scheme = seeder.scheme(config["dashboard_scheme"])
    signs = defaultdict(list)
    for row in rows:
        if row["area_or_theme"].startswith(DASHBOARD):
            signs[row["indicator_name"]].append(row)
    unknown = set(signs) - {spec["name"] for spec in config["vital_signs"]}
    if unknown:
        raise ValueError(f"Vital signs missing from norfolk.json: {sorted(unknown)}")

    latest = {}
    for order, spec in enumerate(config["vital_signs"], start=1):
        group = signs[spec["name"]]
        monthly = group[0]["area_or_theme"] == MONTHLY
        indicator = seeder.indicator(
            norfolk,
            spec["ref"],
            name=spec["name"],
            theme=theme,
            polarity=POLARITIES[spec["printed_polarity"]],
            unit=UNITS[group[0]["unit"]],
            decimal_places=max(decimals_in(r["value"]) for r in group),
            frequency="monthly" if monthly else "quarterly",
            rating_scheme=scheme,
            published_quirk=spec.get("quirk", ""),
            order=order,
            source=source,
        )
        change = spec.get("definition_change", {})
        changed = False
        for row in group:
            label = row["period_label"]
            changed = changed or label == change.get("from")
            quirk = change["quirk"] if changed else ""
            value = _value(seeder, norfolk, indicator, spec, row, monthly, quirk, source)
            if row["target"]:
                target = parse_printed(row["target"]).as_target()
                seeder.target(
                    indicator,
                    norfolk,
                    value.period,
                    kind=target.kind,
                    value=target.value,
                    inclusive=target.inclusive,
                    printed=row["target"],
                    source=source,
                )
        latest[spec["ref"]] = (indicator, value.period)
    return latest


def _value(seeder, norfolk, indicator, spec, row, monthly, quirk, source):
    label = row["period_label"]
    kind = PeriodKind.MONTH if monthly else PeriodKind.QUARTER
    start, end = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
    period = seeder.period(kind, start, end)
    override = spec.get("value_overrides", {}).get(label, {})
    figure = Decimal(override["value"]) if override else number(row["value"])
    numerator, denominator = number(row["numerator"]), number(row["denominator"])
    quirks = [quirk, override.get("quirk", ""), spec.get("value_quirks", {}).get(label, "")]
    if numerator is not None and denominator:
        places = decimals_in(row["value"])
        exact = numerator / denominator * 100
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if expected != figure:
            why = spec.get("fraction_note")
            quirks.append(
                f"Numerator/denominator {row['numerator']} / {row['denominator']} = "
                f"{expected}%, not the printed {row['value']}" + (f": {why}." if why else ".")
            )
    notes = [spec.get("value_notes", {}).get(label, "")]
    if APRIL in row["notes"]:
        notes.append(APRIL_NOTE)
    return seeder.value(
        indicator,
        norfolk,
        period,
        value=figure,
        numerator=numerator,
        denominator=denominator,
        printed=row["value"],
        # Quarter-end columns ("Mar 18") stand for the quarter; months print as themselves.
        printed_period_label="" if monthly else label,
        note=_join(notes),
        published_quirk=_join(quirks),
        source=source,
    )


def _join(texts):
    return " ".join(t for t in texts if t)
