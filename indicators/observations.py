"""The open data export: one row per comparison of every value (README, "Open data")."""

import csv
import json

from indicators.comparisons import comparisons_for
from indicators.models import Value
from indicators.ranks import ranks_for
from indicators.rules.figures import stored
from indicators.spreadsheet_text import csv_record

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
]


def _figure(number):
    # Open data carries the stored figure unrounded, written by the one formatter.
    return stored(number)


def observation_rows(values):
    values = list(values)
    ranks = ranks_for(values)
    for value, comparisons in comparisons_for(values):
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
