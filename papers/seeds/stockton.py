"""Stockton-on-Tees Cabinet, 14 Sep 2017: Children's Services Progress Update, Q1 2017/18.

A narrative report against the Children's Services Strategy 2017-20 (seeds-stockton-norfolk.md
§1): four small tables and about sixteen KPIs in the text, under the strategy's six headings.
Stockton prints no targets and no RAG, so nothing here is rated; the comparators are England
and the North East (schools) and Tees Valley (NEET). fixtures/stockton.json holds the figures
as printed; this module turns each table into fixture entries and loads them with
load_entries(), which the Durham extras loader shares.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from indicators.models import BenchmarkValue, Indicator, Target, Theme, Value
from indicators.rules.periods import PeriodKind, parse_period_label
from indicators.rules.printed import parse_printed

from .base import decimals_in, number, read_json

# Comparator names in the fixtures -> ComparatorGroup slugs (fixtures/reference.json).
GROUPS = {
    "england": "england",
    "north_east": "north-east",
    "stat_neighbours": "durham-cipfa-neighbours",
    "tees_valley": "tees-valley",
}


def load_stockton(seeder):
    config = read_json("stockton.json")
    stockton = seeder.authority("stockton-on-tees")
    themes = {}
    for order, name in enumerate(config["themes"], start=1):
        themes[name], _ = Theme.objects.update_or_create(
            authority=stockton, name=name, defaults={"order": order}
        )
    entries = [
        *_school_entries(config["schools"]),
        *_neet_entries(config["neet"]),
        *_audit_entries(config["audits"]),
        *_home_entries(config["homes"]),
        *config["indicators"],
    ]
    load_entries(
        seeder,
        stockton,
        entries,
        source=config["source"],
        placement=lambda entry, order: {"theme": themes[entry["theme"]], "order": order},
    )


# The four tables ----------------------------------------------------------------------


def _school_entries(table):
    """Ofsted rankings: "94(2nd)" keeps its rank in the printed cell; the change since June
    2016 (percentage points) stays a note, because value minus change is not the June 2016
    figure exactly when both are rounded."""
    for phase in table["phases"]:
        printed, change = phase["stockton"]
        yield {
            "ref": phase["ref"],
            "name": phase["name"],
            "theme": table["theme"],
            "polarity": "higher",
            "unit": "percent",
            "frequency": "occasional",
            "detail": table["table"],
            "values": [
                {
                    "period": table["period"],
                    "printed_period": table["printed_period"],
                    "printed": printed,
                    "note": f"{rank_words(parse_printed(printed), table)}. "
                    + _change_words(change, table),
                }
            ],
            "benchmarks": [
                {
                    "group": group,
                    "period": table["period"],
                    "printed_period": table["printed_period"],
                    "printed": phase[group][0],
                    "note": _change_words(phase[group][1], table),
                }
                for group in ("england", "north_east")
            ],
        }


def rank_words(parsed, table):
    """Rank wording for the note: "Rank 2nd in the North East", "Rank =3rd in the North
    East (tied)", with the caveat that the paper does not say who is ranked."""
    tie = "=" if parsed.rank_tied else ""
    tied = " (tied)" if parsed.rank_tied else ""
    return (
        f"Rank {tie}{ordinal(parsed.rank)} in the {table['rank_group']}{tied} "
        f"({table['rank_caveat']})"
    )


def ordinal(n):
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _change_words(change, table):
    return (
        f"Change {table['change_label']}: {change} percentage points (printed '{change}'); "
        "the earlier figure is not printed and is not derived from the rounded change."
    )


