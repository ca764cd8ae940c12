"""The open data export: one row per comparison of every value (README, "Open data")."""

import csv
import json

from indicators.comparisons import ComparisonFinder
from indicators.models import Value
from indicators.models.choices import BENCHMARK_KINDS
from indicators.ranks import ranks_for
from indicators.rules.figures import half_up, stored
from indicators.spreadsheet_text import csv_record
from indicators.statistics import StatisticsFinder, target_figure

COLUMNS = [
    "authority",
    "area",
    "indicator_ref",
    "indicator_name",
    "period_label",
    "period_start",
    "period_end",
    "value",
    "comparison_kind",
    "comparison_name",
    "comparison_value",
    "comparison_period_label",
    "rating",
    "published_rating",
    "direction",
    "published_direction",
    "printed_value",
    "comparison_printed",
    "not_comparable",
    "status",
    "flags",
    # A national indicator's benchmark rows: the council's place in that group.
    "rank",
    "rank_of",
    "quartile",
    # The statistical verdicts (README "Statistical methods"), empty where not computed.
    "numerator",
    "denominator",
    "polarity",
    "lower_ci",
    "upper_ci",
    "significance",
    "trend",
    "variation",
    "assurance",
]
STATISTICS_COLUMNS = COLUMNS[COLUMNS.index("numerator") :]
# Significance is tested against these comparisons only (a target is not an estimate).
TESTED_KINDS = {str(kind) for kind in BENCHMARK_KINDS}


def _figure(number):
    # Open data carries the stored figure unrounded, written by the one formatter.
    return stored(number)


def _limit(number):
    # An interval is worked out, not stored: four decimal places, half up.
    return "" if number is None else stored(half_up(number, 4))


def observation_rows(values):
    finder = ComparisonFinder(values)
    # Each value's series is read from the exported values themselves: no further query.
    statistics = StatisticsFinder(finder.values, series_values=finder.values)
    ranks = ranks_for(finder.values, groups=finder.council_groups)
    for value in finder.values:
        comparisons = finder.comparisons(value)
        stats = statistics.statistics(value, target_figure(finder.target_for(value)))
        interval = stats.interval
        base = {
            "authority": value.authority.name,
            "area": value.area.name if value.area_id else "",
            "indicator_ref": value.indicator.ref,
            "indicator_name": value.indicator.name,
            "period_label": value.period_label,
            "period_start": value.period.start.isoformat(),
            "period_end": value.period.end.isoformat(),
            "value": _figure(value.value),
            "printed_value": value.printed,
            "status": value.status,
            "numerator": _figure(value.numerator),
            "denominator": _figure(value.denominator),
            "polarity": value.indicator.polarity,
            "lower_ci": _limit(interval.lower if interval else None),
            "upper_ci": _limit(interval.upper if interval else None),
            "significance": "",
            "trend": stats.trend.words,
            "variation": stats.variation,
            "assurance": stats.assurance,
        }
        # An indicator's own quirk (Norfolk's exclusions printed as "Bigger is better")
        # travels with each of its figures, as on the member pages.
        indicator_quirk = [q for q in [value.indicator.published_quirk] if q]
        if not comparisons:
            yield {
                **dict.fromkeys(COLUMNS, ""),
                **base,
                "flags": " | ".join([*indicator_quirk, *filter(None, [value.published_quirk])]),
                "not_comparable": "",
            }
            continue
        for c in comparisons:
            rank = ranks.get(value.pk, {}).get(c.kind)
            yield {
                "rank": rank.rank.ordinal if rank else "",
                "rank_of": rank.rank.size if rank else "",
                "quartile": (rank.quartile or "") if rank else "",
                **base,
                "comparison_kind": str(c.kind),
                "comparison_name": c.name,
                "comparison_value": _figure(c.comparator_value),
                "comparison_period_label": c.comparator_period_label,
                "rating": str(c.rating),
                "published_rating": c.published_rating,
                "direction": str(c.direction),
                "published_direction": c.published_direction,
                "comparison_printed": c.comparator_printed,
                "not_comparable": "yes" if c.not_comparable else "",
                "flags": " | ".join(dict.fromkeys([*indicator_quirk, *c.quirks])),
                "significance": str(stats.significance(c.comparator_value))
                if str(c.kind) in TESTED_KINDS
                else "",
            }


def export_values(authority=None, published_only=True):
    values = Value.objects.all()
    if published_only:
        values = values.published()
    if authority is not None:
        values = values.filter(authority=authority)
    return values.for_export()


def write_csv(rows, stream):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    # Officers' printed figures and notes never run as formulas in a spreadsheet.
    writer.writerows(csv_record(row) for row in rows)


def write_json(rows, stream):
    json.dump(list(rows), stream, indent=1, ensure_ascii=False)
    stream.write("\n")
