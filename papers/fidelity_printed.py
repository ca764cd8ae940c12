"""Published judgements printed outside the rated tables, checked against the rules.

Loading them as published comparisons would rate one comparison twice (the mini-tables
repeat Appendix 3's cells) or invent a dashboard colour the text lost, so they stay in the
fixtures and are checked here, against the stored figures:
- Durham's mini-table rows, one ✓/✗ for two comparisons (indicators.rules.symbols);
- the Norfolk executive summary's list of vital signs "currently rated as Red".
What no rule can recompute is listed with the reason (`not_recomputable`).
"""

from indicators.comparisons import comparisons_for
from indicators.models import Authority, ComparisonKind, Value
from indicators.rules.periods import parse_period_label
from indicators.rules.printed import parse_printed
from indicators.rules.symbols import row_symbol
from papers.seeds.base import read_json

from .fidelity import Difference, Kept, Line, Tally

ROW_SYMBOL_KINDS = (ComparisonKind.REGIONAL, ComparisonKind.NATIONAL)


def tally_printed_judgements(councils=None):
    """{Line: Tally} for the judgements kept in the fixtures; councils limits by slug."""
    tallies = {}
    if _wanted("durham", councils):
        tallies.update(_mini_tables())
    if _wanted("norfolk", councils):
        tallies.update(_executive_summary_reds())
    return tallies


def _wanted(slug, councils):
    return (not councils or slug in councils) and Authority.objects.filter(slug=slug).exists()


def _published(slug, ref):
    return (
        Value.objects.published()
        .for_export()
        .filter(authority__slug=slug, indicator__ref=ref, area__isnull=True)
    )


def _mini_tables():
    tally = Tally()
    council = Authority.objects.get(slug="durham").name
    for table in read_json("durham_extras.json")["mini_tables"]:
        for row in table["rows"]:
            _, start, end = parse_period_label(row["cells"]["durham"][1])
            value = _published("durham", row["ref"]).get(period__start=start, period__end=end)
            [(_, comparisons)] = comparisons_for([value])
            ratings = [c.rating for c in comparisons if c.kind in ROW_SYMBOL_KINDS]
            computed = row_symbol(ratings)
            tally.add(
                computed == row["symbol"],
                Difference(
                    f"{row['ref']} '{row['row']}' ({table['table']}): printed {row['symbol']}, "
                    f"the North East and England ratings give {computed or 'no symbol'}"
                ),
            )
    return {
        Line(council, "row symbol", "mini-tables: North East and England", "whole council"): tally
    }


def _executive_summary_reds():
    tally = Tally()
    council = Authority.objects.get(slug="norfolk").name
    for ref in read_json("norfolk.json")["executive_summary_reds"]["refs"]:
        value = _published("norfolk", ref).order_by("-period__end").first()
        [(_, comparisons)] = comparisons_for([value])
        target = comparisons.target
        computed = target.rating if target else ""
        quirks = [value.indicator.published_quirk, *(target.quirks if target else [])]
        tally.add(
            computed == "red",
            Difference(
                f"{ref} {value.period_label}: {value.printed or value.value}, named Red, "
                f"computed {computed or 'not rated'}",
                "; ".join(q for q in quirks if q),
            ),
        )
    line = Line(
        council, "rating", "vital signs named Red in the executive summary", "whole council"
    )
    return {line: tally}


def not_recomputable(councils=None):
    """[Kept]: published judgements no documented rule can recompute, and why."""
    kept = []
    if _wanted("norfolk", councils):
        # Its locality glyphs printed with no figure are stored: fidelity.kept_as_printed.
        norfolk = read_json("norfolk.json")
        council = Authority.objects.get(slug="norfolk").name
        kept.append(
            Kept(
                council,
                len(norfolk["vital_signs"]),
                "vital signs' dashboard colour fills (13 periods each)",
                "the colour fills are lost in the text of the paper; only the executive "
                "summary's Red list survives (checked above)",
            )
        )
    if _wanted("stockton-on-tees", councils):
        stockton = Authority.objects.get(slug="stockton-on-tees")
        ranks = [
            v
            for v in Value.objects.filter(authority=stockton).exclude(printed="")
            if _has_rank(v.printed)
        ]
        kept.append(
            Kept(
                stockton.name,
                len(ranks),
                "ranks (94(2nd), 96(=3rd), 89 (1st))",
                "the ranking population and its values are not printed; the Cabinet update "
                "prints no rating, target or arrow, and its directions in words stay in notes",
            )
        )
    return kept


def _has_rank(printed):
    try:
        return parse_printed(printed).rank is not None
    except ValueError:
        return False