def _neet_entries(table):
    """NEET / Not Known: each printed percentage reproduces to 2 d.p. only with the
    denominator Cohort less "Other (Not In EET or NEET)" (seeds-stockton-norfolk.md §1.3)."""
    counts = {row["row"]: row for row in table["counts"]}
    cohort, other = counts["Cohort"], counts["Other (Not In EET or NEET)"]
    common = {
        "theme": table["theme"],
        "frequency": "occasional",
        "detail": table["table"],
    }
    period = {"period": table["period"], "printed_period": table["printed_period"]}

    def cell(side, printed, numerator):
        denominator = cohort[side] - other[side]
        fraction = (
            f"{numerator} of {denominator} (cohort {cohort[side]} less {other[side]} "
            "'Other (Not In EET or NEET)')"
        )
        quirk = ""
        if not reproduces(printed, numerator, denominator):
            quirk = f"Printed {printed}, but {fraction} does not give it."
        return {**period, "printed": printed, "note": f"{fraction}.", "quirk": quirk}

    for pct in table["percentages"]:
        count = counts[pct["count"]]
        stockton = cell("stockton", pct["stockton"], count["stockton"])
        stockton.update(
            numerator=count["stockton"], denominator=cohort["stockton"] - other["stockton"]
        )
        yield {
            **common,
            "ref": pct["ref"],
            "name": f"{pct['row']} (academic age Year 12-14)",
            "polarity": pct["polarity"],
            "unit": "percent",
            "values": [stockton],
            "benchmarks": [
                {
                    "group": "tees_valley",
                    **cell("tees_valley", pct["tees_valley"], count["tees_valley"]),
                }
            ],
        }
    for row in table["counts"]:
        yield {
            **common,
            "ref": row["ref"],
            "name": f"{row['row']} (academic age Year 12-14)",
            "polarity": "none",
            "unit": "count",
            "values": [{**period, "printed": str(row["stockton"])}],
            "benchmarks": [{"group": "tees_valley", **period, "printed": str(row["tees_valley"])}],
        }


def _audit_entries(table):
    """Case-file audit judgements: whole-number shares of 31 (April 2016) and 46 (August
    2017) audits; each share reproduces from its count, and each column sums to 100."""
    columns = table["columns"]
    sums = [sum(number(row["cells"][i][1]) for row in table["rows"]) for i in range(len(columns))]
    for row in table["rows"]:
        values = []
        for column, (count, printed), total in zip(columns, row["cells"], sums, strict=True):
            quirk = (
                "" if total == 100 else f"The {column['printed_period']} shares add up to {total}%."
            )
            values.append(
                {
                    "period": column["period"],
                    "printed_period": column["printed_period"],
                    "printed": printed,
                    "numerator": count,
                    "denominator": column["audits"],
                    "note": f"{count} of {column['audits']} audits judged {row['judgement']}.",
                    "quirk": quirk,
                }
            )
        yield {
            "ref": row["ref"],
            "name": f"Case file audits judged {row['judgement']} (% of audits)",
            "theme": table["theme"],
            "polarity": "none",
            "unit": "percent",
            "frequency": "occasional",
            "detail": table["table"],
            "values": values,
        }


def _home_entries(table):
    """Residential homes: one categorical judgement per home, dated by its last full
    inspection (printed dd.mm.yy)."""
    for home, printed_date, judgement in table["homes"]:
        inspected = datetime.strptime(printed_date, "%d.%m.%y").date()
        yield {
            "ref": f"RH-{slugify(home)}",
            "name": f"{home}: Ofsted judgement at last full inspection",
            "theme": table["theme"],
            "polarity": "none",
            "unit": "judgement",
            "frequency": "occasional",
            "detail": table["table"],
            "values": [
                {
                    "period": f"As at {inspected.day} {inspected:%b %Y}",
                    "printed_period": f"{printed_date} (date of last full inspection)",
                    "printed": judgement,
                    "note": table["note"],
                }
            ],
        }


def reproduces(printed, numerator, denominator):
    """Whether numerator / denominator gives the printed percentage at its printed places,
    rounded half up as the councils do."""
    places = decimals_in(printed) or 0
    exact = Decimal(numerator) / Decimal(denominator) * 100
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == number(printed)


# The fixtures' entry format, shared with the Durham extras loader -------------------------
# (It belongs in seeds/base.py beside Seeder; kept here because that module is not ours.)


def load_entries(seeder, authority, entries, *, source, placement, sources=None):
    """Indicators with their values, benchmarks and targets from fixture entries:
    {"ref", "name", "polarity", "unit", "frequency", "values", "benchmarks", "targets"}.

    An entry marked "existing" adds to an indicator another loader made without changing its
    fields. A value, benchmark or target another loader wrote (another source) is never
    changed either: the entry's note and flag are added to it, so its figure stays as that
    paper printed it.
    """
    sources = sources or {}
    for order, entry in enumerate(entries, start=1):
        entry_source = _source(entry, source, sources)
        if entry.get("existing"):
            indicator = _existing_indicator(authority, entry["ref"])
        else:
            indicator = seeder.indicator(
                authority,
                entry["ref"],
                **_indicator_fields(entry, entry_source),
                **placement(entry, order),
            )
        for spec in entry.get("values", []):
            _load_value(seeder, authority, indicator, spec, _source(spec, entry_source, sources))
        for spec in entry.get("benchmarks", []):
            _load_benchmark(seeder, indicator, spec, _source(spec, entry_source, sources))
        for spec in entry.get("targets", []):
            _load_target(seeder, authority, indicator, spec, _source(spec, entry_source, sources))


