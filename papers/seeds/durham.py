"""Durham Q1 2017/18 performance report, Appendix 3 "Summary of key performance indicators".

Each indicator is four rows of fixtures/papers/data-durham.csv: the latest value (with its
target), "Data 12 months earlier", England, and North East (*) or nearest neighbours (**).
The rating printed beside each comparator is kept as the published rating.
"""

import re

from indicators.models import ComparisonKind, KeyQuestion, Theme
from indicators.rules.periods import PeriodKind, parse_period_label
from indicators.rules.types import TargetKind

from .base import RAG_WORDS, UNITS, decimals_in, number, read_json, read_paper_rows

COMPARATORS = {
    "england": (ComparisonKind.NATIONAL, "england"),
    "north_east": (ComparisonKind.REGIONAL, "north-east"),
    "stat_neighbours": (ComparisonKind.STATISTICAL_NEIGHBOURS, "durham-cipfa-neighbours"),
}
# The cell as printed ("printed '8.8*'", "printed_value=No Data"); not the PI ref the notes
# also call printed ("PI ref printed 'ASH6'"), which once became AHS6's comparator cells.
PRINTED = re.compile(r"(?<!PI ref )printed(?:_value=| ')([^';]*)")
TABLE_REF = re.compile(r"Ref (\d+)")

# Durham reports quarterly; annual measures are refreshed once a year.
ANNUAL_KINDS = {PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR, PeriodKind.MULTI_YEAR_POOL}


def appendix3_rows():
    rows = read_paper_rows("data-durham.csv")
    return [r for r in rows if r["notes"].startswith("Appendix 3 Summary")]


def printed_cell(row):
    match = PRINTED.search(row["notes"])
    return match.group(1).strip() if match else row["value"]


def load_durham_appendix3(seeder):
    config = read_json("durham.json")
    durham = seeder.authority("durham")
    key_questions = _load_themes(durham, config["themes"])
    rows = appendix3_rows()
    by_ref = {}
    for row in rows:
        by_ref.setdefault(row["indicator_ref"], []).append(row)

    for order, (ref, group) in enumerate(by_ref.items(), start=1):
        latest = next(r for r in group if r["comparator"] == "self" and r["target"])
        theme_name, kq_label = (part.strip() for part in latest["theme"].split("|"))
        kind, _, _ = parse_period_label(latest["period_label"])
        if "Sep 2014 - Mar 2017" in latest["period_label"]:
            kind = PeriodKind.CUMULATIVE  # Stronger Families phase 2, programme to date
        indicator = seeder.indicator(
            durham,
            ref,
            name=latest["indicator_name"],
            theme=key_questions[(theme_name, kq_label)].theme,
            key_question=key_questions[(theme_name, kq_label)],
            polarity=latest["polarity"],
            unit=UNITS[latest["unit"]],
            decimal_places=decimals_in(latest["value"]) or 0,
            frequency="annual" if kind in ANNUAL_KINDS else "quarterly",
            aliases=config["aliases"].get(ref, []),
            footnote=config["footnotes"].get(ref, ""),
            published_quirk=config["indicator_quirks"].get(ref, ""),
            table_ref=TABLE_REF.search(latest["notes"]).group(1),
            order=order,
            source=config["source"],
        )
        _load_indicator_rows(seeder, config, durham, indicator, kind, latest, group)


def _load_themes(durham, themes):
    key_questions = {}
    for theme_data in themes:
        theme, _ = Theme.objects.update_or_create(
            authority=durham, name=theme_data["name"], defaults={"order": theme_data["order"]}
        )
        for kq in theme_data["key_questions"]:
            question, _ = KeyQuestion.objects.update_or_create(
                theme=theme,
                number=kq["number"],
                defaults={
                    "global_number": kq["global_number"],
                    "text": kq["text"],
                    "body_text": kq.get("body_text", ""),
                },
            )
            key_questions[(theme.name, f"{kq['number']}. {kq['text']}")] = question
    return key_questions


def _load_indicator_rows(seeder, config, durham, indicator, kind, latest, group):
    source = config["source"]
    label = latest["period_label"]
    period = seeder.period(kind, *_dates(latest))
    value = seeder.value(
        indicator,
        durham,
        period,
        value=number(latest["value"]),
        printed=latest["value"],
        printed_period_label=label if label != period.label else "",
        status="provisional" if "provisional" in label else "final",
        source=source,
    )
    if latest["target"] == "Tracker":
        seeder.target(
            indicator,
            durham,
            period,
            kind=TargetKind.TRACKER,
            value=None,
            printed="Tracker",
            source=source,
        )
    else:
        seeder.target(
            indicator,
            durham,
            period,
            kind=TargetKind.VALUE,
            value=number(latest["target"]),
            printed=latest["target"],
            source=source,
        )

    quirks = {(q["ref"], q["which"]): q["quirk"] for q in config["value_quirks"]}
    not_comparable = {(n["ref"], n["comparator"]): n["reason"] for n in config["not_comparable"]}
    for row in group:
        if row is latest:
            continue
        printed = printed_cell(row)
        rag = row["published_rag"]
        published = {
            "published_rating": RAG_WORDS.get(rag, ""),
            "printed_rating": rag,
            "printed_comparator": printed,
            "source": source,
        }
        if row["comparator"] == "self":
            if number(row["value"]) is not None:
                earlier = seeder.period(kind, *_dates(row))
                seeder.value(
                    indicator,
                    durham,
                    earlier,
                    value=number(row["value"]),
                    printed=row["value"],
                    published_quirk=quirks.get((indicator.ref, "previous_year"), ""),
                    source=source + ", 'Data 12 months earlier'",
                )
            seeder.published(value, ComparisonKind.PREVIOUS_YEAR, **published)
            continue
        comparison_kind, group_slug = COMPARATORS[row["comparator"]]
        comparator_group = seeder.group(group_slug)
        reason = not_comparable.get((indicator.ref, row["comparator"]), "")
        published.update(not_comparable=bool(reason), not_comparable_reason=reason)
        seeder.published(value, comparison_kind, comparator_group, **published)
        if number(row["value"]) is None:
            continue
        seeder.benchmark(
            comparator_group,
            indicator,
            _benchmark_period(seeder, row, kind, label),
            value=number(row["value"]),
            printed=printed,
            source=source,
            printed_period_label="" if row["period_label"] else "Period not printed",
        )


def _benchmark_period(seeder, row, kind, label):
    if not row["period_label"]:
        return None  # CYP S2 North East: the paper prints no period
    bench_kind, _, _ = parse_period_label(row["period_label"])
    if row["period_label"] == label:
        bench_kind = kind
    return seeder.period(bench_kind, *_dates(row))


def _dates(row):
    from datetime import date

    return date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