def period_for(seeder, spec):
    """The period a fixture spec names by its label ("As at 31 Jul 2017", "Apr - Jun 2017"),
    with an optional "period_kind" where the label alone is ambiguous (cumulative programmes)."""
    kind, start, end = parse_period_label(spec["period"])
    return seeder.period(PeriodKind(spec.get("period_kind", kind)), start, end)


def _source(spec, default, sources):
    key = spec.get("source")
    source = sources.get(key, key) if key else default
    return f"{source}, {spec['detail']}" if spec.get("detail") else source


def _existing_indicator(authority, ref):
    try:
        return Indicator.objects.get(authority=authority, ref=ref)
    except Indicator.DoesNotExist:
        raise ValueError(f"{authority} has no indicator {ref}: load its own paper first.") from None


def _indicator_fields(entry, source):
    unit = entry["unit"]
    places = entry.get("decimal_places")
    if places is None:
        places = max((_places(spec, unit) for spec in entry.get("values", [])), default=0)
    return {
        "name": entry["name"],
        "polarity": entry["polarity"],
        "unit": unit,
        "decimal_places": places,
        "frequency": entry["frequency"],
        "definition": entry.get("definition", ""),
        "footnote": entry.get("footnote", ""),
        "published_quirk": entry.get("published_quirk", ""),
        "aliases": entry.get("aliases", []),
        "source": source,
    }


def _places(spec, unit):
    if unit == Indicator.Unit.JUDGEMENT:
        return 0
    return decimals_in(spec.get("value") or spec["printed"]) or 0


def _figure(spec, unit):
    if unit == Indicator.Unit.JUDGEMENT:
        return None
    if "value" in spec:  # an approximation ("around 1600") or a judgement
        return number(spec["value"])
    return number(spec["printed"])


def _printed_label(spec, period):
    label = spec.get("printed_period", "")
    return "" if label == period.label else label


def _load_value(seeder, authority, indicator, spec, source):
    period = period_for(seeder, spec)
    current = Value.objects.filter(
        indicator=indicator, authority=authority, area=None, period=period
    ).first()
    if current is not None and current.source != source:
        seeder.annotate(current, note=spec.get("note"), published_quirk=spec.get("quirk"))
        seeder.count("values annotated")
        return current
    if "printed" not in spec:
        raise ValueError(f"{indicator.ref} has no value for {period} to annotate.")
    value = seeder.value(
        indicator,
        authority,
        period,
        value=_figure(spec, indicator.unit),
        printed=spec["printed"],
        printed_period_label=_printed_label(spec, period),
        numerator=spec.get("numerator"),
        denominator=spec.get("denominator"),
        status=spec.get("status", Value.Status.FINAL),
        note=spec.get("note", ""),
        published_quirk=spec.get("quirk", ""),
        source=source,
    )
    # The model's own checks: a printed percentage must reproduce from its numerator and
    # denominator unless the fixture flags it as a published quirk.
    value.clean()
    return value


def _load_benchmark(seeder, indicator, spec, source):
    group = seeder.group(GROUPS.get(spec["group"], spec["group"]))
    period = period_for(seeder, spec) if spec.get("period") else None
    current = BenchmarkValue.objects.filter(
        comparator_group=group, indicator=indicator, period=period
    ).first()
    if current is not None and current.source != source:
        seeder.annotate(current, note=spec.get("note"), published_quirk=spec.get("quirk"))
        seeder.count("benchmark values annotated")
        return current
    return seeder.benchmark(
        group,
        indicator,
        period,
        value=number(spec.get("value", spec["printed"])),
        printed=spec["printed"],
        printed_period_label=(
            _printed_label(spec, period) if period else spec.get("printed_period", "")
        ),
        note=spec.get("note", ""),
        published_quirk=spec.get("quirk", ""),
        source=source,
    )


def _load_target(seeder, authority, indicator, spec, source):
    period = period_for(seeder, spec)
    current = Target.objects.filter(indicator=indicator, authority=authority, period=period)
    if current.exclude(source=source).exists():
        seeder.count("targets kept from another paper")
        return
    target = seeder.target(
        indicator,
        authority,
        period,
        kind=spec["kind"],
        value=number(spec.get("value")),
        upper=number(spec.get("upper")),
        deadline=spec.get("deadline"),
        printed=spec["printed"],
        note=spec.get("note", ""),
        source=source,
    )
    target.clean()
